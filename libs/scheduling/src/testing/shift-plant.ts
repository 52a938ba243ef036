import type { Job, SchedulingProblem, TimeWindow, WorkUnitCapacity } from '../problem';
import { SeededRandom } from './seeded-random';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Two shifts on weekdays, 06:00–14:00 and 14:00–22:00, each with a half-hour break in its middle, for
 * `days` days from a Monday 00:00 (time 0, in seconds); nights and weekends off.
 */
export function twoShiftWeekdays(days: number): TimeWindow[] {
  const intervals: TimeWindow[] = [];
  for (let d = 0; d < days; d++) {
    if (d % 7 >= 5) continue;
    const day = d * DAY;
    for (const [from, breakAt, to] of [[6, 10, 14], [14, 18, 22]]) {
      intervals.push({ from: day + from * HOUR, to: day + breakAt * HOUR }, { from: day + breakAt * HOUR + HOUR / 2, to: day + to * HOUR });
    }
  }
  return intervals;
}

/**
 * The plant of the reschedule benchmark with shift calendars: 5 lines of 10 work units, each line two
 * equipment classes of 5, a product per line whose 5 segments alternate between the classes; 100 job orders
 * (500 operations) of 20 to 100 parts at 1 to 4 minutes a part, a setup of 15 to 45 minutes between
 * products, due within the two weeks. Every unit works two shifts on weekdays over two weeks (seconds).
 */
export function shiftPlant(seed = 1): SchedulingProblem {
  const random = new SeededRandom(seed);
  const workingTime = twoShiftWeekdays(14);
  const workUnits: WorkUnitCapacity[] = [];
  for (let line = 0; line < 5; line++) for (let unit = 0; unit < 10; unit++) workUnits.push({ id: `L${line}U${unit}`, workingTime });
  const jobs: Job[] = Array.from({ length: 100 }, (_, n) => {
    const line = n % 5;
    const quantity = random.int(20, 100);
    return {
      id: `JO-${n}`,
      due: random.int(2, 12) * DAY,
      weight: 1 + (n % 9),
      operations: Array.from({ length: 5 }, (_, k) => {
        const units = Array.from({ length: 5 }, (_, i) => `L${line}U${(k % 2) * 5 + i}`);
        return {
          id: `JO-${n}.${k + 1}`,
          setupFamily: `P${line}.${k}`,
          alternatives: random.shuffle(units).slice(0, random.int(2, 3)).map((workUnitId) => ({
            workUnitId,
            duration: quantity * random.int(60, 240),
            setup: random.int(15, 45) * 60,
          })),
        };
      }),
    };
  });
  return { start: 0, workUnits, jobs };
}
