import type { OperationMove, OperationPlacement, RevisionTrigger, UnavailableWindow, WorkScheduleEvent } from '@quadrant/contracts';
import type { Decider } from '@quadrant/event-sourcing';
import { LockedOperationMoved, OperationNotScheduled } from './work-schedule.errors';

/** One stream per site: its detailed work schedule (ISA-95 Part 4 detailed production scheduling). */
export const workScheduleStreamId = (siteId: string): string => `work-schedule-${siteId}`;

/** An operation is a job order segment. */
export const operationKey = (jobOrderId: string, segmentId: string): string => `${jobOrderId}/${segmentId}`;

export interface ScheduledSegment {
  jobOrderId: string;
  segmentId: string;
  placement: OperationPlacement;
}

/** The scheduler's answer, as the rescheduler hands it in: every open operation of the site, placed. */
export interface ProposedSchedule {
  horizonStart: string;
  unavailable: UnavailableWindow[];
  operations: ScheduledSegment[];
  makespanSeconds: number;
  weightedTardinessSeconds: number;
}

export type ReviseWorkSchedule = { type: 'ReviseWorkSchedule'; siteId: string; trigger: RevisionTrigger; schedule: ProposedSchedule; at: string };
export type LockScheduledOperation = { type: 'LockScheduledOperation'; siteId: string; jobOrderId: string; segmentId: string; at: string };
export type UnlockScheduledOperation = { type: 'UnlockScheduledOperation'; siteId: string; jobOrderId: string; segmentId: string; at: string };
/** A planner's move, already checked for feasibility and re-planned around by the handler: the revision, then a lock where it went. */
export type MoveScheduledOperation = {
  type: 'MoveScheduledOperation';
  siteId: string;
  jobOrderId: string;
  segmentId: string;
  trigger: RevisionTrigger;
  schedule: ProposedSchedule;
  at: string;
};

export type WorkScheduleCommand = ReviseWorkSchedule | LockScheduledOperation | UnlockScheduledOperation | MoveScheduledOperation;

export interface WorkScheduleState {
  revision: number;
  /** By operation key. */
  operations: Map<string, ScheduledSegment>;
  locked: Map<string, OperationPlacement>;
}

export const initialWorkScheduleState = (): WorkScheduleState => ({ revision: 0, operations: new Map(), locked: new Map() });

const samePlacement = (a: OperationPlacement, b: OperationPlacement): boolean =>
  a.workUnitId === b.workUnitId && a.start === b.start && a.end === b.end && a.setupStart === b.setupStart;

/** Placed, moved and dropped operations, in the proposal's order then the dropped ones. */
export function movesBetween(current: ReadonlyMap<string, ScheduledSegment>, proposed: readonly ScheduledSegment[]): OperationMove[] {
  const moves: OperationMove[] = [];
  const kept = new Set<string>();
  for (const operation of proposed) {
    const key = operationKey(operation.jobOrderId, operation.segmentId);
    kept.add(key);
    const before = current.get(key);
    if (before && samePlacement(before.placement, operation.placement)) continue;
    moves.push({ jobOrderId: operation.jobOrderId, segmentId: operation.segmentId, from: before?.placement ?? null, to: operation.placement });
  }
  for (const [key, before] of current) {
    if (!kept.has(key)) moves.push({ jobOrderId: before.jobOrderId, segmentId: before.segmentId, from: before.placement, to: null });
  }
  return moves;
}

function revise(state: WorkScheduleState, siteId: string, trigger: RevisionTrigger, schedule: ProposedSchedule, at: string): WorkScheduleEvent[] {
  const proposed = new Map(schedule.operations.map((operation) => [operationKey(operation.jobOrderId, operation.segmentId), operation]));
  for (const [key, lockedAt] of state.locked) {
    const placed = proposed.get(key);
    // A locked operation may leave the schedule (its job order ended) but never move.
    if (placed && !samePlacement(placed.placement, lockedAt)) throw new LockedOperationMoved(placed.jobOrderId, placed.segmentId);
  }
  const moved = movesBetween(state.operations, schedule.operations);
  // An improvement that changes nothing is no news; a reaction to the shop floor is, even when nothing had to move.
  if (moved.length === 0 && trigger.kind === 'Improved') return [];
  return [
    {
      type: 'WorkScheduleRevised',
      data: {
        siteId,
        revision: state.revision + 1,
        trigger,
        horizonStart: schedule.horizonStart,
        unavailable: schedule.unavailable,
        moved,
        operationCount: schedule.operations.length,
        makespanSeconds: schedule.makespanSeconds,
        weightedTardinessSeconds: schedule.weightedTardinessSeconds,
        revisedAt: at,
      },
    },
  ];
}

export function decideWorkSchedule(command: WorkScheduleCommand, state: WorkScheduleState): WorkScheduleEvent[] {
  const { siteId, at } = command;
  switch (command.type) {
    case 'ReviseWorkSchedule':
      return revise(state, siteId, command.trigger, command.schedule, at);
    case 'LockScheduledOperation': {
      const { jobOrderId, segmentId } = command;
      const key = operationKey(jobOrderId, segmentId);
      const operation = state.operations.get(key);
      if (!operation) throw new OperationNotScheduled(siteId, jobOrderId, segmentId);
      if (state.locked.has(key)) return [];
      return [{ type: 'ScheduledOperationLocked', data: { siteId, jobOrderId, segmentId, placement: operation.placement, lockedAt: at } }];
    }
    case 'UnlockScheduledOperation': {
      const { jobOrderId, segmentId } = command;
      if (!state.locked.has(operationKey(jobOrderId, segmentId))) return [];
      return [{ type: 'ScheduledOperationUnlocked', data: { siteId, jobOrderId, segmentId, unlockedAt: at } }];
    }
    case 'MoveScheduledOperation': {
      const { jobOrderId, segmentId } = command;
      const key = operationKey(jobOrderId, segmentId);
      if (!state.operations.has(key)) throw new OperationNotScheduled(siteId, jobOrderId, segmentId);
      const target = command.schedule.operations.find((o) => operationKey(o.jobOrderId, o.segmentId) === key);
      if (!target) throw new OperationNotScheduled(siteId, jobOrderId, segmentId);
      // The moved operation itself is unlocked for the move, then locked where it went.
      const unlocked: WorkScheduleState = { ...state, locked: new Map([...state.locked].filter(([k]) => k !== key)) };
      return [
        ...revise(unlocked, siteId, command.trigger, command.schedule, at),
        { type: 'ScheduledOperationLocked', data: { siteId, jobOrderId, segmentId, placement: target.placement, lockedAt: at } },
      ];
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export function evolveWorkSchedule(state: WorkScheduleState, event: WorkScheduleEvent): WorkScheduleState {
  switch (event.type) {
    case 'WorkScheduleRevised': {
      const operations = new Map(state.operations);
      const locked = new Map(state.locked);
      for (const move of event.data.moved) {
        const key = operationKey(move.jobOrderId, move.segmentId);
        if (move.to) operations.set(key, { jobOrderId: move.jobOrderId, segmentId: move.segmentId, placement: move.to });
        else {
          operations.delete(key);
          locked.delete(key);
        }
      }
      return { revision: event.data.revision, operations, locked };
    }
    case 'ScheduledOperationLocked': {
      const locked = new Map(state.locked);
      locked.set(operationKey(event.data.jobOrderId, event.data.segmentId), event.data.placement);
      return { ...state, locked };
    }
    case 'ScheduledOperationUnlocked': {
      const locked = new Map(state.locked);
      locked.delete(operationKey(event.data.jobOrderId, event.data.segmentId));
      return { ...state, locked };
    }
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const workScheduleDecider: Decider<WorkScheduleCommand, WorkScheduleState, WorkScheduleEvent> = {
  decide: decideWorkSchedule,
  evolve: evolveWorkSchedule,
  initialState: initialWorkScheduleState,
};
