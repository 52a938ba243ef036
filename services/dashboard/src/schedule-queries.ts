/**
 * The detailed-schedule operations the dashboard sends (schemas/graphql/work-schedule.graphql is the contract) and
 * the shapes of their answers. No DOM: the unit-tested modules import these types.
 */

export type RevisionTriggerKind =
  | 'JobOrderReleased'
  | 'Breakdown'
  | 'Repaired'
  | 'PlannedDowntimeBooked'
  | 'PlannedDowntimeCancelled'
  | 'WorkCalendarDefined'
  | 'RescheduleRequested'
  | 'OperationMoved'
  | 'Improved';

export type UnavailabilityKind = 'Breakdown' | 'PlannedDowntime';

export interface ScheduledOperation {
  jobOrderId: string;
  segmentId: string;
  workUnitId: string;
  setupStart: string;
  start: string;
  end: string;
  locked: boolean;
  revision: number;
  productId: string | null;
  priority: number | null;
  dueAt: string | null;
  late: boolean;
}

export interface ScheduleUnavailability {
  workUnitId: string;
  from: string;
  to: string;
  kind: UnavailabilityKind;
  reason: string;
}

export interface WorkSchedule {
  scope: string;
  siteId: string | null;
  revision: number;
  revisedAt: string | null;
  from: string;
  to: string;
  workUnitIds: string[];
  operations: ScheduledOperation[];
  unavailable: ScheduleUnavailability[];
}

export interface OperationPlacement {
  workUnitId: string;
  setupStart: string;
  start: string;
  end: string;
}

export interface OperationMove {
  jobOrderId: string;
  segmentId: string;
  from: OperationPlacement | null;
  to: OperationPlacement | null;
}

export interface RevisionTrigger {
  kind: RevisionTriggerKind;
  workUnitId: string | null;
  reasonCode: string | null;
  occurredAt: string;
}

export interface ScheduleRevisionSummary {
  revision: number;
  trigger: RevisionTrigger;
  revisedAt: string;
  movedCount: number;
}

export interface CausationLink {
  eventId: string;
  type: string;
  occurredAt: string | null;
  summary: string;
  actor: string | null;
}

export interface OperationMoveExplanation {
  revision: ScheduleRevisionSummary;
  move: OperationMove;
  causes: CausationLink[];
}

const TRIGGER = 'trigger { kind workUnitId reasonCode occurredAt }';
const PLACEMENT = 'workUnitId setupStart start end';

/**
 * The schedule of the scope over the range, with the names of its work units for the rows (`workUnitIds` are
 * ids only), in one round trip.
 */
export const WORK_SCHEDULE = /* GraphQL */ `
  query DashboardWorkSchedule($scope: ID!, $from: DateTime!, $to: DateTime!) {
    workSchedule(scope: $scope, from: $from, to: $to) {
      scope siteId revision revisedAt from to workUnitIds
      operations { jobOrderId segmentId workUnitId setupStart start end locked revision productId priority dueAt late }
      unavailable { workUnitId from to kind reason }
    }
    equipment(id: $scope) { workUnits { id name } }
  }
`;
export interface WorkScheduleData {
  workSchedule: WorkSchedule;
  equipment: { workUnits: { id: string; name: string }[] } | null;
}
export interface WorkScheduleVariables {
  scope: string;
  from: string;
  to: string;
}

/**
 * The site's latest revisions, newest first: what changed the plan lately; with the names of the site's work
 * units, which triggers and moves name by id (and may be outside the scope in view).
 */
export const SCHEDULE_REVISIONS = /* GraphQL */ `
  query DashboardScheduleRevisions($siteId: ID!, $last: Int!) {
    scheduleRevisions(siteId: $siteId, last: $last) { revision ${TRIGGER} revisedAt movedCount }
    equipment(id: $siteId) { workUnits { id name } }
  }
`;
export interface ScheduleRevisionsData {
  scheduleRevisions: ScheduleRevisionSummary[];
  equipment: { workUnits: { id: string; name: string }[] } | null;
}

/** An operation of the schedule: a job order's segment. */
export interface OperationRef {
  jobOrderId: string;
  segmentId: string;
}

/** Every revision that moved one operation, newest first, with the move and the chain of events behind it. */
export const WHY_DID_OPERATION_MOVE = /* GraphQL */ `
  query DashboardWhyDidOperationMove($jobOrderId: ID!, $segmentId: ID!) {
    whyDidOperationMove(jobOrderId: $jobOrderId, segmentId: $segmentId) {
      revision { revision ${TRIGGER} revisedAt movedCount }
      move { jobOrderId segmentId from { ${PLACEMENT} } to { ${PLACEMENT} } }
      causes { eventId type occurredAt summary actor }
    }
  }
`;
export interface WhyDidOperationMoveData {
  whyDidOperationMove: OperationMoveExplanation[];
}

export const SCHEDULE_REVISED = /* GraphQL */ `
  subscription DashboardScheduleRevised($siteId: ID!) {
    scheduleRevised(siteId: $siteId) { siteId revision movedCount revisedAt }
  }
`;
export interface ScheduleRevisedData {
  scheduleRevised: { siteId: string; revision: number; movedCount: number; revisedAt: string };
}
