import { WorkingTime } from '../feasibility/working-time';
import type { SchedulingProblem, TimeWindow } from '../problem';
import { SeededRandom } from '../testing/seeded-random';
import { compileProblem } from './compiled-problem';
import { UnitTimeline } from './unit-timeline';

interface Placement {
  setupStart: number;
  start: number;
  end: number;
}

/** The earliest placement by trying every start in turn, on the checker's reading of working time. */
function bruteForce(workingTime: readonly TimeWindow[], windows: readonly TimeWindow[], free: number, est: number, setup: number, duration: number): Placement {
  const calendar = new WorkingTime(workingTime);
  for (let start = est; ; start++) {
    if (!calendar.isWorking(start)) continue;
    const setupStart = calendar.startBefore(start, setup);
    if (setupStart === undefined || setupStart < free) continue;
    const end = calendar.endOf(start, duration);
    if (windows.every((w) => w.to <= setupStart || w.from >= end)) return { setupStart, start, end };
  }
}

function randomCalendar(random: SeededRandom): TimeWindow[] {
  const intervals: TimeWindow[] = [];
  let t = random.int(-10, 10);
  for (let i = random.int(1, 12); i > 0; i--) {
    t += random.int(0, 6); // 0: touching the one before
    const from = t;
    t += random.int(1, 9);
    intervals.push({ from, to: t });
  }
  return intervals;
}

describe('UnitTimeline on a unit with working time', () => {
  it('given random calendars and windows, when two operations are placed in turn, then each gets the earliest placement that pauses outside working time and misses every window', () => {
    const random = new SeededRandom(99);
    for (let c = 0; c < 400; c++) {
      const workingTime = randomCalendar(random);
      const windows = Array.from({ length: random.int(0, 3) }, () => {
        const from = random.int(-5, 60);
        return { from, to: from + random.int(1, 10) };
      }).sort((a, b) => a.from - b.from);
      const problem: SchedulingProblem = {
        start: 0,
        workUnits: [{ id: 'U', workingTime, unavailable: windows }],
        jobs: [{ id: 'J', operations: [{ id: 'O', alternatives: [{ workUnitId: 'U', duration: 1 }] }] }],
      };
      const timeline = new UnitTimeline(compileProblem(problem));
      let free = 0;
      for (let k = 0; k < 2; k++) {
        const est = random.int(-5, 50), setup = random.chance(0.5) ? random.int(1, 12) : 0, duration = random.int(1, 25);
        timeline.place(0, est, duration, setup, -1);
        const placed = { setupStart: timeline.setupStart, start: timeline.start, end: timeline.end };
        expect({ c, k, placed }).toEqual({ c, k, placed: bruteForce(workingTime, windows, free, est, setup, duration) });
        timeline.commit(0, -1);
        free = placed.end;
      }
    }
  });
});
