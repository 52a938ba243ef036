import { InvalidSchedulingProblem } from '../errors';
import type { Job, SchedulingProblem, TimeWindow } from '../problem';
import { findPrecedenceCycles } from './precedence-cycles';
import { predecessorsOf } from './predecessors';
import { Problems } from './problems';
import { checkFrozen } from './validate-frozen';
import { checkWorkingTime } from './validate-working-time';

/**
 * Refuses a problem the scheduler cannot honour, naming every reason at once. A problem that passes has
 * at least one feasible schedule: every operation can run on some unit after the last window, and the
 * frozen operations agree with each other.
 */
export function validateProblem(problem: SchedulingProblem): void {
  const problems = new Problems();
  problems.time('the problem start', problem.start);
  checkWeights(problems, problem);

  const unitIds = new Set<string>();
  for (const unit of problem.workUnits) {
    if (unitIds.has(unit.id)) problems.add(`work unit "${unit.id}" is defined more than once`);
    unitIds.add(unit.id);
    (unit.unavailable ?? []).forEach((window, i) => checkWindow(problems, `work unit "${unit.id}" unavailability window ${i + 1}`, window));
    checkWorkingTime(problems, unit);
  }

  const jobIds = new Set<string>();
  const operationIds = new Set<string>();
  for (const job of problem.jobs) {
    if (jobIds.has(job.id)) problems.add(`job "${job.id}" is defined more than once`);
    jobIds.add(job.id);
    checkJob(problems, job, unitIds, operationIds);
  }

  checkFrozen(problems, problem);
  checkBaseline(problems, problem);
  if (problems.list.length > 0) throw new InvalidSchedulingProblem(problems.list);
}

function checkWeights(problems: Problems, problem: SchedulingProblem): void {
  for (const [name, value] of Object.entries(problem.weights ?? {})) {
    if (value === undefined) continue;
    if (!Number.isFinite(value)) problems.add(`the objective weight ${name} must be a finite number, not ${value}`);
    else if (value < 0) problems.add(`the objective weight ${name} must not be negative, not ${value}`);
  }
}

function checkWindow(problems: Problems, subject: string, window: TimeWindow): void {
  const fromOk = problems.time(`${subject} from`, window.from);
  const toOk = problems.time(`${subject} to`, window.to);
  if (fromOk && toOk && window.to <= window.from) problems.add(`${subject} must end after it begins, not [${window.from}, ${window.to})`);
}

function checkJob(problems: Problems, job: Job, unitIds: ReadonlySet<string>, operationIds: Set<string>): void {
  const subject = `job "${job.id}"`;
  if (job.operations.length === 0) problems.add(`${subject} has no operation`);
  if (job.release !== undefined) problems.time(`${subject} release`, job.release);
  if (job.due !== undefined) problems.time(`${subject} due date`, job.due);
  if (job.weight !== undefined) {
    if (!Number.isFinite(job.weight)) problems.add(`${subject} weight must be a finite number, not ${job.weight}`);
    else if (job.weight < 0) problems.add(`${subject} weight must not be negative, not ${job.weight}`);
  }

  const ownIds = new Set(job.operations.map((operation) => operation.id));
  job.operations.forEach((operation, index) => {
    const where = `${subject} operation "${operation.id}"`;
    if (operationIds.has(operation.id)) problems.add(`operation "${operation.id}" is defined more than once (operation ids are unique over the whole problem)`);
    operationIds.add(operation.id);

    if (operation.alternatives.length === 0) problems.add(`${where} has no alternative: no work unit can run it`);
    const listed = new Set<string>();
    for (const alternative of operation.alternatives) {
      const on = `${where} on work unit "${alternative.workUnitId}"`;
      if (!unitIds.has(alternative.workUnitId)) problems.add(`${where} names work unit "${alternative.workUnitId}", which is not in the problem`);
      if (listed.has(alternative.workUnitId)) problems.add(`${where} lists work unit "${alternative.workUnitId}" more than once`);
      listed.add(alternative.workUnitId);
      if (!Number.isInteger(alternative.duration) || alternative.duration <= 0) problems.add(`${on}: duration must be a positive whole number, not ${alternative.duration}`);
      const setup = alternative.setup ?? 0;
      if (!Number.isInteger(setup) || setup < 0) problems.add(`${on}: setup must be a whole number, zero or more, not ${setup}`);
    }

    for (const before of predecessorsOf(job, index)) {
      if (before === operation.id) problems.add(`${where} names itself in after`);
      else if (!ownIds.has(before)) problems.add(`${where} must come after "${before}", which is not an operation of the same job`);
    }
  });

  for (const cycle of findPrecedenceCycles(job)) problems.add(`${subject}: operations ${cycle.map((id) => `"${id}"`).join(' → ')} form a precedence cycle`);
}

function checkBaseline(problems: Problems, problem: SchedulingProblem): void {
  const seen = new Set<string>();
  for (const entry of problem.baseline ?? []) {
    const subject = `baseline operation "${entry.operationId}"`;
    if (seen.has(entry.operationId)) problems.add(`${subject} is listed more than once`);
    seen.add(entry.operationId);
    problems.time(`${subject} setup start`, entry.setupStart);
    problems.time(`${subject} start`, entry.start);
    problems.time(`${subject} end`, entry.end);
  }
}
