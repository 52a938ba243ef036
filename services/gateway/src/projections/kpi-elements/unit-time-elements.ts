import type { WorkUnitState } from '@quadrant/contracts';

/**
 * The time elements of ISO 22400-2 that a work unit's states give, per 15-minute bucket. Fifteen minutes
 * divides every shift pattern in use and every time zone's offset from UTC (India's +05:30, Nepal's
 * +05:45), so hours, shifts, local days and weeks are all exact sums of these buckets.
 *
 * How a state interval is booked (the stop threshold is the KPI definition's minor-stop threshold):
 * - Running: APT (actual production time).
 * - Setup: ASUT (actual unit setup time).
 * - Down: ADET (actual unit delay time); the interval is a failure (FE, counted in the bucket where it
 *   starts) and its duration time to repair (TTR). A Down shorter than the threshold is a minor stop instead.
 * - Idle: ADOT (actual unit down time: available, not producing), unless shorter than the threshold.
 * - A minor stop (Down or Idle shorter than the threshold) stays in APT: a speed loss, not an availability loss.
 * - PlannedDowntime and Unknown: no actual element (planned time comes from the calendar; Unknown is a gap
 *   in the data).
 * Every stop but Running also goes to the downtime-by-reason table, with its duration and one occurrence.
 */
export const BUCKET_MS = 15 * 60_000;

export interface TimeElements {
  APT: number;
  ASUT: number;
  ADET: number;
  ADOT: number;
  /** Failure events: Down intervals (not minor stops) that start in the bucket. */
  FE: number;
  /** Time to repair: Down time (not minor stops), seconds. */
  TTR: number;
}

export interface ReasonTime {
  state: WorkUnitState;
  /** '' when no reason was given. */
  reasonCode: string;
  seconds: number;
  /** Stops of this state and reason that start in the bucket. */
  occurrences: number;
}

export interface BucketElements {
  time: TimeElements;
  /** Keyed by `${state}/${reasonCode}`. */
  reasons: Map<string, ReasonTime>;
}

/** A state a work unit entered at `since` (ms), with the reason in force (corrected, when corrected). */
export interface StateEntry {
  state: WorkUnitState;
  since: number;
  reasonCode: string | null;
}

export const emptyTimeElements = (): TimeElements => ({ APT: 0, ASUT: 0, ADET: 0, ADOT: 0, FE: 0, TTR: 0 });

export const bucketOf = (ms: number): number => Math.floor(ms / BUCKET_MS) * BUCKET_MS;

/** What an interval of `state` lasting `durationMs` books, per second of it; `failure` when it is an FE. */
export function classifyInterval(state: WorkUnitState, durationMs: number, minorStopThresholdSeconds: number): { element: keyof TimeElements | null; failure: boolean } {
  const minor = (state === 'Down' || state === 'Idle') && durationMs < minorStopThresholdSeconds * 1000;
  if (state === 'Running' || minor) return { element: 'APT', failure: false };
  if (state === 'Setup') return { element: 'ASUT', failure: false };
  if (state === 'Down') return { element: 'ADET', failure: true };
  if (state === 'Idle') return { element: 'ADOT', failure: false };
  return { element: null, failure: false };
}

/**
 * The elements of the closed intervals of `entries` (sorted by `since`; each runs until the next one's
 * `since`; the last one is open and books nothing) within the buckets of [from, to) (bucket-aligned ms).
 * Intervals are cut exactly at bucket boundaries; a minor stop is judged on its whole duration, not on the
 * part inside a bucket. Answers only buckets with something booked.
 */
export function unitTimeBuckets(entries: readonly StateEntry[], from: number, to: number, minorStopThresholdSeconds: number): Map<number, BucketElements> {
  const buckets = new Map<number, BucketElements>();
  const bucket = (start: number): BucketElements => {
    let found = buckets.get(start);
    if (!found) {
      found = { time: emptyTimeElements(), reasons: new Map() };
      buckets.set(start, found);
    }
    return found;
  };
  for (let i = 0; i + 1 < entries.length; i++) {
    const entry = entries[i];
    const next = entries[i + 1];
    if (!entry || !next || next.since <= entry.since) continue;
    const { element, failure } = classifyInterval(entry.state, next.since - entry.since, minorStopThresholdSeconds);
    const isStop = entry.state !== 'Running' && entry.state !== 'Unknown';
    const start = Math.max(entry.since, from);
    const end = Math.min(next.since, to);
    const reasonKey = `${entry.state}/${entry.reasonCode ?? ''}`;
    // The occurrence belongs to the bucket where the interval starts, when that bucket is in range.
    if (entry.since >= from && entry.since < to) {
      const first = bucket(bucketOf(entry.since));
      if (failure) first.time.FE += 1;
      if (isStop) reasonOf(first, reasonKey, entry).occurrences += 1;
    }
    for (let piece = start; piece < end; ) {
      const bucketStart = bucketOf(piece);
      const pieceEnd = Math.min(end, bucketStart + BUCKET_MS);
      const seconds = (pieceEnd - piece) / 1000;
      const target = bucket(bucketStart);
      if (element) target.time[element] += seconds;
      if (failure) target.time.TTR += seconds;
      if (isStop) reasonOf(target, reasonKey, entry).seconds += seconds;
      piece = pieceEnd;
    }
  }
  return buckets;
}

function reasonOf(bucket: BucketElements, key: string, entry: StateEntry): ReasonTime {
  let reason = bucket.reasons.get(key);
  if (!reason) {
    reason = { state: entry.state, reasonCode: entry.reasonCode ?? '', seconds: 0, occurrences: 0 };
    bucket.reasons.set(key, reason);
  }
  return reason;
}
