import type { DomainEvent } from '@quadrant/event-sourcing';

/** Where and when a scheduled operation (a job order segment) runs. Times are ISO 8601 UTC. */
export interface OperationPlacement {
  workUnitId: string;
  /** Equal to `start` when no setup is needed before it. */
  setupStart: string;
  start: string;
  end: string;
}

/** One operation that a revision placed, moved or dropped: `from` null when newly placed, `to` null when dropped. */
export interface OperationMove {
  jobOrderId: string;
  segmentId: string;
  from: OperationPlacement | null;
  to: OperationPlacement | null;
}

export const REVISION_TRIGGERS = [
  'JobOrderReleased',
  'Breakdown',
  'Repaired',
  'PlannedDowntimeBooked',
  'PlannedDowntimeCancelled',
  'WorkCalendarDefined',
  'RescheduleRequested',
  'OperationMoved',
  'Improved',
] as const;
export type RevisionTriggerKind = (typeof REVISION_TRIGGERS)[number];

/** What made the scheduler revise: the event(s) it reacted to, in log order; the last is the causation. */
export interface RevisionTrigger {
  kind: RevisionTriggerKind;
  eventIds: string[];
  workUnitId?: string;
  reasonCode?: string;
  /** When the triggering fact happened (the breakdown's source timestamp, the request's time). */
  occurredAt: string;
}

/** A time a work unit could not be scheduled on, as this revision assumed it. */
export interface UnavailableWindow {
  workUnitId: string;
  from: string;
  to: string;
  kind: 'Breakdown' | 'PlannedDowntime';
  reason: string;
}

/**
 * The detailed schedule of a site revised (ISA-95 Part 4 detailed production scheduling): every operation
 * that moved, with where it was and where it is now. Operations that stayed put are not listed.
 */
export type WorkScheduleRevised = DomainEvent<
  'WorkScheduleRevised',
  {
    siteId: string;
    revision: number;
    trigger: RevisionTrigger;
    /** Nothing that is not running or locked was placed before this instant. */
    horizonStart: string;
    unavailable: UnavailableWindow[];
    moved: OperationMove[];
    /** Open operations in the schedule after this revision. */
    operationCount: number;
    makespanSeconds: number;
    weightedTardinessSeconds: number;
    revisedAt: string;
  }
>;

/** A planner locked an operation where it is: no revision moves it until it is unlocked. */
export type ScheduledOperationLocked = DomainEvent<
  'ScheduledOperationLocked',
  { siteId: string; jobOrderId: string; segmentId: string; placement: OperationPlacement; lockedAt: string }
>;

export type ScheduledOperationUnlocked = DomainEvent<
  'ScheduledOperationUnlocked',
  { siteId: string; jobOrderId: string; segmentId: string; unlockedAt: string }
>;

/** The events of a site's work schedule stream (`work-schedule-<siteId>`). */
export type WorkScheduleEvent = WorkScheduleRevised | ScheduledOperationLocked | ScheduledOperationUnlocked;
