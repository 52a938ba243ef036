import { NotFoundError, type Decider } from '@quadrant/event-sourcing';
import type {
  EquipmentDefined,
  EquipmentEvent,
  EquipmentLevel,
  WorkCenterType,
  WorkUnitAllocated,
  WorkUnitAllocationEnded,
  WorkUnitState,
  WorkUnitStateChanged,
  WorkUnitStopReasonCorrected,
} from '@quadrant/contracts';
import {
  EquipmentAlreadyDefined,
  InvalidHierarchyPlacement,
  NotAWorkUnit,
  StateChangeOutOfOrder,
  StopNotFound,
  StopReasonRequired,
  WorkUnitAtCapacity,
  WorkUnitUnavailable,
} from './equipment.errors';

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
  maxConcurrentJobs?: number;
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

/** A job order segment asks to start on the work unit: refused when the unit is down, in planned downtime or full. */
export interface AllocateWorkUnit {
  type: 'AllocateWorkUnit';
  workUnitId: string;
  jobOrderId: string;
  segmentId: string;
  /** The calendar's verdict at `at`, looked up by the handler: a shift break or planned window refuses the start. */
  plannedDowntime?: { reason: string };
  at: string;
}

export interface EndWorkUnitAllocation {
  type: 'EndWorkUnitAllocation';
  workUnitId: string;
  jobOrderId: string;
  segmentId: string;
  at: string;
}

/** Assigns or corrects the reason of a stop after the fact; the stop is named by the time it began. */
export interface CorrectStopReason {
  type: 'CorrectStopReason';
  workUnitId: string;
  since: string;
  reasonCode: string;
  reasonText?: string;
  at: string;
}

export type EquipmentCommand = DefineEquipment | ChangeWorkUnitState | AllocateWorkUnit | EndWorkUnitAllocation | CorrectStopReason;

/** The stops a correction can name: the most recent ones, by the time they began. */
export const CORRECTABLE_STOPS = 1000;

export interface Stop {
  since: string;
  state: 'Down' | 'Idle';
  reasonCode?: string;
}

/** What runs on a work unit: one job order segment per allocation. */
export interface Allocation {
  jobOrderId: string;
  segmentId: string;
  since: string;
}

export type EquipmentState =
  | { status: 'Undefined' }
  | {
      status: 'Defined';
      equipmentId: string;
      level: EquipmentLevel;
      path: string[];
      workUnit: { state: WorkUnitState; since: string | null; reasonCode?: string; maxConcurrentJobs: number; allocations: Allocation[]; stops: Stop[] };
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
  if (command.maxConcurrentJobs !== undefined && command.level !== 'WorkUnit') {
    throw new InvalidHierarchyPlacement(`maxConcurrentJobs applies to a WorkUnit only, not a ${command.level}`, { field: 'maxConcurrentJobs' });
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
        ...(command.maxConcurrentJobs !== undefined ? { maxConcurrentJobs: command.maxConcurrentJobs } : {}),
        parentId: command.parent?.equipmentId ?? null,
        path: [...(command.parent?.path ?? []), command.equipmentId],
        definedAt: command.at,
      },
    },
  ];
}

function changeWorkUnitState(command: ChangeWorkUnitState, state: EquipmentState): WorkUnitStateChanged[] {
  state = definedWorkUnit(state, command.workUnitId);
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

function definedWorkUnit(state: EquipmentState, workUnitId: string): Extract<EquipmentState, { status: 'Defined' }> {
  if (state.status === 'Undefined') throw new NotFoundError('work unit', workUnitId);
  if (state.level !== 'WorkUnit') throw new NotAWorkUnit(workUnitId, state.level);
  return state;
}

const sameAllocation = (a: Allocation, command: { jobOrderId: string; segmentId: string }): boolean =>
  a.jobOrderId === command.jobOrderId && a.segmentId === command.segmentId;

function allocateWorkUnit(command: AllocateWorkUnit, state: EquipmentState): WorkUnitAllocated[] {
  const unit = definedWorkUnit(state, command.workUnitId);
  // Asked again (a retried start): the allocation stands already.
  if (unit.workUnit.allocations.some((a) => sameAllocation(a, command))) return [];
  const { state: current, reasonCode } = unit.workUnit;
  if (current === 'Down' || current === 'PlannedDowntime' || current === 'Unknown') {
    throw new WorkUnitUnavailable(command.workUnitId, `it is ${current}${reasonCode ? ` (${reasonCode})` : ''}`);
  }
  if (command.plannedDowntime) throw new WorkUnitUnavailable(command.workUnitId, `its calendar has planned downtime (${command.plannedDowntime.reason}) at ${command.at}`);
  if (unit.workUnit.allocations.length >= unit.workUnit.maxConcurrentJobs) {
    throw new WorkUnitAtCapacity(command.workUnitId, unit.workUnit.maxConcurrentJobs, unit.workUnit.allocations.map((a) => a.jobOrderId));
  }
  return [
    {
      type: 'WorkUnitAllocated',
      data: { workUnitId: command.workUnitId, jobOrderId: command.jobOrderId, segmentId: command.segmentId, allocatedAt: command.at, path: unit.path },
    },
  ];
}

function correctStopReason(command: CorrectStopReason, state: EquipmentState): WorkUnitStopReasonCorrected[] {
  const unit = definedWorkUnit(state, command.workUnitId);
  const at = Date.parse(command.since);
  const stop = unit.workUnit.stops.find((s) => Date.parse(s.since) === at);
  if (!stop) throw new StopNotFound(command.workUnitId, command.since);
  if (stop.reasonCode === command.reasonCode) return [];
  return [
    {
      type: 'WorkUnitStopReasonCorrected',
      data: {
        workUnitId: command.workUnitId,
        since: stop.since,
        state: stop.state,
        reasonCode: command.reasonCode,
        ...(command.reasonText ? { reasonText: command.reasonText } : {}),
        ...(stop.reasonCode ? { previousReasonCode: stop.reasonCode } : {}),
        correctedAt: command.at,
        path: unit.path,
      },
    },
  ];
}

function endWorkUnitAllocation(command: EndWorkUnitAllocation, state: EquipmentState): WorkUnitAllocationEnded[] {
  const unit = definedWorkUnit(state, command.workUnitId);
  if (!unit.workUnit.allocations.some((a) => sameAllocation(a, command))) return [];
  return [
    {
      type: 'WorkUnitAllocationEnded',
      data: { workUnitId: command.workUnitId, jobOrderId: command.jobOrderId, segmentId: command.segmentId, endedAt: command.at, path: unit.path },
    },
  ];
}

export function evolveEquipment(state: EquipmentState, event: EquipmentEvent): EquipmentState {
  switch (event.type) {
    case 'EquipmentDefined':
      return {
        status: 'Defined',
        equipmentId: event.data.equipmentId,
        level: event.data.level,
        path: event.data.path,
        workUnit: { state: 'Unknown', since: null, maxConcurrentJobs: event.data.maxConcurrentJobs ?? 1, allocations: [], stops: [] },
      };
    case 'WorkUnitStateChanged': {
      if (state.status !== 'Defined') return state;
      const { state: next, since, reasonCode } = event.data;
      const stops =
        next === 'Down' || next === 'Idle' ? [...state.workUnit.stops, { since, state: next, ...(reasonCode ? { reasonCode } : {}) }].slice(-CORRECTABLE_STOPS) : state.workUnit.stops;
      return {
        ...state,
        workUnit: {
          ...state.workUnit,
          stops,
          state: event.data.state,
          since: event.data.since,
          ...(event.data.reasonCode ? { reasonCode: event.data.reasonCode } : { reasonCode: undefined }),
        },
      };
    }
    case 'WorkUnitStopReasonCorrected': {
      if (state.status !== 'Defined') return state;
      const { since, reasonCode } = event.data;
      const stops = state.workUnit.stops.map((stop) => (stop.since === since ? { ...stop, reasonCode } : stop));
      // The stop under way keeps its corrected reason too, so a repeat of the same state is recognised.
      const current = state.workUnit.since === since ? { reasonCode } : {};
      return { ...state, workUnit: { ...state.workUnit, ...current, stops } };
    }
    case 'WorkUnitAllocated':
      if (state.status !== 'Defined') return state;
      return {
        ...state,
        workUnit: {
          ...state.workUnit,
          allocations: [...state.workUnit.allocations, { jobOrderId: event.data.jobOrderId, segmentId: event.data.segmentId, since: event.data.allocatedAt }],
        },
      };
    case 'WorkUnitAllocationEnded':
      if (state.status !== 'Defined') return state;
      return { ...state, workUnit: { ...state.workUnit, allocations: state.workUnit.allocations.filter((a) => !sameAllocation(a, event.data)) } };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export function decideEquipment(command: EquipmentCommand, state: EquipmentState): EquipmentEvent[] {
  switch (command.type) {
    case 'DefineEquipment':
      return defineEquipment(command, state);
    case 'ChangeWorkUnitState':
      return changeWorkUnitState(command, state);
    case 'AllocateWorkUnit':
      return allocateWorkUnit(command, state);
    case 'EndWorkUnitAllocation':
      return endWorkUnitAllocation(command, state);
    case 'CorrectStopReason':
      return correctStopReason(command, state);
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export const equipmentDecider: Decider<EquipmentCommand, EquipmentState, EquipmentEvent> = {
  decide: decideEquipment,
  evolve: evolveEquipment,
  initialState: initialEquipmentState,
};
