import { NotFoundError, type Decider } from '@quadrant/event-sourcing';
import type { EquipmentClassDefined, WorkUnitAssignedToEquipmentClass } from '@quadrant/contracts';
import { NotAWorkUnit } from '../equipment/equipment.errors';
import { WorkDefinitionAlreadyExists } from './work-definition.errors';

/** One stream per ISA-95 equipment class: the work units that can stand in for each other. */
export const equipmentClassStreamId = (equipmentClassId: string): string => `equipment-class-${equipmentClassId}`;

export type EquipmentClassEvent = EquipmentClassDefined | WorkUnitAssignedToEquipmentClass;

export type EquipmentClassCommand =
  | { type: 'DefineEquipmentClass'; equipmentClassId: string; name: string; description?: string; at: string }
  /** `workUnitLevel` is the level of the equipment as it stands now, looked up by the handler (null: unknown). */
  | { type: 'AssignWorkUnitToEquipmentClass'; equipmentClassId: string; workUnitId: string; workUnitLevel: string | null; at: string };

export type EquipmentClassState = { status: 'None' } | { status: 'Defined'; equipmentClassId: string; workUnitIds: string[] };

export function decideEquipmentClass(command: EquipmentClassCommand, state: EquipmentClassState): EquipmentClassEvent[] {
  switch (command.type) {
    case 'DefineEquipmentClass': {
      if (state.status === 'Defined') throw new WorkDefinitionAlreadyExists('equipment class', command.equipmentClassId);
      const { equipmentClassId, name, description, at } = command;
      return [{ type: 'EquipmentClassDefined', data: { equipmentClassId, name, ...(description ? { description } : {}), definedAt: at } }];
    }
    case 'AssignWorkUnitToEquipmentClass': {
      if (state.status === 'None') throw new NotFoundError('equipment class', command.equipmentClassId);
      if (command.workUnitLevel === null) throw new NotFoundError('work unit', command.workUnitId);
      if (command.workUnitLevel !== 'WorkUnit') throw new NotAWorkUnit(command.workUnitId, command.workUnitLevel);
      if (state.workUnitIds.includes(command.workUnitId)) return [];
      return [{ type: 'WorkUnitAssignedToEquipmentClass', data: { equipmentClassId: command.equipmentClassId, workUnitId: command.workUnitId, assignedAt: command.at } }];
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export function evolveEquipmentClass(state: EquipmentClassState, event: EquipmentClassEvent): EquipmentClassState {
  switch (event.type) {
    case 'EquipmentClassDefined':
      return { status: 'Defined', equipmentClassId: event.data.equipmentClassId, workUnitIds: [] };
    case 'WorkUnitAssignedToEquipmentClass':
      return state.status === 'Defined' ? { ...state, workUnitIds: [...state.workUnitIds, event.data.workUnitId] } : state;
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const equipmentClassDecider: Decider<EquipmentClassCommand, EquipmentClassState, EquipmentClassEvent> = {
  decide: decideEquipmentClass,
  evolve: evolveEquipmentClass,
  initialState: () => ({ status: 'None' }),
};
