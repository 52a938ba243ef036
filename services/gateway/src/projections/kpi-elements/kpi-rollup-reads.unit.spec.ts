import { calendarBuckets } from './kpi-buckets';
import { LocalDays } from './kpi-day-rollups';
import { bucketIntervals, clustersOf, splitByLocalDays } from './kpi-rollup-reads';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('bucket intervals for width_bucket', () => {
  it('maps each interval between sorted bounds to its bucket, and a gap between shifts to none', () => {
    const hour = (h: number): number => at('2026-11-16T00:00:00Z') + h * 3_600_000;
    // Two shifts with a gap between them (14:00-22:00 is not a bucket).
    const { thresholds, bucketOfInterval } = bucketIntervals([
      { from: hour(6), to: hour(14), index: 0 },
      { from: hour(22), to: hour(30), index: 1 },
    ]);
    expect(thresholds).toEqual(['2026-11-16T06:00:00.000Z', '2026-11-16T14:00:00.000Z', '2026-11-16T22:00:00.000Z', '2026-11-17T06:00:00.000Z']);
    // width_bucket: 0 below the first bound, i within [bound i-1, bound i), 4 at or above the last.
    expect(bucketOfInterval).toEqual([-1, 0, -1, 1, -1]);
  });
});

describe('reading whole local days from day rows', () => {
  const days = new LocalDays();

  it('reads a DAY series cut in the same zone wholly from day rows, its clipped ends from hours', () => {
    const buckets = calendarBuckets(at('2026-10-24T05:00:00Z'), at('2026-10-27T12:00:00Z'), 'DAY', 'Europe/Paris');
    const split = splitByLocalDays(buckets, 'Europe/Paris', days);
    // Paris midnights: 22:00 UTC in summer time, 23:00 UTC after the change of 25 October.
    expect(split.days.map((p) => [iso(p.from), iso(p.to), p.index])).toEqual([
      ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 1],
      ['2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z', 2],
    ]);
    expect(split.rest.map((p) => [iso(p.from), iso(p.to), p.index])).toEqual([
      ['2026-10-24T05:00:00.000Z', '2026-10-24T22:00:00.000Z', 0],
      ['2026-10-26T23:00:00.000Z', '2026-10-27T12:00:00.000Z', 3],
    ]);
  });

  it('cuts any long bucket into the days it wholly holds and the hours around them', () => {
    const range = { from: at('2026-11-02T06:00:00Z'), to: at('2026-11-09T18:00:00Z') };
    const split = splitByLocalDays([range], 'UTC', days);
    expect(split.days.map((p) => [iso(p.from), iso(p.to)])).toEqual([['2026-11-03T00:00:00.000Z', '2026-11-09T00:00:00.000Z']]);
    expect(split.rest.map((p) => [iso(p.from), iso(p.to)])).toEqual([
      ['2026-11-02T06:00:00.000Z', '2026-11-03T00:00:00.000Z'],
      ['2026-11-09T00:00:00.000Z', '2026-11-09T18:00:00.000Z'],
    ]);
  });

  it('reads everything from finer rows without a zone, or for buckets shorter than a day', () => {
    const hours = calendarBuckets(at('2026-11-02T00:00:00Z'), at('2026-11-03T00:00:00Z'), 'HOUR', 'UTC');
    expect(splitByLocalDays(hours, 'UTC', days).days).toEqual([]);
    const [day] = calendarBuckets(at('2026-11-02T00:00:00Z'), at('2026-11-03T00:00:00Z'), 'DAY', 'UTC');
    expect(splitByLocalDays(day ? [day] : [], undefined, days)).toEqual({ days: [], rest: [{ from: day?.from, to: day?.to, index: 0 }] });
  });

  it('reads parts less than a day apart in one index range, farther ones apart', () => {
    const h = (hours: number): number => at('2026-11-02T00:00:00Z') + hours * 3_600_000;
    const clusters = clustersOf([
      { from: h(30), to: h(38), index: 1 },
      { from: h(6), to: h(14), index: 0 },
      { from: h(100), to: h(101), index: 2 },
    ]);
    expect(clusters).toEqual([
      { lo: h(6), hi: h(38) },
      { lo: h(100), hi: h(101) },
    ]);
  });
});
