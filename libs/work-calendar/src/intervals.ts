/** Half-open [start, end) in epoch milliseconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export function clip<T extends Interval>(interval: T, bounds: Interval): T | undefined {
  const start = Math.max(interval.start, bounds.start);
  const end = Math.min(interval.end, bounds.end);
  return start < end ? { ...interval, start, end } : undefined;
}

/** The parts of `interval` that none of `taken` covers, in order. */
export function subtract<T extends Interval>(interval: T, taken: readonly Interval[]): T[] {
  let remaining: T[] = [interval];
  for (const cut of taken) {
    remaining = remaining.flatMap((part) => {
      if (cut.end <= part.start || part.end <= cut.start) return [part];
      const pieces: T[] = [];
      if (part.start < cut.start) pieces.push({ ...part, end: cut.start });
      if (cut.end < part.end) pieces.push({ ...part, start: cut.end });
      return pieces;
    });
  }
  return remaining;
}

export function totalSeconds(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, interval) => sum + (interval.end - interval.start), 0) / 1000;
}
