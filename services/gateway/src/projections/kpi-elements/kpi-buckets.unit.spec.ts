import { alignedRange, calendarBuckets, grainFor } from './kpi-buckets';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('KPI buckets', () => {
  it('cuts days at local midnight and clips the first and last to the range', () => {
    const buckets = calendarBuckets(at('2026-11-16T05:00:00Z'), at('2026-11-18T12:00:00Z'), 'DAY', 'Europe/Paris');
    expect(buckets.map((b) => [iso(b.from), iso(b.to)])).toEqual([
      ['2026-11-16T05:00:00.000Z', '2026-11-16T23:00:00.000Z'],
      ['2026-11-16T23:00:00.000Z', '2026-11-17T23:00:00.000Z'],
      ['2026-11-17T23:00:00.000Z', '2026-11-18T12:00:00.000Z'],
    ]);
    expect(grainFor(buckets)).toBe(60);
  });

  it('has a 23-hour day when the clocks go forward, and starts weeks on Monday', () => {
    const [short] = calendarBuckets(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), 'DAY', 'Europe/Paris');
    expect(short && (short.to - short.from) / 3_600_000).toBe(23);
    const weeks = calendarBuckets(at('2026-11-18T00:00:00Z'), at('2026-11-30T00:00:00Z'), 'WEEK', 'UTC');
    expect(weeks.map((b) => iso(b.from))).toEqual(['2026-11-18T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
  });

  it('follows the local hour in a half-hour zone, which needs the 15-minute grain', () => {
    const hours = calendarBuckets(at('2026-11-16T00:00:00Z'), at('2026-11-16T02:00:00Z'), 'HOUR', 'Asia/Kolkata');
    expect(hours.map((b) => iso(b.from))).toEqual(['2026-11-16T00:00:00.000Z', '2026-11-16T00:30:00.000Z', '2026-11-16T01:30:00.000Z']);
    expect(grainFor(hours)).toBe(15);
  });

  it('moves a query range out to whole 15-minute buckets', () => {
    const range = alignedRange(at('2026-11-16T06:07:00Z'), at('2026-11-16T07:01:00Z'));
    expect([iso(range.from), iso(range.to)]).toEqual(['2026-11-16T06:00:00.000Z', '2026-11-16T07:15:00.000Z']);
  });
});
