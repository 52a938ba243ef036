import type {
  EquipmentDefined,
  IntegrationEvent,
  JobOrderEvent,
  WorkCalendarEvent,
  WorkScheduleEvent,
  WorkUnitAllocated,
  WorkUnitAllocationEnded,
  WorkUnitStateChanged,
  WorkUnitStopReasonCorrected,
} from '@quadrant/contracts';

/** The production events the gateway's projections read so far. */
type ProjectedEvent =
  | EquipmentDefined
  | WorkUnitStateChanged
  | WorkUnitStopReasonCorrected
  | WorkUnitAllocated
  | WorkUnitAllocationEnded
  | JobOrderEvent
  | WorkCalendarEvent
  | WorkScheduleEvent;

/**
 * A production event as the projections read it: the domain event, where it sits in its stream, and the
 * CloudEvent's who/when/under-which-request, which histories show.
 */
export type ProductionFact = ProjectedEvent & {
  eventId: string;
  streamPosition: number;
  /** CloudEvents `time`: when it happened by the command's clock (the store's, failing that). */
  occurredAt: string;
  actor: string | null;
  correlationId: string | null;
  /** The event this one reacted to (CloudEvents extension `causationid`), when it says. */
  causationId?: string;
};

/** The version of each production event these projections understand. */
const UNDERSTOOD: Record<ProjectedEvent['type'], number> = {
  EquipmentDefined: 1,
  WorkUnitStateChanged: 1,
  WorkUnitStopReasonCorrected: 1,
  WorkUnitAllocated: 1,
  WorkUnitAllocationEnded: 1,
  JobOrderCreated: 1,
  JobOrderReleased: 1,
  JobOrderDispatched: 1,
  JobOrderSegmentStarted: 1,
  JobOrderPaused: 1,
  JobOrderHeld: 1,
  JobOrderResumed: 1,
  ProductionReported: 1,
  MaterialActualRecorded: 1,
  JobOrderSegmentCompleted: 1,
  JobOrderCompleted: 1,
  JobOrderClosed: 1,
  JobOrderAborted: 1,
  WorkCalendarDefined: 1,
  PlannedDowntimeBooked: 1,
  PlannedDowntimeCancelled: 1,
  WorkScheduleRevised: 1,
  ScheduledOperationLocked: 1,
  ScheduledOperationUnlocked: 1,
};

function isProductionEventName(name: string): name is ProjectedEvent['type'] {
  return name in UNDERSTOOD;
}

/**
 * Narrows an integration event to a fact the projections use, or undefined for a type they do not read.
 * A known type in a version they cannot read throws: the consumer retries, then dead-letters it, rather
 * than silently projecting something it misunderstood (a new version needs an upcaster here).
 */
export function productionFactOf(event: IntegrationEvent): ProductionFact | undefined {
  if (!isProductionEventName(event.name)) return undefined;
  if (event.version !== UNDERSTOOD[event.name]) {
    throw new Error(`the gateway reads ${event.name} v${UNDERSTOOD[event.name]}, not v${event.version}`);
  }
  // The producer validated the data against its JSON Schema before appending it.
  return {
    type: event.name,
    data: event.data,
    eventId: event.id,
    streamPosition: event.streamposition,
    occurredAt: event.time,
    actor: event.actor ?? null,
    correlationId: event.correlationid ?? null,
    ...(event.causationid ? { causationId: event.causationid } : {}),
  } as ProductionFact;
}

/** What a projection decided about one fact: the row to write, or why it writes nothing. */
export type Projected<Row> = { write: Row } | { skip: string };
