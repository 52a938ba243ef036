import type { TimeWindow } from '../problem';

/**
 * A unit's working time as the solver walks it: intervals `from[i] .. to[i]` in order, touching ones
 * merged (so between two intervals there is always a pause), the last one open to +Infinity (after its
 * calendar the unit works round the clock, see problem.ts), so every walk forward ends. Read only.
 */
export class WorkingCalendar {
  readonly from: Float64Array;
  readonly to: Float64Array;

  constructor(intervals: readonly TimeWindow[]) {
    const from: number[] = [], to: number[] = [];
    for (const w of intervals) {
      if (w.to <= w.from) continue;
      const last = to.length - 1;
      if (last >= 0 && w.from <= to[last]) to[last] = Math.max(to[last], w.to);
      else { from.push(w.from); to.push(w.to); }
    }
    if (from.length === 0) { from.push(-Infinity); to.push(Infinity); }
    to[to.length - 1] = Infinity;
    this.from = Float64Array.from(from);
    this.to = Float64Array.from(to);
  }
}

/**
 * Walks working calendars from a known interval index, forward by galloping then bisecting, so that the
 * forward pass, whose times on a unit only grow, neither rescans a two-week calendar from its start nor
 * allocates. Each walk leaves the index of the interval it ended in (or, for `seek`, found) in `at`.
 */
export class CalendarWalk {
  at = 0;

  /** The first interval i >= hint with to[i] > t (the one holding t, or the next); to[hint - 1] <= t. */
  seek(cal: WorkingCalendar, t: number, hint: number): number {
    const to = cal.to;
    if (to[hint] > t) return (this.at = hint);
    let lo = hint, hi = hint + 1, step = 1; // to[lo] <= t; to[last] is +Infinity, so the gallop stops
    while (to[hi] <= t) { lo = hi; step *= 2; hi = Math.min(lo + step, to.length - 1); }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (to[mid] > t) hi = mid;
      else lo = mid;
    }
    return (this.at = hi);
  }

  /** The first working instant at or after t, from interval `i = seek(t)`; `at` is its interval. */
  working(cal: WorkingCalendar, t: number, i: number): number {
    this.at = i;
    return cal.from[i] > t ? cal.from[i] : t;
  }

  /** When `work` units of working time from the working instant t (in interval i) are done. */
  advance(cal: WorkingCalendar, t: number, i: number, work: number): number {
    const from = cal.from, to = cal.to;
    let x = t, left = work, k = i;
    while (left > to[k] - x) { left -= to[k] - x; x = from[++k]; }
    this.at = k;
    return x + left;
  }

  /** The first working instant at or after e, an end found by advance() in interval `at`. */
  resume(cal: WorkingCalendar, e: number): number {
    if (e < cal.to[this.at]) return e;
    return cal.from[++this.at];
  }

  /**
   * The latest working instant with `work` units of working time between it and the working instant t
   * (in interval i): where a setup done by t starts. The caller knows there is that much before t.
   */
  back(cal: WorkingCalendar, t: number, i: number, work: number): number {
    const from = cal.from, to = cal.to;
    let x = t, left = work, k = i;
    while (left > x - from[k]) { left -= x - from[k]; x = to[--k]; }
    this.at = k;
    return x - left;
  }
}
