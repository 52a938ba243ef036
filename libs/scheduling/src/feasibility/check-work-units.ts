import type { FrozenOperation, Operation, ScheduledOperation, SchedulingProblem, WorkUnitCapacity } from '../problem';
import { checkWorkingTime } from './check-working-time';
import type { Violation } from './violation';
import { WorkingTime } from './working-time';

export interface Placed {
  readonly scheduled: ScheduledOperation;
  readonly operation: Operation;
  readonly frozen: FrozenOperation | undefined;
}

/** The rules that depend on the unit and what else runs on it: setups, capacity, unavailability, working time. */
export function checkWorkUnits(problem: SchedulingProblem, placed: readonly Placed[]): Violation[] {
  const units = new Map<string, WorkUnitCapacity>(problem.workUnits.map((unit) => [unit.id, unit]));
  const byUnit = new Map<string, Placed[]>();
  for (const entry of placed) {
    const list = byUnit.get(entry.scheduled.workUnitId) ?? [];
    list.push(entry);
    byUnit.set(entry.scheduled.workUnitId, list);
  }
  const violations: Violation[] = [];
  for (const [unitId, entries] of byUnit) {
    // Run order is start order; setup families carry from one operation to the next whatever the gap.
    const sequence = [...entries].sort((a, b) => a.scheduled.start - b.scheduled.start || a.scheduled.end - b.scheduled.end);
    const unit = units.get(unitId);
    const workingTime = unit?.workingTime ? new WorkingTime(unit.workingTime) : undefined;
    violations.push(
      ...checkSetups(unitId, unit, workingTime, sequence),
      ...(workingTime ? checkWorkingTime(unitId, workingTime, sequence) : []),
      ...checkOverlaps(unitId, sequence),
      ...checkWindows(unitId, unit, sequence),
    );
  }
  return violations;
}

function checkSetups(unitId: string, unit: WorkUnitCapacity | undefined, workingTime: WorkingTime | undefined, sequence: readonly Placed[]): Violation[] {
  const violations: Violation[] = [];
  let previous: Placed | undefined;
  for (const entry of sequence) {
    const { scheduled, operation, frozen } = entry;
    const alternative = operation.alternatives.find((candidate) => candidate.workUnitId === unitId);
    // A frozen operation's setup is already done (its own check says so); an ineligible one has no setup rule.
    if (!frozen && alternative) {
      const setup = alternative.setup ?? 0;
      const before = previous ? previous.operation.setupFamily : unit?.initialSetupFamily;
      const needed = setup > 0 && (before === undefined || operation.setupFamily === undefined || before !== operation.setupFamily);
      // With working time the setup is working time too: it starts that much working time before the start.
      const expected = !needed ? scheduled.start : workingTime ? workingTime.startBefore(scheduled.start, setup) : scheduled.start - setup;
      if (scheduled.setupStart !== expected) {
        const after = previous ? `after "${previous.scheduled.operationId}"` : 'as the first operation';
        const must = expected === undefined ? `but its working time has not that much before its start ${scheduled.start}, so it cannot start` : `so its setup must start at ${expected}`;
        const why = needed
          ? `needs a setup of ${setup} on work unit "${unitId}" ${after} (family ${describe(before)} to ${describe(operation.setupFamily)}), ${must}`
          : `needs no setup on work unit "${unitId}" ${after}, so its setup start must equal its start ${scheduled.start}`;
        violations.push({ kind: 'setup', operationId: scheduled.operationId, message: `operation "${scheduled.operationId}" ${why}, not at ${scheduled.setupStart}` });
      }
    }
    previous = entry;
  }
  return violations;
}

function describe(family: string | undefined): string {
  return family === undefined ? 'none' : `"${family}"`;
}

function checkOverlaps(unitId: string, sequence: readonly Placed[]): Violation[] {
  const violations: Violation[] = [];
  let latest: ScheduledOperation | undefined;
  for (const { scheduled } of sequence) {
    if (latest && scheduled.setupStart < latest.end) {
      violations.push({
        kind: 'overlap',
        operationId: scheduled.operationId,
        message: `operation "${scheduled.operationId}" keeps work unit "${unitId}" busy over [${scheduled.setupStart}, ${scheduled.end}), which overlaps "${latest.operationId}" over [${latest.setupStart}, ${latest.end})`,
      });
    }
    if (!latest || scheduled.end > latest.end) latest = scheduled;
  }
  return violations;
}

function checkWindows(unitId: string, unit: WorkUnitCapacity | undefined, sequence: readonly Placed[]): Violation[] {
  const violations: Violation[] = [];
  for (const { scheduled, frozen } of sequence) {
    if (frozen) continue;
    const busyFrom = Math.min(scheduled.setupStart, scheduled.start);
    for (const window of unit?.unavailable ?? []) {
      if (busyFrom < window.to && window.from < scheduled.end) {
        violations.push({
          kind: 'unavailable',
          operationId: scheduled.operationId,
          message: `operation "${scheduled.operationId}" keeps work unit "${unitId}" busy over [${busyFrom}, ${scheduled.end}), which meets its unavailability [${window.from}, ${window.to})`,
        });
      }
    }
  }
  return violations;
}
