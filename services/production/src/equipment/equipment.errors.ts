import { DomainError } from '@quadrant/event-sourcing';

export class EquipmentAlreadyDefined extends DomainError {
  constructor(equipmentId: string) {
    super('ALREADY_EXISTS', `equipment "${equipmentId}" is already defined`, { equipmentId });
  }
}

export class InvalidHierarchyPlacement extends DomainError {
  constructor(message: string, details: Record<string, unknown>) {
    super('INVALID_HIERARCHY_PLACEMENT', message, details);
  }
}

export class NotAWorkUnit extends DomainError {
  constructor(equipmentId: string, level: string) {
    super('NOT_A_WORK_UNIT', `equipment "${equipmentId}" is a ${level}, not a work unit: only work units have an equipment state`, {
      equipmentId,
      level,
    });
  }
}

export class StopReasonRequired extends DomainError {
  constructor(workUnitId: string) {
    super('STOP_REASON_REQUIRED', `work unit "${workUnitId}" cannot go Down without a reasonCode`, { workUnitId, field: 'reasonCode' });
  }
}

export class StateChangeOutOfOrder extends DomainError {
  constructor(workUnitId: string, since: string, currentSince: string) {
    super(
      'STATE_CHANGE_OUT_OF_ORDER',
      `work unit "${workUnitId}" has been in its current state since ${currentSince}; a change at ${since} is older`,
      { workUnitId, since, currentSince },
    );
  }
}

export class WorkUnitUnavailable extends DomainError {
  constructor(workUnitId: string, why: string) {
    super('WORK_UNIT_UNAVAILABLE', `work unit "${workUnitId}" cannot start a job: ${why}`, { workUnitId });
  }
}

export class WorkUnitAtCapacity extends DomainError {
  constructor(workUnitId: string, maxConcurrentJobs: number, running: string[]) {
    super(
      'WORK_UNIT_AT_CAPACITY',
      `work unit "${workUnitId}" already runs ${running.map((id) => `"${id}"`).join(', ')} and takes ${maxConcurrentJobs} job order${maxConcurrentJobs === 1 ? '' : 's'} at a time`,
      { workUnitId, maxConcurrentJobs, running },
    );
  }
}

export class NoRunningJobOrder extends DomainError {
  constructor(workUnitId: string) {
    super('NO_RUNNING_JOB_ORDER', `work unit "${workUnitId}" runs no job order: counts are taken only while a job order segment runs on it`, { workUnitId });
  }
}

export class StopNotFound extends DomainError {
  constructor(workUnitId: string, since: string) {
    super('STOP_NOT_FOUND', `work unit "${workUnitId}" has no Down or Idle period that began at ${since} among its last stops`, { workUnitId, since, field: 'since' });
  }
}
