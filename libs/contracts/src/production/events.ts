import type { DomainEvent } from '@quadrant/event-sourcing';

/** ISA-95 role-based equipment hierarchy levels that Quadrant models (Part 1 / B2MML EquipmentLevel). */
export const EQUIPMENT_LEVELS = ['Enterprise', 'Site', 'Area', 'WorkCenter', 'WorkUnit'] as const;
export type EquipmentLevel = (typeof EQUIPMENT_LEVELS)[number];

export const WORK_CENTER_TYPES = ['ProductionLine', 'ProcessCell', 'ProductionUnit', 'StorageZone'] as const;
export type WorkCenterType = (typeof WORK_CENTER_TYPES)[number];

export const WORK_UNIT_STATES = ['Unknown', 'Running', 'Idle', 'Setup', 'Down', 'PlannedDowntime'] as const;
export type WorkUnitState = (typeof WORK_UNIT_STATES)[number];

export type EquipmentDefined = DomainEvent<
  'EquipmentDefined',
  {
    equipmentId: string;
    name: string;
    description?: string;
    level: EquipmentLevel;
    workCenterType?: WorkCenterType;
    parentId: string | null;
    path: string[];
    definedAt: string;
  }
>;

export type WorkUnitStateChanged = DomainEvent<
  'WorkUnitStateChanged',
  {
    workUnitId: string;
    state: WorkUnitState;
    previousState: WorkUnitState;
    reasonCode?: string;
    reasonText?: string;
    since: string;
    path: string[];
  }
>;

export type ProductionEvent = EquipmentDefined | WorkUnitStateChanged;
