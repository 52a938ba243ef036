import type { Job, SchedulingProblem, Solution } from '../problem';
import type { JsspInstance } from './jssp-instance';

/** Where one operation of a job-shop instance runs; `job`, `index` and `machine` count from 0. */
export interface JsspScheduledOperation {
  readonly job: number;
  readonly index: number;
  readonly machine: number;
  readonly start: number;
  readonly end: number;
}

export interface JsspResult {
  readonly makespan: number;
  /** Sorted by job, then index. */
  readonly operations: readonly JsspScheduledOperation[];
}

export const jsspOperationId = (job: number, index: number): string => `J${job}.${index}`;

/**
 * The classic job shop as a scheduling problem: a work unit `M<m>` per machine, a job `J<j>` per job whose
 * operations `J<j>.<k>` form a routing with one alternative each, the makespan as the only objective, from 0.
 *
 * An operation of duration 0 (orb07 has one) is left out of the problem: the model wants durations above 0,
 * and such an operation occupies its machine for no time, so it constrains nothing. jsspResult puts it back,
 * at the end of the job's previous operation. The routing stays chained through it, by list order.
 */
export function jsspProblem(instance: JsspInstance): SchedulingProblem {
  const jobs: Job[] = [];
  instance.routings.forEach((routing, j) => {
    const operations = routing.flatMap(({ machine, duration }, k) => (duration > 0 ? [{ id: jsspOperationId(j, k), alternatives: [{ workUnitId: `M${machine}`, duration }] }] : []));
    if (operations.length > 0) jobs.push({ id: `J${j}`, operations });
  });
  return {
    start: 0,
    workUnits: Array.from({ length: instance.machines }, (_, m) => ({ id: `M${m}` })),
    jobs,
    weights: { makespan: 1, tardiness: 0, stability: 0, reassignment: 0 },
  };
}

/** The schedule of a solved jsspProblem in the instance's own terms. Throws if the solution does not cover it. */
export function jsspResult(instance: JsspInstance, solution: Pick<Solution, 'operations'>): JsspResult {
  const byId = new Map(solution.operations.map((operation) => [operation.operationId, operation]));
  const operations: JsspScheduledOperation[] = [];
  let makespan = 0;
  instance.routings.forEach((routing, job) => {
    let previousEnd = 0;
    routing.forEach(({ machine, duration }, index) => {
      let start = previousEnd;
      let end = previousEnd;
      if (duration > 0) {
        const id = jsspOperationId(job, index);
        const scheduled = byId.get(id);
        if (!scheduled) throw new Error(`${instance.name}: operation ${id} is not in the solution`);
        if (scheduled.workUnitId !== `M${machine}`) throw new Error(`${instance.name}: operation ${id} runs on ${scheduled.workUnitId}, not on M${machine}`);
        start = scheduled.start;
        end = scheduled.end;
      }
      operations.push({ job, index, machine, start, end });
      previousEnd = end;
      makespan = Math.max(makespan, end);
    });
  });
  return { makespan, operations };
}
