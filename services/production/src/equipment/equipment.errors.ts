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
