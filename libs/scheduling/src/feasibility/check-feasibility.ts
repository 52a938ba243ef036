import type { FrozenOperation, Job, Operation, ScheduledOperation, SchedulingProblem } from '../problem';
import { predecessorsOf } from '../validation/predecessors';
import { checkWorkUnits, type Placed } from './check-work-units';
import type { Violation } from './violation';

/**
 * Every rule of the model a schedule breaks, in plain words. An empty list means the schedule can be
 * dispatched as it is. It assumes a problem that passes validateProblem; it never throws on a bad schedule,
 * because its job is to say what is wrong with one (a planner's manual edit, or a solver under test).
 */
export function checkFeasibility(problem: SchedulingProblem, operations: readonly ScheduledOperation[]): Violation[] {
  const violations: Violation[] = [];
  const located = new Map<string, { job: Job; index: number; operation: Operation }>();
  for (const job of problem.jobs) job.operations.forEach((operation, index) => located.set(operation.id, { job, index, operation }));
  const frozenById = new Map<string, FrozenOperation>((problem.frozen ?? []).map((frozen) => [frozen.operationId, frozen]));

  const byId = new Map<string, ScheduledOperation>();
  const placed: Placed[] = [];
  for (const scheduled of operations) {
    const id = scheduled.operationId;
    const at = located.get(id);
    if (!at) violations.push({ kind: 'unknown', operationId: id, message: `operation "${id}" is not in the problem` });
    else if (byId.has(id)) violations.push({ kind: 'duplicate', operationId: id, message: `operation "${id}" is scheduled more than once` });
    else {
      byId.set(id, scheduled);
      placed.push({ scheduled, operation: at.operation, frozen: frozenById.get(id) });
    }
  }
  for (const [id, at] of located) {
    if (!byId.has(id)) violations.push({ kind: 'missing', operationId: id, message: `operation "${id}" of job "${at.job.id}" is not scheduled` });
  }

  for (const { scheduled, frozen } of placed) {
    const at = located.get(scheduled.operationId);
    if (!at) continue;
    const add = (kind: Violation['kind'], message: string): void => {
      violations.push({ kind, operationId: scheduled.operationId, message: `operation "${scheduled.operationId}" ${message}` });
    };
    if (scheduled.jobId !== at.job.id) add('unknown', `belongs to job "${at.job.id}", not to job "${scheduled.jobId}"`);
    if (frozen) checkFrozenPlacement(frozen, scheduled, add);
    else checkFreePlacement(problem, at.job, at.operation, scheduled, add);
    for (const before of predecessorsOf(at.job, at.index)) {
      const predecessor = byId.get(before);
      if (predecessor && predecessor.end > scheduled.start) add('precedence', `starts at ${scheduled.start}, before its predecessor "${before}" ends at ${predecessor.end}`);
    }
  }

  violations.push(...checkWorkUnits(problem, placed));
  return violations;
}

type Add = (kind: Violation['kind'], message: string) => void;

function checkFrozenPlacement(frozen: FrozenOperation, scheduled: ScheduledOperation, add: Add): void {
  const given = `on work unit "${frozen.workUnitId}" over [${frozen.start}, ${frozen.end}) with no further setup`;
  const found = `on work unit "${scheduled.workUnitId}" over [${scheduled.start}, ${scheduled.end})${scheduled.setupStart === scheduled.start ? '' : ` after a setup from ${scheduled.setupStart}`}`;
  if (scheduled.workUnitId !== frozen.workUnitId || scheduled.start !== frozen.start || scheduled.end !== frozen.end || scheduled.setupStart !== frozen.start) {
    add('frozen', `is frozen ${given}, but is scheduled ${found}`);
  }
}

function checkFreePlacement(problem: SchedulingProblem, job: Job, operation: Operation, scheduled: ScheduledOperation, add: Add): void {
  // On a unit with working time the duration is working time, checked with the pauses in checkWorkUnits.
  const workingTime = problem.workUnits.find((unit) => unit.id === scheduled.workUnitId)?.workingTime;
  const alternative = operation.alternatives.find((candidate) => candidate.workUnitId === scheduled.workUnitId);
  if (!alternative) {
    const eligible = operation.alternatives.map((candidate) => `"${candidate.workUnitId}"`).join(', ');
    add('eligibility', `runs on work unit "${scheduled.workUnitId}", which is not one of its alternatives (${eligible})`);
  } else if (!workingTime && scheduled.end - scheduled.start !== alternative.duration) {
    add('duration', `takes ${alternative.duration} on work unit "${scheduled.workUnitId}", but is scheduled over [${scheduled.start}, ${scheduled.end}) (${scheduled.end - scheduled.start})`);
  }
  if (job.release !== undefined && scheduled.start < job.release) add('release', `starts at ${scheduled.start}, before its job "${job.id}" is released at ${job.release}`);
  const busyFrom = Math.min(scheduled.setupStart, scheduled.start);
  if (busyFrom < problem.start) add('before-start', `keeps work unit "${scheduled.workUnitId}" busy from ${busyFrom}, before the problem starts at ${problem.start}`);
}
