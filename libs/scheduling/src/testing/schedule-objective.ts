import type { ScheduledOperation, SchedulingProblem, Solution } from '../problem';

export type Objective = Pick<Solution, 'makespan' | 'weightedTardiness' | 'instability' | 'cost'>;

/**
 * The objective of a schedule, recomputed from its operations alone and written apart from the solver, so
 * that a test can hold the figures a solver reports against the schedule it returns. Defaults of the
 * weights as documented in the README: makespan 1, tardiness 1, stability 1 (0 without a baseline),
 * reassignment 60. Baseline entries of frozen operations, or of operations or units no longer in the
 * problem, count for nothing: nobody chose to move them.
 */
export function scheduleObjective(problem: SchedulingProblem, operations: readonly ScheduledOperation[]): Objective {
  const weights = problem.weights ?? {};
  const hasBaseline = (problem.baseline ?? []).length > 0;
  const makespanWeight = weights.makespan ?? 1;
  const tardinessWeight = weights.tardiness ?? 1;
  const stabilityWeight = hasBaseline ? weights.stability ?? 1 : 0;
  const reassignment = weights.reassignment ?? 60;

  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  const lastEnd = operations.reduce((latest, operation) => Math.max(latest, operation.end), problem.start);

  let weightedTardiness = 0;
  for (const job of problem.jobs) {
    if (job.due === undefined) continue;
    const end = job.operations.reduce((latest, operation) => Math.max(latest, byId.get(operation.id)?.end ?? -Infinity), -Infinity);
    weightedTardiness += (job.weight ?? 1) * Math.max(0, end - job.due);
  }

  const frozenIds = new Set((problem.frozen ?? []).map((frozen) => frozen.operationId));
  const unitIds = new Set(problem.workUnits.map((unit) => unit.id));
  let instability = 0;
  for (const before of problem.baseline ?? []) {
    const now = byId.get(before.operationId);
    if (!now || frozenIds.has(before.operationId) || !unitIds.has(before.workUnitId)) continue;
    instability += Math.abs(now.start - before.start) + (now.workUnitId === before.workUnitId ? 0 : reassignment);
  }

  const makespan = lastEnd - problem.start;
  return { makespan, weightedTardiness, instability, cost: makespanWeight * makespan + tardinessWeight * weightedTardiness + stabilityWeight * instability };
}
