import type { TimeWindow } from '../problem';

/**
 * A unit's working time as the checker reads it, written apart from the solver's calendar (plain scans,
 * no merging, no search) so that the one checks the other. After the last interval the unit works round
 * the clock (see problem.ts); before the first it does not.
 */
export class WorkingTime {
  private readonly stretches: readonly TimeWindow[];

  constructor(intervals: readonly TimeWindow[]) {
    const openFrom = intervals.reduce((latest, interval) => Math.max(latest, interval.to), -Infinity);
    this.stretches = [...intervals, { from: openFrom, to: Infinity }];
  }

  isWorking(t: number): boolean {
    return this.stretches.some((stretch) => stretch.from <= t && t < stretch.to);
  }

  /** The first working instant at or after t. */
  nextWorking(t: number): number {
    return Math.min(...this.stretches.filter((stretch) => stretch.to > t).map((stretch) => Math.max(stretch.from, t)));
  }

  /** When `work` (> 0) units of working time from t are done: the end of an operation that starts at t. */
  endOf(t: number, work: number): number {
    let at = t;
    let left = work;
    for (;;) {
      const begin = this.nextWorking(at);
      const stretch = this.stretches.find((candidate) => candidate.from <= begin && begin < candidate.to);
      const end = stretch ? stretch.to : Infinity;
      if (begin + left <= end) return begin + left;
      left -= end - begin;
      at = end;
    }
  }

  /**
   * The latest working instant with `work` units of working time between it and t: where a setup that is
   * done by t starts. Undefined when there is not that much working time before t.
   */
  startBefore(t: number, work: number): number | undefined {
    if (work <= 0) return t;
    let at = t;
    let left = work;
    for (;;) {
      const before = this.stretches.filter((stretch) => stretch.from < at);
      if (before.length === 0) return undefined;
      const ends = before.map((stretch) => Math.min(stretch.to, at));
      const latest = ends.indexOf(Math.max(...ends));
      const from = before[latest].from;
      const end = ends[latest];
      if (left <= end - from) return end - left;
      left -= end - from;
      at = from;
    }
  }
}
