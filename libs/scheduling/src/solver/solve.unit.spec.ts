import { checkFeasibility } from '../feasibility/check-feasibility';
import { jsspProblem, parseJsspInstance } from '../jssp';
import type { ScheduledOperation, SchedulingProblem } from '../problem';
import { randomProblem } from '../testing/random-problem';
import { scheduleObjective } from '../testing/schedule-objective';
import { solve } from './solve';

const FT06 = `6 6
2 1 0 3 1 6 3 7 5 3 4 6
1 8 2 5 4 10 5 10 0 10 3 4
2 5 3 4 5 8 0 9 1 1 4 7
1 5 0 5 2 5 3 3 4 8 5 9
2 9 1 3 4 5 5 4 0 3 3 1
1 3 3 3 5 9 0 10 4 4 2 1`;
const ft06 = jsspProblem(parseJsspInstance(FT06, 'ft06'));

const at = (ops: readonly ScheduledOperation[], id: string): ScheduledOperation => {
  const found = ops.find((o) => o.operationId === id);
  if (!found) throw new Error(`${id} not scheduled`);
  return found;
};

describe('solve', () => {
  describe('given generated flexible problems (windows, setups, frozen, releases, baselines)', () => {
    const seeds = Array.from({ length: 60 }, (_, i) => i + 1);

    it('when nothing is searched, then the constructive schedule is feasible and costed right', () => {
      for (const seed of seeds) {
        const problem = randomProblem(seed);
        const result = solve(problem, { timeLimitMs: 1000, maxIterations: 0, seed });
        expect({ seed, violations: checkFeasibility(problem, result.operations) }).toEqual({ seed, violations: [] });
        expect(result.cost).toBeCloseTo(scheduleObjective(problem, result.operations).cost, 6);
      }
    });

    it('when searched, then the result stays feasible and never costs more than the constructive one', () => {
      for (const seed of seeds.slice(0, 30)) {
        const problem = randomProblem(seed, { maxJobs: 8, maxUnits: 4 });
        const first = solve(problem, { timeLimitMs: 1000, maxIterations: 0, seed });
        const searched = solve(problem, { timeLimitMs: 1000, maxIterations: 150, seed });
        expect({ seed, violations: checkFeasibility(problem, searched.operations) }).toEqual({ seed, violations: [] });
        expect(searched.cost).toBeLessThanOrEqual(first.cost);
        expect(searched.cost).toBeCloseTo(scheduleObjective(problem, searched.operations).cost, 6);
      }
    });
  });

  describe('given the classic ft06 job shop', () => {
    it('when solved briefly, then it reaches the optimum 55', () => {
      const result = solve(ft06, { timeLimitMs: 5000, maxIterations: 50_000, seed: 1 });
      expect(result.makespan).toBe(55);
      expect(checkFeasibility(ft06, result.operations)).toEqual([]);
    });

    it('when solved twice with the same seed and iteration cap, then the schedules are identical', () => {
      const a = solve(ft06, { timeLimitMs: 60_000, maxIterations: 3000, seed: 7 });
      const b = solve(ft06, { timeLimitMs: 60_000, maxIterations: 3000, seed: 7 });
      expect(b.operations).toEqual(a.operations);
      expect(b.iterations).toBe(3000);
    });
  });

  it('given a flexible problem, when solved twice with the same seed and cap, then the schedules are identical', () => {
    const problem = randomProblem(42, { maxJobs: 8 });
    const a = solve(problem, { timeLimitMs: 60_000, maxIterations: 200, seed: 3 });
    const b = solve(problem, { timeLimitMs: 60_000, maxIterations: 200, seed: 3 });
    expect(b.operations).toEqual(a.operations);
  });

  it('given an improving search, when a callback is passed, then it sees each better cost in turn', () => {
    const seen: number[] = [];
    const result = solve(ft06, { timeLimitMs: 5000, maxIterations: 20_000, onImproved: (best) => seen.push(best.cost) });
    expect(seen.length).toBe(result.improvements);
    expect(seen.every((c, i) => i === 0 || c < seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(result.cost);
  });

  describe('given sequence-dependent setups', () => {
    const problem: SchedulingProblem = {
      start: 0,
      workUnits: [{ id: 'press', initialSetupFamily: 'alu' }],
      jobs: [
        { id: 'A', operations: [{ id: 'A1', setupFamily: 'steel', alternatives: [{ workUnitId: 'press', duration: 5, setup: 4 }] }] },
        { id: 'B', operations: [{ id: 'B1', setupFamily: 'steel', alternatives: [{ workUnitId: 'press', duration: 5, setup: 4 }] }] },
        { id: 'C', operations: [{ id: 'C1', setupFamily: 'alu', alternatives: [{ workUnitId: 'press', duration: 5, setup: 4 }] }] },
      ],
    };

    it('when solved, then families are grouped and only one setup is paid', () => {
      const result = solve(problem, { timeLimitMs: 1000, maxIterations: 200 });
      expect(result.makespan).toBe(19);
      const setups = result.operations.filter((o) => o.start > o.setupStart);
      expect(setups).toHaveLength(1);
      expect(at(result.operations, 'C1').setupStart).toBe(at(result.operations, 'C1').start);
      expect(checkFeasibility(problem, result.operations)).toEqual([]);
    });
  });

  describe('given an unavailability window', () => {
    const problem: SchedulingProblem = {
      start: 0,
      workUnits: [{ id: 'mill', unavailable: [{ from: 8, to: 20 }] }],
      jobs: [
        { id: 'A', operations: [{ id: 'A1', alternatives: [{ workUnitId: 'mill', duration: 6, setup: 3 }] }] },
        { id: 'B', operations: [{ id: 'B1', alternatives: [{ workUnitId: 'mill', duration: 5 }] }] },
      ],
    };

    it('when solved, then nothing (setup included) overlaps it and the short job fills the gap before it', () => {
      const result = solve(problem, { timeLimitMs: 1000, maxIterations: 100 });
      const a = at(result.operations, 'A1'), b = at(result.operations, 'B1');
      expect(b).toMatchObject({ setupStart: 0, start: 0, end: 5 });
      expect(a).toMatchObject({ setupStart: 20, start: 23, end: 29 });
      expect(checkFeasibility(problem, result.operations)).toEqual([]);
    });
  });

  describe('given a frozen operation in the middle of a unit', () => {
    const problem: SchedulingProblem = {
      start: 0,
      workUnits: [{ id: 'lathe' }, { id: 'saw' }],
      frozen: [{ operationId: 'F1', workUnitId: 'lathe', start: 4, end: 14 }],
      jobs: [
        { id: 'F', operations: [{ id: 'F1', alternatives: [{ workUnitId: 'lathe', duration: 10 }] }] },
        ...['A', 'B', 'C', 'D'].map((id) => ({
          id,
          operations: [{ id: `${id}1`, alternatives: [{ workUnitId: 'lathe', duration: 3 }, { workUnitId: 'saw', duration: 6 }] }],
        })),
      ],
    };

    it('when solved, then it stays exactly where it was and nothing overlaps it', () => {
      const result = solve(problem, { timeLimitMs: 1000, maxIterations: 300 });
      expect(at(result.operations, 'F1')).toMatchObject({ workUnitId: 'lathe', setupStart: 4, start: 4, end: 14 });
      expect(checkFeasibility(problem, result.operations)).toEqual([]);
      // Optimum: one lathe op before F1 and one after it, two on the saw; the frozen end (14) counts too.
      expect(result.makespan).toBe(17);
    });
  });

  describe('given one urgent job and one long job on one unit', () => {
    const jobs = [
      { id: 'long', due: 100, operations: [{ id: 'L1', alternatives: [{ workUnitId: 'u', duration: 10 }] }, { id: 'L2', alternatives: [{ workUnitId: 'v', duration: 10 }] }] },
      { id: 'rush', due: 3, weight: 5, operations: [{ id: 'R1', alternatives: [{ workUnitId: 'u', duration: 3 }] }] },
    ];
    const base = { start: 0, workUnits: [{ id: 'u' }, { id: 'v' }], jobs };

    it('when tardiness is weighed, then it is lower than when only the makespan counts', () => {
      const makespanOnly = solve({ ...base, weights: { makespan: 1, tardiness: 0 } }, { timeLimitMs: 1000, maxIterations: 100 });
      const withTardiness = solve({ ...base, weights: { makespan: 1, tardiness: 1 } }, { timeLimitMs: 1000, maxIterations: 100 });
      expect(makespanOnly.weightedTardiness).toBeGreaterThan(0);
      expect(withTardiness.weightedTardiness).toBe(0);
      expect(withTardiness.weightedTardiness).toBeLessThan(makespanOnly.weightedTardiness);
    });
  });

  describe('given a baseline that holds an operation later than it could start', () => {
    const problem: SchedulingProblem = {
      start: 0,
      workUnits: [{ id: 'u1' }, { id: 'u2' }],
      jobs: [
        { id: 'A', operations: [{ id: 'A1', alternatives: [{ workUnitId: 'u1', duration: 10 }] }] },
        { id: 'B', operations: [{ id: 'B1', alternatives: [{ workUnitId: 'u2', duration: 3 }, { workUnitId: 'u1', duration: 3 }] }] },
      ],
      baseline: [
        { operationId: 'A1', jobId: 'A', workUnitId: 'u1', setupStart: 0, start: 0, end: 10 },
        { operationId: 'B1', jobId: 'B', workUnitId: 'u2', setupStart: 3, start: 3, end: 6 },
      ],
      weights: { stability: 1 },
    };

    it('when nothing needs to move, then the baseline is kept as it was', () => {
      const result = solve(problem, { timeLimitMs: 1000, maxIterations: 200 });
      expect(result.instability).toBe(0);
      expect(at(result.operations, 'B1')).toMatchObject({ workUnitId: 'u2', start: 3 });
      expect(result.makespan).toBe(10);
    });
  });
});
