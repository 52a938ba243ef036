import type { Placed } from './check-work-units';
import type { Violation } from './violation';
import type { WorkingTime } from './working-time';

/**
 * On a unit with working time, an operation is set up and started at working instants and ends when its
 * duration of working time has passed, pausing outside working time: a schedule that runs it through a
 * break, a night or a weekend, or starts it in one, breaks the rule. The setup's own working time is
 * checkSetups' business. Frozen operations are facts and exempt; an ineligible one has no duration here.
 */
export function checkWorkingTime(unitId: string, workingTime: WorkingTime, sequence: readonly Placed[]): Violation[] {
  const violations: Violation[] = [];
  for (const { scheduled, operation, frozen } of sequence) {
    const alternative = operation.alternatives.find((candidate) => candidate.workUnitId === unitId);
    if (frozen || !alternative) continue;
    const add = (message: string): void => {
      violations.push({ kind: 'working-time', operationId: scheduled.operationId, message: `operation "${scheduled.operationId}" ${message}` });
    };
    const { setupStart, start, end } = scheduled;
    if (setupStart !== start && !workingTime.isWorking(setupStart)) {
      add(`is set up from ${setupStart}, outside the working time of work unit "${unitId}" (it works next from ${workingTime.nextWorking(setupStart)})`);
    }
    if (!workingTime.isWorking(start)) {
      add(`starts at ${start}, outside the working time of work unit "${unitId}" (it works next from ${workingTime.nextWorking(start)})`);
    }
    const expectedEnd = workingTime.endOf(start, alternative.duration);
    if (end !== expectedEnd) {
      add(`takes ${alternative.duration} of working time on work unit "${unitId}", so from its start at ${start} it ends at ${expectedEnd} (pauses included), not at ${end}`);
    }
  }
  return violations;
}
