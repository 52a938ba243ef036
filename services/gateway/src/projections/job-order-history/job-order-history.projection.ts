import type { Projected, ProductionFact } from '../production-facts';
import { isJobOrderFact, type JobOrderFact } from '../job-orders/job-orders.projection';

/** One event of a job order's life: who did what, when, and why. */
export interface JobOrderHistoryRecord {
  eventId: string;
  jobOrderId: string;
  streamPosition: number;
  type: string;
  summary: string;
  occurredAt: string;
  actor: string | null;
  correlationId: string | null;
  reasonCode: string | null;
  data: Record<string, unknown>;
}

const reason = (code: string | undefined): string => (code ? ` (${code})` : '');

/** A line a planner reads without opening the data. */
export function summaryOf(fact: JobOrderFact): string {
  switch (fact.type) {
    case 'JobOrderCreated': {
      const { quantity, productId, siteId, priority, dueAt } = fact.data;
      return `Created for ${quantity} of ${productId} at ${siteId}, priority ${priority}${dueAt ? `, due ${dueAt}` : ''}`;
    }
    case 'JobOrderReleased': {
      const { routingVersion, segments } = fact.data;
      return `Released with routing v${routingVersion}: ${segments.map((s) => s.segmentId).join(', ')}`;
    }
    case 'JobOrderDispatched':
      return `Segment ${fact.data.segmentId} dispatched to ${fact.data.workUnitId}`;
    case 'JobOrderSegmentStarted':
      return `Segment ${fact.data.segmentId} started on ${fact.data.workUnitId}`;
    case 'JobOrderPaused':
      return `Paused${reason(fact.data.reasonCode)}`;
    case 'JobOrderHeld':
      return `Held${reason(fact.data.reasonCode)}`;
    case 'JobOrderResumed':
      return 'Resumed';
    case 'ProductionReported': {
      const { segmentId, workUnitId, good, scrap, rework, scrapReasonCode, reworkReasonCode } = fact.data;
      return `Segment ${segmentId} on ${workUnitId}: ${good} good, ${scrap} scrap${reason(scrapReasonCode)}, ${rework} rework${reason(reworkReasonCode)}`;
    }
    case 'MaterialActualRecorded': {
      const { segmentId, materialUse, quantity, materialDefinitionId, materialLotId } = fact.data;
      return `Segment ${segmentId} ${materialUse.toLowerCase()} ${quantity} of ${materialDefinitionId}, lot ${materialLotId}`;
    }
    case 'JobOrderSegmentCompleted':
      return `Segment ${fact.data.segmentId} completed on ${fact.data.workUnitId}`;
    case 'JobOrderCompleted': {
      const { forced, openSegments, reasonCode } = fact.data;
      return forced ? `Completed by force${reason(reasonCode)} with segments open: ${openSegments.join(', ')}` : 'Completed';
    }
    case 'JobOrderClosed':
      return 'Closed';
    case 'JobOrderAborted':
      return `Aborted${reason(fact.data.reasonCode)}`;
    default: {
      const unexpected: never = fact;
      return unexpected;
    }
  }
}

/** The "why" of the events that carry one; scrap and rework reasons stay per count, in the summary and data. */
function reasonCodeOf(fact: JobOrderFact): string | null {
  switch (fact.type) {
    case 'JobOrderPaused':
    case 'JobOrderHeld':
    case 'JobOrderCompleted':
    case 'JobOrderAborted':
      return fact.data.reasonCode ?? null;
    default:
      return null;
  }
}

/** Append-only: one entry per event, keyed by event id and by stream position, so a redelivery adds nothing. */
export function projectJobOrderHistory(fact: ProductionFact): Projected<JobOrderHistoryRecord> {
  if (!isJobOrderFact(fact)) return { skip: `${fact.type} is not a job order event` };
  return {
    write: {
      eventId: fact.eventId,
      jobOrderId: fact.data.jobOrderId,
      streamPosition: fact.streamPosition,
      type: fact.type,
      summary: summaryOf(fact),
      occurredAt: fact.occurredAt,
      actor: fact.actor,
      correlationId: fact.correlationId,
      reasonCode: reasonCodeOf(fact),
      data: { ...fact.data },
    },
  };
}
