import { randomUUID } from 'node:crypto';
import type { PublishedWorkCalendar, WorkCalendarEvent } from '@quadrant/contracts';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { calendarTimes, shiftInstances, type PlannedDowntimeWindow, type WorkCalendarDefinition } from '@quadrant/work-calendar';
import { equipmentDefined, GatewayHarness } from '../../testing/gateway-harness';
import { PlannedTimes, type TimeBucket } from './planned-times';

/** Production's work calendar events (CloudEvents on the transport) -> projection -> planned times. */
describe('work calendars read model and planned times', () => {
  let gateway: GatewayHarness;
  let planned: PlannedTimes;
  const line = ['acme', 'lyon', 'lyon-stamping', 'lyon-line-1'];

  /** The site's pattern, version 1: two shifts on weekdays. */
  const lyonV1: PublishedWorkCalendar = {
    timeZone: 'Europe/Paris',
    shifts: [
      { name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:15', reason: 'coffee' }] },
      { name: 'Late', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '14:00', end: '22:00', breaks: [{ offsetMinutes: 240, durationMinutes: 30, reason: 'dinner' }] },
    ],
  };
  /** Version 2 adds a night shift and a day off. */
  const lyonV2: PublishedWorkCalendar = {
    ...lyonV1,
    shifts: [...lyonV1.shifts, { name: 'Night', days: ['SUN', 'MON', 'TUE', 'WED', 'THU'], start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:30' }] }],
    nonWorkingDays: [{ date: '2026-11-11', reason: 'Armistice' }],
  };
  /** press-1's own pattern, in another zone. */
  const press1Own: PublishedWorkCalendar = {
    timeZone: 'Europe/London',
    shifts: [{ name: 'Day', days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], start: '06:00', end: '18:00', breaks: [{ start: '12:00', end: '12:45', reason: 'lunch' }] }],
  };
  const siteShutdown: PlannedDowntimeWindow = { start: '2026-11-03T08:00:00.000Z', end: '2026-11-03T12:00:00.000Z', reason: 'site shutdown' };
  const pressMaintenance: PlannedDowntimeWindow = { start: '2026-11-04T10:00:00.000Z', end: '2026-11-04T11:00:00.000Z', reason: 'planned maintenance' };
  const audit: PlannedDowntimeWindow = { start: '2026-11-05T13:00:00.000Z', end: '2026-11-05T15:00:00.000Z', reason: 'audit' };

  function onCalendar(streamPosition: number, event: WorkCalendarEvent): RecordedEvent {
    const at = '2026-11-01T12:00:00.000Z';
    return {
      eventId: randomUUID(),
      streamId: `work-calendar-${event.data.equipmentId}`,
      streamPosition,
      logPosition: '0',
      type: event.type,
      data: event.data,
      metadata: { occurredAt: at, actor: 'planner.anna' },
      recordedAt: at,
    };
  }
  const define = (equipmentId: string, position: number, version: number, calendar: PublishedWorkCalendar): RecordedEvent =>
    onCalendar(position, { type: 'WorkCalendarDefined', data: { equipmentId, version, calendar, definedAt: '2026-11-01T12:00:00.000Z' } });
  const book = (equipmentId: string, position: number, windowId: string, window: PlannedDowntimeWindow): RecordedEvent =>
    onCalendar(position, { type: 'PlannedDowntimeBooked', data: { equipmentId, windowId, ...window, bookedAt: '2026-11-01T12:00:00.000Z' } });
  const cancel = (equipmentId: string, position: number, windowId: string): RecordedEvent =>
    onCalendar(position, { type: 'PlannedDowntimeCancelled', data: { equipmentId, windowId, cancelledAt: '2026-11-01T13:00:00.000Z' } });

  /** Paris local days, Monday 2 to Sunday 15 November 2026 (UTC+1), including the 11 November holiday. */
  const parisDays: TimeBucket[] = Array.from({ length: 14 }, (_, i) => {
    const start = Date.parse('2026-11-02T00:00:00+01:00') + i * 86_400_000;
    return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
  });
  /** The hours of Tuesday 3 November (UTC), through the site shutdown. */
  const tuesdayHours: TimeBucket[] = Array.from({ length: 24 }, (_, hour) => ({
    from: `2026-11-03T${String(hour).padStart(2, '0')}:00:00.000Z`,
    to: hour === 23 ? '2026-11-04T00:00:00.000Z' : `2026-11-03T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
  }));
  const buckets = [...parisDays, ...tuesdayHours];

  function direct(definition: WorkCalendarDefinition, of: readonly TimeBucket[] = buckets): { POT: number; PDOT: number }[] {
    return of.map(({ from, to }) => {
      const times = calendarTimes(definition, from, to);
      return { POT: times.plannedOperatingTime, PDOT: times.plannedDownTime };
    });
  }

  beforeAll(async () => {
    gateway = await GatewayHarness.start('http://127.0.0.1:9');
    planned = gateway.app.get(PlannedTimes);
    await gateway.publish(
      equipmentDefined('acme', 'Enterprise'),
      equipmentDefined('lyon', 'Site', ['acme']),
      equipmentDefined('lyon-stamping', 'Area', ['acme', 'lyon']),
      equipmentDefined('lyon-line-1', 'WorkCenter', ['acme', 'lyon', 'lyon-stamping']),
      equipmentDefined('press-1', 'WorkUnit', line),
      equipmentDefined('press-2', 'WorkUnit', line),
      equipmentDefined('paris', 'Site', ['acme']),
      equipmentDefined('saw-1', 'WorkUnit', ['acme', 'paris', 'paris-cutting', 'paris-line-1']),
    );
    // The site's version 2 arrives, then its version 1 late; press-1 has its own calendar and maintenance; the site a shutdown.
    await gateway.publish(define('lyon', 2, 2, lyonV2), define('press-1', 1, 1, press1Own), book('press-1', 2, 'pm-1', pressMaintenance));
    await gateway.publish(define('lyon', 1, 1, lyonV1));
    await gateway.publish(book('lyon', 3, 'shutdown', siteShutdown));
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('keeps the latest calendar version of each owner: an older one arriving late does not overwrite it', async () => {
    const rows = await gateway.db.query<{ equipment_id: string; version: number; calendar: unknown }>(
      `select equipment_id, version, calendar from "${gateway.schema}".work_calendars order by equipment_id`,
    );
    expect(rows).toEqual([
      { equipment_id: 'lyon', version: 2, calendar: lyonV2 },
      { equipment_id: 'press-1', version: 1, calendar: press1Own },
    ]);
  });

  it('answers each element’s time zone over GraphQL: its own calendar’s, else its site’s, null without one', async () => {
    const answer = await gateway.graphql<{ [key: string]: { timeZone: string | null } | null }>(
      `{ a: equipment(id: "press-1") { timeZone } b: equipment(id: "press-2") { timeZone } c: equipment(id: "lyon-line-1") { timeZone } d: equipment(id: "saw-1") { timeZone } e: equipment(id: "acme") { timeZone } }`,
    );
    expect(answer.data).toEqual({ a: { timeZone: 'Europe/London' }, b: { timeZone: 'Europe/Paris' }, c: { timeZone: 'Europe/Paris' }, d: { timeZone: null }, e: { timeZone: null } });
  });

  it("resolves each unit's calendar: its own, else its site's, with the windows of both; none for a unit without", async () => {
    const calendars = await planned.calendarsOf(['press-1', 'press-2', 'saw-1']);
    expect(calendars.get('press-1')).toMatchObject({ ownerId: 'press-1', inherited: false, version: 1, siteId: 'lyon' });
    expect(calendars.get('press-1')?.definition).toEqual({ ...press1Own, plannedDowntime: [pressMaintenance, siteShutdown] });
    expect(calendars.get('press-2')).toMatchObject({ ownerId: 'lyon', inherited: true, version: 2, siteId: 'lyon' });
    expect(calendars.get('press-2')?.definition).toEqual({ ...lyonV2, plannedDowntime: [siteShutdown] });
    expect(calendars.get('saw-1')).toBeNull();
  });

  it('answers POT and PDOT per unit for day and hour buckets, as calendarTimes computes them directly', async () => {
    const times = await planned.plannedTimes(['press-1', 'press-2', 'saw-1'], buckets);
    expect(times.get('press-2')).toEqual(direct({ ...lyonV2, plannedDowntime: [siteShutdown] }));
    expect(times.get('press-1')).toEqual(direct({ ...press1Own, plannedDowntime: [pressMaintenance, siteShutdown] }));
    // Not vacuous: Tuesday 3 at the site is 24 h of shifts and 5 h planned down (night break 30 min, dinner 30, the 4 h shutdown, which takes the coffee break in).
    expect(times.get('press-2')?.[1]).toEqual({ POT: 24 * 3600, PDOT: (30 + 30 + 240) * 60 });
    expect(times.get('press-2')?.[parisDays.length + 9]).toEqual({ POT: 3600, PDOT: 3600 });
  });

  it('runs a unit without any calendar round the clock: POT the length of the bucket, PDOT 0', async () => {
    const times = await planned.plannedTimes(['saw-1', 'nowhere'], [...buckets, { from: '2026-11-03T10:00:00+01:00', to: '2026-11-03T10:30:00+01:00' }]);
    expect(times.get('saw-1')).toEqual([...buckets.map(({ from, to }) => ({ POT: (Date.parse(to) - Date.parse(from)) / 1000, PDOT: 0 })), { POT: 1800, PDOT: 0 }]);
    expect(times.get('nowhere')).toEqual(times.get('saw-1'));
  });

  it('counts a booked window, and no longer once it is cancelled', async () => {
    await gateway.publish(book('lyon', 4, 'audit', audit));
    const booked = await planned.plannedTimes(['press-2', 'press-1'], parisDays);
    expect(booked.get('press-2')).toEqual(direct({ ...lyonV2, plannedDowntime: [siteShutdown, audit] }, parisDays));
    expect(booked.get('press-1')).toEqual(direct({ ...press1Own, plannedDowntime: [pressMaintenance, siteShutdown, audit] }, parisDays));

    await gateway.publish(cancel('lyon', 5, 'audit'));
    const cancelled = await planned.plannedTimes(['press-2', 'press-1'], parisDays);
    expect(cancelled.get('press-2')).toEqual(direct({ ...lyonV2, plannedDowntime: [siteShutdown] }, parisDays));
    expect(cancelled.get('press-1')).toEqual(direct({ ...press1Own, plannedDowntime: [pressMaintenance, siteShutdown] }, parisDays));
    // The 2 h audit fell on Thursday 5, inside the Late shift at the site and the Day shift of press-1.
    for (const unit of ['press-2', 'press-1']) expect((booked.get(unit)?.[3]?.PDOT ?? 0) - (cancelled.get(unit)?.[3]?.PDOT ?? 0)).toBe(7200);
    const windows = await gateway.db.query(`select window_id, status from "${gateway.schema}".planned_downtime_windows where equipment_id = 'lyon' order by window_id`);
    expect(windows).toEqual([
      { window_id: 'audit', status: 'Cancelled' },
      { window_id: 'shutdown', status: 'Booked' },
    ]);
  });

  it('applies redelivered calendar events once: a booking does not revive a cancelled window, nor an old version return', async () => {
    const before = await planned.plannedTimes(['press-2'], parisDays);
    const again = book('lyon', 4, 'audit', audit);
    await gateway.publish(again);
    await gateway.publish(again);
    await gateway.publish({ ...define('lyon', 1, 1, lyonV1), eventId: randomUUID() });
    expect(await planned.plannedTimes(['press-2'], parisDays)).toEqual(before);
    const [row] = await gateway.db.query<{ version: number }>(`select version from "${gateway.schema}".work_calendars where equipment_id = 'lyon'`);
    expect(row?.version).toBe(2);
  });

  it("answers the distinct shift instances of the units' calendars in a range, clipped, by start", async () => {
    const from = '2026-11-03T04:00:00.000Z';
    const to = '2026-11-04T04:00:00.000Z';
    const shifts = await planned.shiftBuckets(['press-1', 'press-2', 'saw-1', 'press-2'], from, to);
    const expected = [...shiftInstances(lyonV2, from, to), ...shiftInstances(press1Own, from, to)]
      .map(({ shift, date, start, end }) => ({ shift, date, from: start, to: end }))
      .sort((a, b) => a.from.localeCompare(b.from));
    expect(shifts).toEqual(expected);
    expect(shifts.map((s) => `${s.shift} ${s.from}–${s.to}`)).toEqual([
      'Night 2026-11-03T04:00:00.000Z–2026-11-03T05:00:00.000Z',
      'Early 2026-11-03T05:00:00.000Z–2026-11-03T13:00:00.000Z',
      'Day 2026-11-03T06:00:00.000Z–2026-11-03T18:00:00.000Z',
      'Late 2026-11-03T13:00:00.000Z–2026-11-03T21:00:00.000Z',
      'Night 2026-11-03T21:00:00.000Z–2026-11-04T04:00:00.000Z',
    ]);
    expect(await planned.shiftBuckets(['saw-1'], from, to)).toEqual([]);
  });

  it("gives the time zone of a unit's calendar, of a scope's site calendar, else UTC", async () => {
    expect(await planned.timeZoneOf('press-1')).toBe('Europe/London');
    expect(await planned.timeZoneOf('press-2')).toBe('Europe/Paris');
    expect(await planned.timeZoneOf('lyon-line-1')).toBe('Europe/Paris');
    expect(await planned.timeZoneOf('lyon')).toBe('Europe/Paris');
    expect(await planned.timeZoneOf('saw-1')).toBe('UTC');
    expect(await planned.timeZoneOf('acme')).toBe('UTC');
  });

  it('sees a calendar revision and a unit defined after a first answer (the cache follows the projection)', async () => {
    expect((await planned.calendarsOf(['press-3'])).get('press-3')).toBeNull();
    await gateway.publish(equipmentDefined('press-3', 'WorkUnit', line));
    expect((await planned.calendarsOf(['press-3'])).get('press-3')).toMatchObject({ ownerId: 'lyon', version: 2 });

    const lyonV3: PublishedWorkCalendar = { ...lyonV2, timeZone: 'Europe/Berlin' };
    await gateway.publish(define('lyon', 6, 3, lyonV3));
    expect(await planned.timeZoneOf('press-3')).toBe('Europe/Berlin');
    expect((await planned.plannedTimes(['press-2'], parisDays)).get('press-2')).toEqual(direct({ ...lyonV3, plannedDowntime: [siteShutdown] }, parisDays));
  });
});
