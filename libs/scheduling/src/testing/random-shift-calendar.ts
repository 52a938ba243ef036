import type { TimeWindow } from '../problem';
import type { SeededRandom } from './seeded-random';

/**
 * Shift-like working time for randomProblem: "days" of 24 to 48 time units with one or two shifts back
 * to back (a short break inside some, some listed as two touching intervals), every few days one off (a
 * weekend), from around the problem start. Operations of up to 28 units of setup and duration span
 * breaks, nights and weekends. Some calendars end early, so that the round-the-clock time after a
 * calendar is reached too. Never empty: the first day is always worked.
 */
export function randomShiftCalendar(random: SeededRandom, start: number): TimeWindow[] {
  const day = random.int(24, 48);
  const shift = random.int(Math.ceil(day / 5), Math.floor(day / 3));
  const shifts = random.int(1, 2);
  const offset = random.int(0, day - shift * shifts);
  const week = random.chance(0.5) ? random.int(3, 6) : 0;
  const breakChance = random.chance(0.5) ? 0.6 : 0;
  const first = start - day * random.int(0, 1) + random.int(-day, 0);
  const days = random.chance(0.2) ? random.int(1, 4) : random.int(6, 14);
  const intervals: TimeWindow[] = [];
  for (let d = 0; d < days; d++) {
    if (week > 0 && d % (week + 1) === week) continue;
    const from = first + d * day + offset;
    const to = from + shift * shifts;
    if (random.chance(breakChance) && shift * shifts >= 6) {
      const pause = random.int(from + 2, to - 3);
      intervals.push({ from, to: pause }, { from: pause + random.int(1, 2), to });
    } else if (shifts === 2 && random.chance(0.5)) {
      intervals.push({ from, to: from + shift }, { from: from + shift, to }); // two shifts that touch: no pause
    } else intervals.push({ from, to });
  }
  return intervals;
}
