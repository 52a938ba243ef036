import { checkFeasibility } from './feasibility/check-feasibility';
import type { ScheduledOperation } from './problem';
import { solve } from './solver';
import { randomProblem } from './testing/random-problem';
import { scheduleObjective } from './testing/schedule-objective';

/** Property tests over seeded random problems: a failure names its seed, and `randomProblem(seed)` replays it. */
const SEEDS = Array.from({ length: 240 }, (_, i) => 7000 + i);
const cases = SEEDS.map((seed) => ({ seed, problem: randomProblem(seed) }));
// Small budgets: the properties must hold for whatever the search has reached when it stops.
const BUDGET = { timeLimitMs: 30, maxIterations: 300 };

function isGroupedByUnitThenStart(operations: readonly ScheduledOperation[]): boolean {
  const finished = new Set<string>();
  for (let i = 1; i < operations.length; i++) {
    const previous = operations[i - 1];
    const current = operations[i];
    if (!previous || !current) continue;
    if (previous.workUnitId !== current.workUnitId) {
      finished.add(previous.workUnitId);
      if (finished.has(current.workUnitId)) return false;
    } else if (current.start < previous.start) return false;
  }
  return true;
}

describe('solve, on random flexible job shops', () => {
  it('given a small budget, when solved, then every schedule is feasible and the figures it reports are those of its operations', () => {
    for (const { seed, problem } of cases) {
      const result = solve(problem, { ...BUDGET, seed });
      const objective = scheduleObjective(problem, result.operations);
      expect({ seed, violations: checkFeasibility(problem, result.operations) }).toEqual({ seed, violations: [] });
      expect({ seed, makespan: result.makespan, weightedTardiness: result.weightedTardiness, instability: result.instability, cost: result.cost }).toEqual({
        seed,
        makespan: objective.makespan,
        weightedTardiness: objective.weightedTardiness,
        instability: objective.instability,
        cost: expect.closeTo(objective.cost, 6),
      });
      expect({ seed, sorted: isGroupedByUnitThenStart(result.operations) }).toEqual({ seed, sorted: true });
    }
  });

  it('given a seed and an iteration budget, when solved twice, then the schedules are the same', () => {
    for (const { seed, problem } of cases.slice(0, 20)) {
      const budget = { timeLimitMs: 10_000, maxIterations: 50, seed };
      expect({ seed, operations: solve(problem, budget).operations }).toEqual({ seed, operations: solve(problem, budget).operations });
    }
  });

  it('given progress reports, when solved, then each reported best is feasible and costs less than the one before', () => {
    for (const { seed, problem } of cases.slice(0, 40)) {
      const costs: number[] = [];
      const result = solve(problem, {
        ...BUDGET,
        seed,
        onImproved: (best) => {
          costs.push(best.cost);
          expect({ seed, violations: checkFeasibility(problem, best.operations) }).toEqual({ seed, violations: [] });
        },
      });
      expect({ seed, decreasing: costs.every((cost, i) => i === 0 || cost < (costs[i - 1] ?? Infinity)) }).toEqual({ seed, decreasing: true });
      expect({ seed, final: result.cost <= (costs[costs.length - 1] ?? Infinity) }).toEqual({ seed, final: true });
    }
  });

  it('given shift calendars on some units, when solved, then operations pause over breaks and nights and every schedule is still feasible', () => {
    const withCalendars = cases.filter(({ problem }) => problem.workUnits.some((unit) => unit.workingTime));
    let paused = 0;
    for (const { seed, problem } of withCalendars) {
      const result = solve(problem, { ...BUDGET, seed });
      expect({ seed, violations: checkFeasibility(problem, result.operations) }).toEqual({ seed, violations: [] });
      const frozen = new Set((problem.frozen ?? []).map((entry) => entry.operationId));
      for (const operation of result.operations) {
        const workingTime = problem.workUnits.find((unit) => unit.id === operation.workUnitId)?.workingTime;
        if (!workingTime || frozen.has(operation.operationId)) continue;
        const busy = operation.end - operation.setupStart;
        const worked = workingTime.reduce((sum, w) => sum + Math.max(0, Math.min(operation.end, w.to) - Math.max(operation.setupStart, w.from)), 0);
        const afterCalendar = Math.max(0, operation.end - Math.max(operation.setupStart, ...workingTime.map((w) => w.to)));
        if (worked + afterCalendar < busy) paused++;
      }
    }
    expect({ problems: withCalendars.length > 50, paused: paused > 100 }).toEqual({ problems: true, paused: true });
  });
});
