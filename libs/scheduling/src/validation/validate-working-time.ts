import type { WorkUnitCapacity } from '../problem';
import type { Problems } from './problems';

/**
 * A unit's working time is a calendar the solver walks with binary search: whole-number intervals that
 * end after they begin, in order, none overlapping the one before (touching is fine). An empty calendar is
 * refused rather than read as "never works" or "always works": either would be a surprise; omit it for
 * round the clock, and use unavailability windows for a unit that is down.
 */
export function checkWorkingTime(problems: Problems, unit: WorkUnitCapacity): void {
  const intervals = unit.workingTime;
  if (intervals === undefined) return;
  const subject = `work unit "${unit.id}" working time`;
  if (intervals.length === 0) {
    problems.add(`${subject} is empty: omit it for a unit that works round the clock`);
    return;
  }
  let previous: { from: number; to: number; index: number } | undefined;
  intervals.forEach((interval, i) => {
    const name = `${subject} interval ${i + 1}`;
    const fromOk = problems.time(`${name} from`, interval.from);
    const toOk = problems.time(`${name} to`, interval.to);
    if (!fromOk || !toOk) return;
    if (interval.to <= interval.from) {
      problems.add(`${name} must end after it begins, not [${interval.from}, ${interval.to})`);
      return;
    }
    if (previous && interval.from < previous.to) {
      const how = interval.from < previous.from ? 'is out of order after' : 'overlaps';
      problems.add(`${name} [${interval.from}, ${interval.to}) ${how} interval ${previous.index} [${previous.from}, ${previous.to}): working time must be sorted and not overlap`);
    }
    if (!previous || interval.to > previous.to) previous = { from: interval.from, to: interval.to, index: i + 1 };
  });
}
