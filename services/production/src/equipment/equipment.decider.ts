import { NotFoundError, type Decider } from '@quadrant/event-sourcing';
import type { EquipmentDefined, EquipmentLevel, ProductionEvent, WorkCenterType, WorkUnitState, WorkUnitStateChanged } from '@quadrant/contracts';
import { EquipmentAlreadyDefined, InvalidHierarchyPlacement, NotAWorkUnit, StateChangeOutOfOrder, StopReasonRequired } from './equipment.errors';

/**
 * One stream per element of the ISA-95 equipment hierarchy (`equipment-<id>`). A work unit's stream also
 * carries its equipment state changes.
 */
export const equipmentStreamId = (equipmentId: string): string => `equipment-${equipmentId}`;

/** The level each level hangs under. */
const PARENT_LEVEL: Record<EquipmentLevel, EquipmentLevel | null> = {
  Enterprise: null,
  Site: 'Enterprise',
  Area: 'Site',
  WorkCenter: 'Area',
  WorkUnit: 'WorkCenter',
};

export interface ParentEquipment {
  equipmentId: string;
  level: EquipmentLevel;
  path: string[];
}

export interface DefineEquipment {
  type: 'DefineEquipment';
  equipmentId: string;
  name: string;
  description?: string;
  level: EquipmentLevel;
  workCenterType?: WorkCenterType;
  /** The parent as it stands now (looked up by the handler), or null for an enterprise. */
  parent: ParentEquipment | null;
  at: string;
}

export interface ChangeWorkUnitState {
  type: 'ChangeWorkUnitState';
  workUnitId: string;
  state: WorkUnitState;
  reasonCode?: string;
  reasonText?: string;
  /** Source timestamp: when the unit changed state, by the machine's or operator's clock. */
  since: string;
}

export type EquipmentCommand = DefineEquipment | ChangeWorkUnitState;

export type EquipmentState =
  | { status: 'Undefined' }
  | {
      status: 'Defined';
      equipmentId: string;
      level: EquipmentLevel;
      path: string[];
      workUnit: { state: WorkUnitState; since: string | null; reasonCode?: string };
    };

export const initialEquipmentState = (): EquipmentState => ({ status: 'Undefined' });

function defineEquipment(command: DefineEquipment, state: EquipmentState): EquipmentDefined[] {
  if (state.status === 'Defined') throw new EquipmentAlreadyDefined(command.equipmentId);
  const expectedParent = PARENT_LEVEL[command.level];
  if (expectedParent === null && command.parent !== null) {
    throw new InvalidHierarchyPlacement(`an Enterprise has no parent, but parentId "${command.parent.equipmentId}" was given`, {
      field: 'parentId',
    });
  }
  if (expectedParent !== null && command.parent === null) {
    throw new InvalidHierarchyPlacement(`a ${command.level} needs a parentId: the ${expectedParent} it belongs to`, { field: 'parentId' });
  }
  if (command.parent && command.parent.level !== expectedParent) {
    throw new InvalidHierarchyPlacement(
      `a ${command.level} belongs under a ${expectedParent ?? 'nothing'}, but "${command.parent.equipmentId}" is a ${command.parent.level}`,
      { field: 'parentId', parentLevel: command.parent.level },
    );
  }
  if (command.workCenterType && command.level !== 'WorkCenter') {
    throw new InvalidHierarchyPlacement(`workCenterType applies to a WorkCenter only, not a ${command.level}`, { field: 'workCenterType' });
  }
  return [
    {
      type: 'EquipmentDefined',
      data: {
        equipmentId: command.equipmentId,
        name: command.name,
        ...(command.description ? { description: command.description } : {}),
        level: command.level,
        ...(command.workCenterType ? { workCenterType: command.workCenterType } : {}),
        parentId: command.parent?.equipmentId ?? null,
        path: [...(command.parent?.path ?? []), command.equipmentId],
        definedAt: command.at,
      },
    },
  ];
}

function changeWorkUnitState(command: ChangeWorkUnitState, state: EquipmentState): WorkUnitStateChanged[] {
  if (state.status === 'Undefined') throw new NotFoundError('work unit', command.workUnitId);
  if (state.level !== 'WorkUnit') throw new NotAWorkUnit(command.workUnitId, state.level);
  if (command.state === 'Down' && !command.reasonCode) throw new StopReasonRequired(command.workUnitId);
  const current = state.workUnit;
  if (current.since !== null && Date.parse(command.since) < Date.parse(current.since)) {
    throw new StateChangeOutOfOrder(command.workUnitId, command.since, current.since);
  }
  // The same state with the same reason again is a repeat (a machine re-sending), not a change.
  if (current.state === command.state && current.reasonCode === command.reasonCode) return [];
  return [
    {
      type: 'WorkUnitStateChanged',
      data: {
        workUnitId: command.workUnitId,
        state: command.state,
        previousState: current.state,
        ...(command.reasonCode ? { reasonCode: command.reasonCode } : {}),
        ...(command.reasonText ? { reasonText: command.reasonText } : {}),
        since: command.since,
        path: state.path,
      },
    },
  ];
}

export function evolveEquipment(state: EquipmentState, event: ProductionEvent): EquipmentState {
  switch (event.type) {
    case 'EquipmentDefined':
      return {
        status: 'Defined',
        equipmentId: event.data.equipmentId,
        level: event.data.level,
        path: event.data.path,
        workUnit: { state: 'Unknown', since: null },
      };
    case 'WorkUnitStateChanged':
      if (state.status !== 'Defined') return state;
      return {
        ...state,
        workUnit: { state: event.data.state, since: event.data.since, ...(event.data.reasonCode ? { reasonCode: event.data.reasonCode } : {}) },
      };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export function decideEquipment(command: EquipmentCommand, state: EquipmentState): ProductionEvent[] {
  switch (command.type) {
    case 'DefineEquipment':
      return defineEquipment(command, state);
    case 'ChangeWorkUnitState':
      return changeWorkUnitState(command, state);
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export const equipmentDecider: Decider<EquipmentCommand, EquipmentState, ProductionEvent> = {
  decide: decideEquipment,
  evolve: evolveEquipment,
  initialState: initialEquipmentState,
};
