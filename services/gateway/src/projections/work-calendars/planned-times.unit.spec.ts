import type { Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { calendarTimes, InvalidWorkCalendarError, shiftInstances, type WorkCalendarDefinition } from '@quadrant/work-calendar';
import { bucketTimes, coverOf, groupByCalendar, parseBuckets, PlannedTimes, roundTheClock, shiftBucketsOf, type Interval, type TimeBucket } from './planned-times';
import { resolveCalendar, type ResolvedCalendar, type WorkCalendarRecord } from './work-calendars.projection';

/** Three shifts round the working week in Paris, a Christmas day off, and two maintenance windows (one across a break). */
const threeShifts: WorkCalendarDefinition = {
  timeZone: 'Europe/Paris',
  shifts: [
    { name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:15', reason: 'coffee' }, { start: '12:00', end: '12:30', reason: 'lunch' }] },
    { name: 'Late', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '14:00', end: '22:00', breaks: [{ offsetMinutes: 240, durationMinutes: 30, reason: 'dinner' }] },
    { name: 'Night', days: ['SUN', 'MON', 'TUE', 'WED', 'THU'], start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:30' }] },
  ],
  plannedDowntime: [
    { start: '2026-03-24T10:00:00Z', end: '2026-03-24T11:15:00Z', reason: 'planned maintenance' },
    { start: '2026-03-28T20:00:00Z', end: '2026-03-30T04:00:00Z', reason: 'shutdown' },
  ],
  nonWorkingDays: [{ date: '2026-03-26', reason: 'holiday' }],
};

const HOUR = 3_600_000;

/** Consecutive buckets of `stepMs` from `from`, `count` of them. */
function consecutive(from: string, stepMs: number, count: number): TimeBucket[] {
  const start = Date.parse(from);
  return Array.from({ length: count }, (_, i) => ({ from: new Date(start + i * stepMs).toISOString(), to: new Date(start + (i + 1) * stepMs).toISOString() }));
}

/** Paris local days of March 2026 (DST starts on Sunday 29 March: that day lasts 23 h). */
function parisDays(): TimeBucket[] {
  const midnights = Array.from({ length: 32 }, (_, i) => {
    const day = i + 1;
    return day <= 29 ? Date.parse(`2026-03-${String(day).padStart(2, '0')}T00:00:00+01:00`) : Date.parse(`2026-${day <= 31 ? '03' : '04'}-${String(day <= 31 ? day : 1).padStart(2, '0')}T00:00:00+02:00`);
  });
  return midnights.slice(0, -1).map((start, i) => ({ from: new Date(start).toISOString(), to: new Date(midnights[i + 1] ?? start).toISOString() }));
}

function direct(definition: WorkCalendarDefinition, buckets: readonly TimeBucket[]): { POT: number; PDOT: number }[] {
  return buckets.map(({ from, to }) => {
    const times = calendarTimes(definition, from, to);
    return { POT: times.plannedOperatingTime, PDOT: times.plannedDownTime };
  });
}

describe('planned times per bucket', () => {
  it('equals calendarTimes bucket by bucket over Paris local days, across the DST change, a holiday and windows', () => {
    const days = parisDays();
    expect(days[28]).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    const times = bucketTimes(threeShifts, parseBuckets(days));
    expect(times).toEqual(direct(threeShifts, days));
    // Tuesday 24: 24 h, breaks (night 30, coffee 15, lunch 30, dinner 30) and the 75 min window, 15 of them lunch; Thursday 26 off but for the night begun on the 25th; Saturday 28 nothing.
    expect([times[23], times[25], times[27]]).toEqual([{ POT: 24 * 3600, PDOT: (105 + 60) * 60 }, { POT: 6 * 3600, PDOT: 30 * 60 }, { POT: 0, PDOT: 0 }]);
  });

  it('equals calendarTimes over hour buckets, and over buckets cut at odd instants and with offsets', () => {
    const hours = consecutive('2026-03-22T20:00:00.000Z', HOUR, 24 * 9);
    expect(bucketTimes(threeShifts, parseBuckets(hours))).toEqual(direct(threeShifts, hours));
    const odd = consecutive('2026-03-23T05:07:13.250Z', 17 * 60_000 + 500, 300);
    expect(bucketTimes(threeShifts, parseBuckets(odd))).toEqual(direct(threeShifts, odd));
    const offsets = [{ from: '2026-03-24T06:00:00+01:00', to: '2026-03-24T14:00:00+01:00' }];
    expect(bucketTimes(threeShifts, parseBuckets(offsets))).toEqual(direct(threeShifts, offsets));
  });

  it('equals calendarTimes for buckets out of order, overlapping, far apart or empty', () => {
    const buckets: TimeBucket[] = [
      { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' },
      { from: '2026-03-24T08:00:00Z', to: '2026-03-25T08:00:00Z' },
      { from: '2026-03-24T00:00:00Z', to: '2026-03-24T12:00:00Z' },
      { from: '2026-03-24T09:00:00Z', to: '2026-03-24T09:00:00Z' },
      { from: '2026-03-27T00:00:00Z', to: '2026-03-27T01:00:00Z' },
    ];
    expect(bucketTimes(threeShifts, parseBuckets(buckets))).toEqual(direct(threeShifts, buckets));
    expect(bucketTimes(threeShifts, [])).toEqual([]);
  });

  it('expands once per covered range: overlapping and nearby buckets merge, distant ones do not', () => {
    const cover = coverOf(parseBuckets([
      { from: '2026-03-24T08:00:00Z', to: '2026-03-24T10:00:00Z' },
      { from: '2026-03-24T09:00:00Z', to: '2026-03-24T11:00:00Z' },
      { from: '2026-03-25T06:00:00Z', to: '2026-03-25T07:00:00Z' },
      { from: '2026-03-28T00:00:00Z', to: '2026-03-28T00:00:00Z' },
      { from: '2026-03-30T00:00:00Z', to: '2026-03-30T01:00:00Z' },
    ]));
    expect(cover.map(({ start, end }) => [new Date(start).toISOString(), new Date(end).toISOString()])).toEqual([
      ['2026-03-24T08:00:00.000Z', '2026-03-25T07:00:00.000Z'],
      ['2026-03-30T00:00:00.000Z', '2026-03-30T01:00:00.000Z'],
    ]);
  });

  it('runs a unit without a calendar round the clock: POT the length of the bucket, PDOT 0', () => {
    expect(roundTheClock(parseBuckets([{ from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' }, { from: '2026-03-24T08:00:00Z', to: '2026-03-24T08:30:00Z' }]))).toEqual([
      { POT: 23 * 3600, PDOT: 0 },
      { POT: 1800, PDOT: 0 },
    ]);
  });

  it('refuses instants without an offset and buckets ending before they start, naming each', () => {
    const refusal = (): Interval[] => parseBuckets([{ from: '2026-03-24T08:00:00', to: '2026-03-24T09:00:00Z' }, { from: '2026-03-24T09:00:00Z', to: '2026-03-24T08:00:00Z' }]);
    expect(refusal).toThrow(InvalidWorkCalendarError);
    try {
      refusal();
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'buckets[0].from' }, { field: 'buckets[1].to', message: expect.stringMatching(/is before from/) }] });
    }
  });
});

describe('grouping units by calendar', () => {
  const record = (equipmentId: string, version: number): WorkCalendarRecord => ({ equipmentId, version, calendar: { timeZone: 'Europe/Paris', shifts: [] }, definedAt: '2026-03-01T00:00:00Z', streamPosition: version, eventId: 'e' });
  const calendars = new Map([
    ['lyon', record('lyon', 2)],
    ['press-1', record('press-1', 1)],
  ]);
  const resolve = (unit: string, site: string | null): ResolvedCalendar | null => resolveCalendar(unit, site, calendars, new Map());

  it('puts the units of one effective calendar in one group, and the units without a calendar in another', () => {
    const groups = groupByCalendar(
      new Map([
        ['press-1', resolve('press-1', 'lyon')],
        ['press-2', resolve('press-2', 'lyon')],
        ['press-3', resolve('press-3', 'lyon')],
        ['saw-1', resolve('saw-1', 'paris')],
        ['saw-2', resolve('saw-2', null)],
      ]),
    );
    expect(groups.map((g) => [g.calendar?.ownerId ?? null, g.workUnitIds])).toEqual([
      ['press-1', ['press-1']],
      ['lyon', ['press-2', 'press-3']],
      [null, ['saw-1', 'saw-2']],
    ]);
  });
});

describe('shift buckets', () => {
  const lateOnly: WorkCalendarDefinition = { timeZone: 'Europe/Paris', shifts: [{ name: 'Late', days: ['TUE'], start: '14:00', end: '22:00' }] };

  it('lists the distinct shift instances of several calendars, clipped to the range, by start', () => {
    const from = '2026-03-24T10:00:00.000Z';
    const to = '2026-03-25T06:00:00.000Z';
    const buckets = shiftBucketsOf([threeShifts, lateOnly, threeShifts], from, to);
    expect(buckets).toEqual([
      { shift: 'Early', date: '2026-03-24', from, to: '2026-03-24T13:00:00.000Z' },
      { shift: 'Late', date: '2026-03-24', from: '2026-03-24T13:00:00.000Z', to: '2026-03-24T21:00:00.000Z' },
      { shift: 'Night', date: '2026-03-24', from: '2026-03-24T21:00:00.000Z', to: '2026-03-25T05:00:00.000Z' },
      { shift: 'Early', date: '2026-03-25', from: '2026-03-25T05:00:00.000Z', to },
    ]);
    expect(buckets).toEqual(shiftInstances(threeShifts, from, to).map(({ shift, date, start, end }) => ({ shift, date, from: start, to: end })));
    expect(shiftBucketsOf([], from, to)).toEqual([]);
  });

  it('keeps same-named shifts of different calendars apart when their times differ', () => {
    const earlier: WorkCalendarDefinition = { timeZone: 'Europe/Paris', shifts: [{ name: 'Late', days: ['TUE'], start: '13:00', end: '21:00' }] };
    expect(shiftBucketsOf([lateOnly, earlier], '2026-03-24T00:00:00Z', '2026-03-25T00:00:00Z').map((b) => b.from)).toEqual(['2026-03-24T12:00:00.000Z', '2026-03-24T13:00:00.000Z']);
  });
});

describe('PlannedTimes cache', () => {
  const lyon: WorkCalendarRecord = {
    equipmentId: 'lyon',
    version: 1,
    calendar: { timeZone: 'Europe/Paris', shifts: [{ name: 'Day', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', end: '16:00' }] },
    definedAt: '2026-03-01T00:00:00Z',
    streamPosition: 1,
    eventId: 'e',
  };

  /** The gateway tables as a fake database answering PlannedTimes' reads, counting them. */
  function fakeDatabase() {
    const state = { generation: 1, reads: 0, calendars: new Map<string, WorkCalendarRecord>([['lyon', lyon]]) };
    const query = async <Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> => {
      const ids = (params[0] ?? []) as string[];
      if (sql.includes('work_calendar_generation')) return [{ generation: String(state.generation) }] as Row[];
      state.reads += 1;
      if (sql.includes('.equipment ')) return ids.filter((id) => id.startsWith('press')).map((id) => ({ equipment_id: id, path: ['acme', 'lyon', 'line-1', id] })) as Row[];
      if (sql.includes('work_calendars')) {
        return ids.flatMap((id) => {
          const c = state.calendars.get(id);
          return c ? [{ equipment_id: c.equipmentId, version: c.version, calendar: c.calendar, defined_at: c.definedAt, stream_position: c.streamPosition, event_id: c.eventId }] : [];
        }) as Row[];
      }
      return [];
    };
    const db: Database = { kind: 'postgres', query, transaction: (fn) => fn({ query }), exec: async () => undefined, close: async () => undefined };
    return { db, state };
  }

  it('answers from memory until the generation moves, then reads again', async () => {
    const { db, state } = fakeDatabase();
    const planned = new PlannedTimes({ db, transport: new InProcessTransport() }, 'gw');
    const first = await planned.calendarsOf(['press-1', 'press-2', 'saw-1']);
    expect([...first].map(([id, c]) => [id, c?.ownerId ?? null])).toEqual([['press-1', 'lyon'], ['press-2', 'lyon'], ['saw-1', null]]);
    const reads = state.reads;
    await planned.calendarsOf(['press-2', 'saw-1']);
    expect(await planned.timeZoneOf('press-1')).toBe('Europe/Paris');
    expect(state.reads).toBe(reads);
    state.calendars.set('lyon', { ...lyon, version: 2, calendar: { ...lyon.calendar, timeZone: 'America/Chicago' } });
    expect(await planned.timeZoneOf('press-1')).toBe('Europe/Paris');
    state.generation = 2;
    expect(await planned.timeZoneOf('press-1')).toBe('America/Chicago');
    expect(state.reads).toBeGreaterThan(reads);
    expect(await planned.timeZoneOf('saw-1')).toBe('UTC');
  });

  it('computes the units of one calendar once: they share one answer', async () => {
    const { db } = fakeDatabase();
    const planned = new PlannedTimes({ db, transport: new InProcessTransport() }, 'gw');
    const buckets = [{ from: '2026-03-23T00:00:00Z', to: '2026-03-24T00:00:00Z' }];
    const times = await planned.plannedTimes(['press-1', 'press-2', 'saw-1'], buckets);
    expect(times.get('press-1')).toEqual([{ POT: 8 * 3600, PDOT: 0 }]);
    expect(times.get('press-1')).toBe(times.get('press-2'));
    expect(times.get('saw-1')).toEqual([{ POT: 24 * 3600, PDOT: 0 }]);
    await expect(planned.plannedTimes(['press-1'], [{ from: 'yesterday', to: '2026-03-24T00:00:00Z' }])).rejects.toThrow(InvalidWorkCalendarError);
  });
});
