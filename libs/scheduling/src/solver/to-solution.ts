import type { ScheduledOperation, Solution } from '../problem';
import type { CompiledProblem } from './compiled-problem';
import type { Plan } from './plan';
import type { PlanEvaluator } from './plan-evaluator';

/** The caller's view of an evaluated plan: ids and times, sorted by work unit then start. */
export function toSolution(cp: CompiledProblem, plan: Plan, ev: PlanEvaluator): Solution {
  const operations: ScheduledOperation[] = [];
  for (let o = 0; o < cp.nOps; o++) {
    const unit = cp.frozen[o] ? cp.frozenUnit[o] : cp.altUnit[plan.alt[o]];
    operations.push({
      operationId: cp.opIds[o],
      jobId: cp.jobIds[cp.opJob[o]],
      workUnitId: cp.unitIds[unit],
      setupStart: ev.setupStart[o],
      start: ev.start[o],
      end: ev.end[o],
    });
  }
  operations.sort((a, b) =>
    a.workUnitId < b.workUnitId ? -1 : a.workUnitId > b.workUnitId ? 1 : a.start - b.start || a.end - b.end,
  );
  return {
    operations,
    makespan: ev.makespan,
    weightedTardiness: ev.weightedTardiness,
    instability: ev.instability,
    cost: ev.cost,
  };
}
