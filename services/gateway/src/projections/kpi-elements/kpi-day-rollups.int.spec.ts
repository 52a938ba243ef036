import { randomUUID } from 'node:crypto';
import type { PublishedWorkCalendar } from '@quadrant/contracts';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { equipmentDefined, eventually, GatewayHarness, jobOrderRecorded, workUnitStateChanged } from '../../testing/gateway-harness';
import { created, jobOrderId, released } from '../../testing/job-order-facts';
import { KpiDayRollups } from './kpi-day-rollup-builds';

/**
 * Daily rollups against the hours they sum: press-1 in Paris works ten days across the end of summer time
 * (Sunday 25 October 2026 has 25 hours in Paris), then its site's calendar moves to New York. Every DAY
 * answer must equal its hours added up, whatever rows it was read from, and the day rows must be cut at the
 * site's local midnight.
 */
describe('KPI daily rollups', () => {
  let gateway: GatewayHarness;
  const line = ['acme', 'paris', 'paris-assembly', 'paris-line-1'];
  const press = [...line, 'press-1'];
  const scopes = [...press];
  const range = { from: '2026-10-19T22:00:00Z', to: '2026-10-30T23:00:00Z' };
  let position = 1;
  const origin = { occurredAt: '2026-10-19T06:00:00.000Z', actor: 'planner.anna' };
  let jobPosition = 3;

  const calendarOf = (timeZone: string): PublishedWorkCalendar => ({
    timeZone,
    shifts: [{ name: 'Day', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '18:00', breaks: [] }],
  });
  const calendarDefined = (version: number, timeZone: string): RecordedEvent => ({
    eventId: randomUUID(),
    streamId: 'work-calendar-paris',
    streamPosition: version,
    logPosition: '0',
    type: 'WorkCalendarDefined',
    data: { equipmentId: 'paris', version, calendar: calendarOf(timeZone), definedAt: '2026-10-01T00:00:00.000Z' },
    metadata: { occurredAt: '2026-10-01T00:00:00.000Z', actor: 'planner.anna' },
    recordedAt: '2026-10-01T00:00:00.000Z',
  });
  /** A worked day: Running 05:00 UTC, a 45-minute jam at 09:00, Idle from 17:00; 40 good and a scrap at noon. */
  const workDay = (date: string): RecordedEvent[] => {
    const at = (time: string): string => `${date}T${time}:00.000Z`;
    const states = [
      workUnitStateChanged(press, ++position, { state: 'Running', previousState: 'Idle', since: at('05:00') }),
      workUnitStateChanged(press, ++position, { state: 'Down', previousState: 'Running', since: at('09:00'), reasonCode: 'JAM' }),
      workUnitStateChanged(press, ++position, { state: 'Running', previousState: 'Down', since: at('09:45') }),
      workUnitStateChanged(press, ++position, { state: 'Idle', previousState: 'Running', since: at('17:00') }),
    ];
    const report = jobOrderRecorded(
      jobPosition++,
      { type: 'ProductionReported', data: { jobOrderId, segmentId: 'turn', workUnitId: 'press-1', good: 40, scrap: 1, rework: 0, reportedAt: at('12:00') } },
      origin,
    );
    return [...states, report];
  };

  const ELEMENTS = ['POT', 'PDOT', 'APT', 'ASUT', 'ADET', 'ADOT', 'FE', 'TTR', 'PQ', 'GQ', 'SQ'] as const;
  interface Bucket {
    from: string;
    to: string;
    elements: Record<(typeof ELEMENTS)[number], number>;
  }
  const series = async (scope: string, granularity: 'DAY' | 'HOUR' | 'WEEK'): Promise<Bucket[]> => {
    const answer = await gateway.graphql<{ kpis: { buckets: Bucket[] } }>(
      `query ($scope: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {
         kpis(scope: $scope, from: $from, to: $to, granularity: $granularity) { buckets { from to elements { ${ELEMENTS.join(' ')} } } }
       }`,
      { scope, ...range, granularity },
    );
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data.kpis.buckets;
  };
  /** Every DAY bucket against the HOUR buckets inside it, which the day rows never answer. */
  const expectDaysToEqualTheirHours = async (scope: string): Promise<Bucket[]> => {
    const [days, hours] = await Promise.all([series(scope, 'DAY'), series(scope, 'HOUR')]);
    for (const day of days) {
      const inside = hours.filter((hour) => hour.from >= day.from && hour.to <= day.to);
      for (const key of ELEMENTS) expect([scope, day.from, key, day.elements[key]]).toEqual([scope, day.from, key, expect.closeTo(inside.reduce((sum, hour) => sum + hour.elements[key], 0), 6)]);
    }
    return days;
  };
  const zones = async (): Promise<Record<string, string>> => {
    const rows = await gateway.db.query<{ scope_id: string; time_zone: string }>(`select scope_id, time_zone from "${gateway.schema}".kpi_scope_zones`);
    return Object.fromEntries(rows.map((row) => [row.scope_id, row.time_zone]));
  };
  const dayRowStarts = async (scope: string): Promise<string[]> => {
    const rows = await gateway.db.query<{ bucket: Date }>(
      `select bucket from "${gateway.schema}".kpi_scope_time where scope_id = $1 and grain_minutes = 1440 and version = 1 order by bucket`,
      [scope],
    );
    return rows.map((row) => row.bucket.toISOString());
  };
  const built = (): Promise<void> => gateway.app.get(KpiDayRollups).settled();

  beforeAll(async () => {
    gateway = await GatewayHarness.start('http://127.0.0.1:9');
    await gateway.publish(
      equipmentDefined('acme', 'Enterprise'),
      equipmentDefined('paris', 'Site', ['acme']),
      equipmentDefined('paris-assembly', 'Area', ['acme', 'paris']),
      equipmentDefined('paris-line-1', 'WorkCenter', ['acme', 'paris', 'paris-assembly']),
      equipmentDefined('press-1', 'WorkUnit', line),
      calendarDefined(1, 'Europe/Paris'),
    );
    await gateway.publish(jobOrderRecorded(1, created({ siteId: 'paris' }), origin), jobOrderRecorded(2, released, origin));
    await built();
  });

  afterAll(() => gateway.close());

  it('gives every scope day rows in its site’s zone, the enterprise in UTC', async () => {
    expect(await zones()).toEqual({ acme: 'UTC', paris: 'Europe/Paris', 'paris-assembly': 'Europe/Paris', 'paris-line-1': 'Europe/Paris', 'press-1': 'Europe/Paris' });
  });

  it('keeps day rows cut at local midnight as events come, across the change of clocks, equal to their hours', async () => {
    for (const date of ['2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29']) {
      await gateway.publish(...workDay(date));
    }
    const starts = await dayRowStarts('press-1');
    // Paris midnight is 22:00 UTC in summer time, 23:00 UTC from 25 October.
    expect(starts.slice(4, 7)).toEqual(['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    for (const scope of scopes) {
      const days = await expectDaysToEqualTheirHours(scope);
      // Eleven Paris days; the enterprise (no calendar) counts UTC days, the range's ends cut two of them.
      expect(days).toHaveLength(scope === 'acme' ? 12 : 11);
    }
    const [sunday] = (await series('paris', 'DAY')).filter((day) => day.from === '2026-10-24T22:00:00.000Z');
    expect(sunday).toMatchObject({ to: '2026-10-25T23:00:00.000Z', elements: { APT: 11 * 3_600 + 15 * 60, ADET: 45 * 60, FE: 1, GQ: 40, SQ: 1 } });
    // And that answer is read from the day row: a second more in the row is a second more in the answer.
    const nudge = (seconds: number): Promise<unknown> =>
      gateway.db.query(`update "${gateway.schema}".kpi_scope_time set apt = apt + $1 where scope_id = 'paris' and grain_minutes = 1440 and bucket = '2026-10-24T22:00:00Z'`, [seconds]);
    await nudge(1);
    const [nudged] = (await series('paris', 'DAY')).filter((day) => day.from === '2026-10-24T22:00:00.000Z');
    await nudge(-1);
    expect(nudged?.elements.APT).toBe(11 * 3_600 + 15 * 60 + 1);
  });

  it('cuts the days again when the site’s calendar moves to another zone', async () => {
    // Two versions in one batch (a catch-up): the later one counts.
    await gateway.publish(calendarDefined(2, 'Asia/Tokyo'), calendarDefined(3, 'America/New_York'));
    await built();
    expect(await zones()).toMatchObject({ paris: 'America/New_York', 'paris-line-1': 'America/New_York', 'press-1': 'America/New_York', acme: 'UTC' });
    // New York midnight: 04:00 UTC in summer time, 05:00 UTC from 1 November.
    expect((await dayRowStarts('press-1')).slice(0, 2)).toEqual(['2026-10-20T04:00:00.000Z', '2026-10-21T04:00:00.000Z']);
    for (const scope of scopes) await expectDaysToEqualTheirHours(scope);
  });

  it('adds late and new events to the day rows built from the hours', async () => {
    await gateway.publish(...workDay('2026-10-30'));
    // A late state inside a day already rolled up: an hour of setup on 22 October.
    await gateway.publish(
      workUnitStateChanged(press, ++position, { state: 'Setup', previousState: 'Running', since: '2026-10-22T13:00:00.000Z', reasonCode: 'CHANGEOVER' }),
      workUnitStateChanged(press, ++position, { state: 'Running', previousState: 'Setup', since: '2026-10-22T14:00:00.000Z' }),
    );
    for (const scope of scopes) await expectDaysToEqualTheirHours(scope);
    const week = await series('press-1', 'WEEK');
    const days = await series('press-1', 'DAY');
    expect(week.reduce((sum, bucket) => sum + bucket.elements.ASUT, 0)).toBe(3_600);
    expect(week.reduce((sum, bucket) => sum + bucket.elements.APT, 0)).toBeCloseTo(days.reduce((sum, bucket) => sum + bucket.elements.APT, 0), 6);
  });

  it('keeps day rows under a definition being re-projected, which then answers', async () => {
    const defined = await gateway.graphql(`mutation { defineKpis(minorStopThresholdSeconds: 3600, setupIsAvailabilityLoss: true) { version } }`);
    expect(defined.errors).toBeUndefined();
    await eventually(async () => {
      const answer = await gateway.graphql<{ kpiDefinition: { version: number } }>(`{ kpiDefinition { version } }`);
      return answer.data?.kpiDefinition.version === 2;
    }, 'definition 2 to become current', 20_000);
    for (const scope of scopes) await expectDaysToEqualTheirHours(scope);
    // The 45-minute jams are minor stops now: no delay, no failure.
    const days = await series('press-1', 'DAY');
    expect(days.reduce((sum, day) => sum + day.elements.ADET + day.elements.FE, 0)).toBe(0);
  });
});
