import type { JobOrderEvent } from './job-order-events';
import type { WorkCalendarEvent } from './work-calendar-events';
import type { WorkDefinitionEvent } from './work-definition-events';
import type { WorkScheduleEvent } from './work-schedule-events';
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
    /** Work units only: how many job orders may run on the unit at once (1 when absent). */
    maxConcurrentJobs?: number;
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

/** A job order segment started on the work unit: the unit's capacity is taken until the allocation ends. */
export type WorkUnitAllocated = DomainEvent<
  'WorkUnitAllocated',
  { workUnitId: string; jobOrderId: string; segmentId: string; allocatedAt: string; path: string[] }
>;

/** The segment completed, or its job order was aborted: the unit's capacity is free again. */
export type WorkUnitAllocationEnded = DomainEvent<
  'WorkUnitAllocationEnded',
  { workUnitId: string; jobOrderId: string; segmentId: string; endedAt: string; path: string[] }
>;

/** A stop's reason assigned or corrected after the fact; the state change it corrects stays as it was. */
export type WorkUnitStopReasonCorrected = DomainEvent<
  'WorkUnitStopReasonCorrected',
  {
    workUnitId: string;
    since: string;
    state: 'Down' | 'Idle';
    reasonCode: string;
    reasonText?: string;
    previousReasonCode?: string;
    correctedAt: string;
    path: string[];
  }
>;

/** The events of an equipment stream (`equipment-<id>`). */
export type EquipmentEvent = EquipmentDefined | WorkUnitStateChanged | WorkUnitAllocated | WorkUnitAllocationEnded | WorkUnitStopReasonCorrected;

export type ProductionEvent = EquipmentEvent | WorkDefinitionEvent | JobOrderEvent | WorkCalendarEvent | WorkScheduleEvent;
