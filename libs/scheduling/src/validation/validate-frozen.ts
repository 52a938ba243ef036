import type { FrozenOperation, Job, Operation, SchedulingProblem } from '../problem';
import { predecessorsOf } from './predecessors';
import type { Problems } from './problems';

interface Located {
  readonly job: Job;
  readonly index: number;
  readonly operation: Operation;
}

/**
 * Frozen operations are facts (running, or locked by a planner): the scheduler cannot move them, so any
 * disagreement among them, or with the routing, makes every schedule infeasible and is refused here.
 */
export function checkFrozen(problems: Problems, problem: SchedulingProblem): void {
  const located = new Map<string, Located>();
  for (const job of problem.jobs) job.operations.forEach((operation, index) => located.set(operation.id, { job, index, operation }));

  const frozenById = new Map<string, FrozenOperation>();
  const valid: FrozenOperation[] = [];
  for (const frozen of problem.frozen ?? []) {
    const subject = `frozen operation "${frozen.operationId}"`;
    if (frozenById.has(frozen.operationId)) {
      problems.add(`${subject} is frozen more than once`);
      continue;
    }
    frozenById.set(frozen.operationId, frozen);
    const at = located.get(frozen.operationId);
    if (!at) {
      problems.add(`${subject} is not an operation of the problem`);
      continue;
    }
    let ok = true;
    if (!at.operation.alternatives.some((alternative) => alternative.workUnitId === frozen.workUnitId)) {
      problems.add(`${subject} is on work unit "${frozen.workUnitId}", which is not one of its alternatives`);
      ok = false;
    }
    const timesOk = problems.time(`${subject} start`, frozen.start) && problems.time(`${subject} end`, frozen.end);
    if (timesOk && frozen.end <= frozen.start) problems.add(`${subject} must end after it starts, not [${frozen.start}, ${frozen.end})`);
    if (ok && timesOk && frozen.end > frozen.start) valid.push(frozen);
  }

  for (const frozen of frozenById.values()) {
    const at = located.get(frozen.operationId);
    if (!at) continue;
    for (const before of predecessorsOf(at.job, at.index)) {
      if (!located.has(before) || before === frozen.operationId) continue;
      const frozenBefore = frozenById.get(before);
      if (!frozenBefore) problems.add(`frozen operation "${frozen.operationId}" comes after "${before}", which is not frozen: what precedes a frozen operation must be frozen too, or left out as done`);
      else if (frozenBefore.end > frozen.start) {
        problems.add(`frozen operation "${frozen.operationId}" starts at ${frozen.start}, before its predecessor "${before}" ends at ${frozenBefore.end}`);
      }
    }
  }

  checkFrozenOverlaps(problems, valid);
}

function checkFrozenOverlaps(problems: Problems, frozen: readonly FrozenOperation[]): void {
  const byUnit = new Map<string, FrozenOperation[]>();
  for (const entry of frozen) {
    const list = byUnit.get(entry.workUnitId) ?? [];
    list.push(entry);
    byUnit.set(entry.workUnitId, list);
  }
  for (const [unitId, entries] of byUnit) {
    const sorted = [...entries].sort((a, b) => a.start - b.start || a.end - b.end);
    let latest: FrozenOperation | undefined;
    for (const entry of sorted) {
      if (latest && entry.start < latest.end) {
        problems.add(`frozen operations "${latest.operationId}" [${latest.start}, ${latest.end}) and "${entry.operationId}" [${entry.start}, ${entry.end}) overlap on work unit "${unitId}"`);
      }
      if (!latest || entry.end > latest.end) latest = entry;
    }
  }
}
