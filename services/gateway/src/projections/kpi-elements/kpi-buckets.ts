import { DAY_MS, wallTimeOf, weekdayOf, ZoneClock } from '@quadrant/work-calendar';
import { BUCKET_MS } from './unit-time-elements';

export type KpiGranularity = 'HOUR' | 'SHIFT' | 'DAY' | 'WEEK';

/** One bucket of a KPI series: [from, to) in ms since the epoch; `shift` names a shift instance. */
export interface KpiBucket {
  from: number;
  to: number;
  shift?: string;
}

const HOUR_MS = 3_600_000;

/** The range a query covers: its ends moved out to whole 15-minute buckets, the grain elements are kept at. */
export function alignedRange(from: number, to: number): { from: number; to: number } {
  return { from: Math.floor(from / BUCKET_MS) * BUCKET_MS, to: Math.ceil(to / BUCKET_MS) * BUCKET_MS };
}

/**
 * Hour, day or week buckets over [from, to) (15-minute aligned) on the local clock of `timeZone`: days and
 * weeks (from Monday) start at local midnight, hours on the local hour (so half-hour zones get half-hour
 * boundaries in UTC). The first and last buckets are cut to the range.
 */
export function calendarBuckets(from: number, to: number, granularity: Exclude<KpiGranularity, 'SHIFT'>, timeZone: string): KpiBucket[] {
  const clock = new ZoneClock(timeZone);
  const starts: number[] = [];
  if (granularity === 'HOUR') {
    const firstWall = Math.floor(wallTimeOf(timeZone, from) / HOUR_MS) * HOUR_MS;
    for (let wall = firstWall; ; wall += HOUR_MS) {
      const start = clock.toInstant(wall);
      if (start >= to) break;
      starts.push(start);
    }
  } else {
    let day = clock.dayNumberOf(from);
    const step = granularity === 'DAY' ? 1 : 7;
    // Monday on or before: weekdayOf counts from Sunday = 0.
    if (granularity === 'WEEK') day -= (weekdayOf(day) + 6) % 7;
    for (; ; day += step) {
      const start = clock.toInstant(day * DAY_MS);
      if (start >= to) break;
      starts.push(start);
    }
  }
  const buckets: KpiBucket[] = [];
  starts.forEach((start, index) => {
    const end = Math.min(to, starts[index + 1] ?? to);
    const clipped = Math.max(from, start);
    // A repeated or skipped wall hour (a clock change) maps two starts to one instant: keep one bucket.
    if (end > clipped) buckets.push({ from: clipped, to: end });
  });
  return buckets;
}

/** The coarsest rollup grain whose buckets the given bounds never cut: hourly when every bound is on the hour. */
export function grainFor(buckets: readonly KpiBucket[]): 15 | 60 {
  return buckets.every((b) => b.from % HOUR_MS === 0 && b.to % HOUR_MS === 0) ? 60 : 15;
}
