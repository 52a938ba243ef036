import { checkFeasibility } from '../feasibility/check-feasibility';
import type { Job, ScheduledOperation, SchedulingProblem, TimeWindow, WorkUnitCapacity } from '../problem';
import { shiftPlant } from '../testing/shift-plant';
import { compileProblem } from './compiled-problem';
import { isClassicJobShop } from './job-shop-graph';
import { solve } from './solve';
import { timetable } from './timetable';

/**
 * Hours as the time unit, from a day's 00:00. Each day the mill works 06–10 and 11–14 (early shift, a break
 * at 10), 14–18 and 19–22 (late shift, touching the early one, a break at 18); nights off. Three days.
 */
const shifts: TimeWindow[] = [0, 1, 2].flatMap((d) => [
  { from: 24 * d + 6, to: 24 * d + 10 },
  { from: 24 * d + 11, to: 24 * d + 14 },
  { from: 24 * d + 14, to: 24 * d + 18 },
  { from: 24 * d + 19, to: 24 * d + 22 },
]);
const mill: WorkUnitCapacity = { id: 'mill', workingTime: shifts };

const job = (id: string, duration: number, extra: Partial<Job> = {}, setup = 0, setupFamily?: string): Job => ({
  id,
  ...extra,
  operations: [{ id: `${id}1`, ...(setupFamily ? { setupFamily } : {}), alternatives: [{ workUnitId: 'mill', duration, ...(setup > 0 ? { setup } : {}) }] }],
});
const shop = (jobs: Job[], unit: WorkUnitCapacity = mill): SchedulingProblem => ({ start: 0, workUnits: [unit], jobs });
const placed = (problem: SchedulingProblem, id: string): ScheduledOperation => {
  const result = solve(problem, { timeLimitMs: 1000, maxIterations: 100, seed: 1 });
  expect(checkFeasibility(problem, result.operations)).toEqual([]);
  const found = result.operations.find((o) => o.operationId === id);
  if (!found) throw new Error(`${id} not scheduled`);
  return found;
};

describe('solve, on a unit with working time', () => {
  it('given an operation that runs into a break, when solved, then it pauses over the break and ends later', () => {
    // 06–10 is 4 hours, the break 10–11, then 2 more: the unit is busy from 6 to 13.
    expect(placed(shop([job('A', 6)]), 'A1')).toMatchObject({ setupStart: 6, start: 6, end: 13 });
  });

  it('given an operation ready outside working time, when solved, then it starts when the next shift begins', () => {
    expect(placed(shop([job('A', 3)]), 'A1')).toMatchObject({ start: 6, end: 9 });
    expect(placed(shop([job('A', 3, { release: 22 })]), 'A1')).toMatchObject({ start: 30, end: 33 });
  });

  it('given an operation longer than a day’s shifts, when solved, then it pauses overnight and ends the next day', () => {
    // Day 0 gives 4 + 3 + 4 + 3 = 14 hours; 6 more on day 1: 30–34 and 35–37.
    expect(placed(shop([job('A', 20)]), 'A1')).toMatchObject({ start: 6, end: 37 });
  });

  it('given a breakdown where an operation would run, when solved, then its busy span, pauses included, misses it', () => {
    const broken: WorkUnitCapacity = { ...mill, unavailable: [{ from: 12, to: 13 }] };
    // From 6 it would run until 13, across the breakdown: it starts at 13 and pauses over the 18–19 break.
    expect(placed(shop([job('A', 6)], broken), 'A1')).toMatchObject({ start: 13, end: 20 });
    // Maintenance booked in the night is not a pause: an operation may not be left in the unit across it.
    const maintained: WorkUnitCapacity = { ...mill, unavailable: [{ from: 23, to: 29 }] };
    expect(placed(shop([job('A', 10, { release: 17 })], maintained), 'A1')).toMatchObject({ start: 30, end: 41 });
  });

  it('given a setup that runs into a break, when solved, then the setup counts working time and pauses too', () => {
    // A runs 06–09 (steel); B (alu) needs 2 hours of setup: 09–10, the break, 11–12; then 2 hours of work.
    const problem = shop([job('A', 3, {}, 0, 'steel'), job('B', 2, { release: 9 }, 2, 'alu')], { ...mill, initialSetupFamily: 'steel' });
    const result = solve(problem, { timeLimitMs: 1000, maxIterations: 0 });
    expect(checkFeasibility(problem, result.operations)).toEqual([]);
    expect(result.operations.map(({ operationId, setupStart, start, end }) => ({ operationId, setupStart, start, end }))).toEqual([
      { operationId: 'A1', setupStart: 6, start: 6, end: 9 },
      { operationId: 'B1', setupStart: 9, start: 12, end: 14 },
    ]);
  });

  it('given hand-made sequences, when timed, then the timetable walks the working time as the solver does', () => {
    const problem = shop([job('A', 3), job('B', 6)]);
    const solution = timetable(problem, { mill: ['B1', 'A1'] });
    expect(solution.operations.map(({ operationId, start, end }) => ({ operationId, start, end }))).toEqual([
      { operationId: 'B1', start: 6, end: 13 },
      { operationId: 'A1', start: 13, end: 16 },
    ]);
    expect(solution.makespan).toBe(16);
    expect(checkFeasibility(problem, solution.operations)).toEqual([]);
  });

  it('given a classic job shop whose machines work shifts, when solved, then the general engine plans around the pauses', () => {
    const units = ['m1', 'm2'].map((id) => ({ id, workingTime: shifts }));
    const jobs: Job[] = ['A', 'B', 'C'].map((id, j) => ({
      id,
      operations: [1, 2].map((k) => ({ id: `${id}${k}`, alternatives: [{ workUnitId: (j + k) % 2 === 0 ? 'm1' : 'm2', duration: 3 + j + k }] })),
    }));
    const problem: SchedulingProblem = { start: 0, workUnits: units, jobs };
    expect(isClassicJobShop(compileProblem(problem))).toBe(false);
    expect(isClassicJobShop(compileProblem({ ...problem, workUnits: units.map(({ id }) => ({ id })) }))).toBe(true);
    const result = solve(problem, { timeLimitMs: 1000, maxIterations: 300, seed: 1 });
    expect(checkFeasibility(problem, result.operations)).toEqual([]);
    expect(result.operations.every((o) => o.start >= 6)).toBe(true);
  });

  it('given a frozen operation that runs over a break, when solved, then it stays exactly as given', () => {
    const problem: SchedulingProblem = { ...shop([job('A', 4), job('B', 2)]), start: 7, frozen: [{ operationId: 'A1', workUnitId: 'mill', start: 5, end: 12 }] };
    expect(placed(problem, 'A1')).toMatchObject({ setupStart: 5, start: 5, end: 12 });
    expect(placed(problem, 'B1')).toMatchObject({ start: 12, end: 14 });
  });

  it('given 500 operations on 50 units working two shifts over two weeks, when solved, then the first schedule comes well within 300 ms and the search improves it', () => {
    const problem = shiftPlant(1);
    // The better of two, so that one hiccup of a shared machine does not decide.
    const firsts = [0, 1].map(() => solve(problem, { timeLimitMs: 10_000, maxIterations: 0 }));
    expect(Math.min(...firsts.map((first) => first.elapsedMs))).toBeLessThan(300);
    const searched = solve(problem, { timeLimitMs: 10_000, maxIterations: 60, seed: 1 });
    expect(searched.cost).toBeLessThan(firsts[0].cost);
    expect(checkFeasibility(problem, searched.operations)).toEqual([]);
  });
});
