// Test support for the job order projection specs (kept out of the build with every `testing/` folder).
import type { JobOrderEvent, ReleasedSegment } from '@quadrant/contracts';
import type { ProductionFact } from '../projections/production-facts';

export const jobOrderId = 'jo-1';
export const t = (hour: number, minute = 0): string => `2026-11-02T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
export const due = '2026-11-05T16:00:00.000Z';

/** Turning, then milling: milling is where finished pieces come out. */
export const routing: ReleasedSegment[] = [
  { segmentId: 'turn', name: 'Turning', eligible: [{ workUnitId: 'lathe-1', idealCycleTimeSeconds: 30, setupTimeSeconds: 600 }, { workUnitId: 'lathe-2', idealCycleTimeSeconds: 35, setupTimeSeconds: 600 }], dependsOn: [], consumes: [], produces: [] },
  { segmentId: 'mill', name: 'Milling', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: 45, setupTimeSeconds: 300 }], dependsOn: ['turn'], consumes: [], produces: [] },
];

/** A job order event at `streamPosition` of its stream, as the gateway reads it off the topic. */
export function fact(streamPosition: number, event: JobOrderEvent, origin: { actor?: string; correlationId?: string; occurredAt?: string } = {}): ProductionFact {
  return {
    ...event,
    eventId: `${event.data.jobOrderId}-${streamPosition}`,
    streamPosition,
    occurredAt: origin.occurredAt ?? t(6),
    actor: origin.actor ?? 'planner.anna',
    correlationId: origin.correlationId ?? null,
  };
}

export const created = (overrides: Partial<Extract<JobOrderEvent, { type: 'JobOrderCreated' }>['data']> = {}): JobOrderEvent => ({
  type: 'JobOrderCreated',
  data: { jobOrderId, productId: 'shaft', quantity: 100, siteId: 'lyon', priority: 2, dueAt: due, createdAt: t(6), ...overrides },
});
export const released: JobOrderEvent = { type: 'JobOrderReleased', data: { jobOrderId, routingVersion: 3, segments: routing, releasedAt: t(7) } };
export const dispatched = (segmentId: string, workUnitId: string, sequence: number, at = t(8)): JobOrderEvent => ({
  type: 'JobOrderDispatched',
  data: { jobOrderId, segmentId, workUnitId, sequence, dispatchedAt: at },
});
export const started = (segmentId: string, workUnitId: string, at = t(9)): JobOrderEvent => ({ type: 'JobOrderSegmentStarted', data: { jobOrderId, segmentId, workUnitId, startedAt: at } });
export const reported = (segmentId: string, workUnitId: string, good: number, scrap = 0, rework = 0, codes: { scrapReasonCode?: string; reworkReasonCode?: string } = {}): JobOrderEvent => ({
  type: 'ProductionReported',
  data: { jobOrderId, segmentId, workUnitId, good, scrap, rework, ...codes, reportedAt: t(10) },
});
export const segmentCompleted = (segmentId: string, workUnitId: string, at = t(11)): JobOrderEvent => ({ type: 'JobOrderSegmentCompleted', data: { jobOrderId, segmentId, workUnitId, endedAt: at } });
export const paused = (reasonCode?: string): JobOrderEvent => ({ type: 'JobOrderPaused', data: { jobOrderId, ...(reasonCode ? { reasonCode } : {}), pausedAt: t(12) } });
export const held: JobOrderEvent = { type: 'JobOrderHeld', data: { jobOrderId, reasonCode: 'QUALITY', heldAt: t(12) } };
export const resumed: JobOrderEvent = { type: 'JobOrderResumed', data: { jobOrderId, resumedAt: t(13) } };
export const materialConsumed: JobOrderEvent = {
  type: 'MaterialActualRecorded',
  data: { jobOrderId, segmentId: 'turn', materialUse: 'Consumed', materialDefinitionId: 'steel-bar', materialLotId: 'lot-42', quantity: 12.5, recordedAt: t(10) },
};
export const completed = (at = t(14)): JobOrderEvent => ({ type: 'JobOrderCompleted', data: { jobOrderId, forced: false, openSegments: [], completedAt: at } });
export const forceCompleted: JobOrderEvent = { type: 'JobOrderCompleted', data: { jobOrderId, forced: true, reasonCode: 'SHORT_RUN', openSegments: ['mill'], completedAt: t(14) } };
export const closed: JobOrderEvent = { type: 'JobOrderClosed', data: { jobOrderId, closedAt: t(15) } };
export const aborted: JobOrderEvent = { type: 'JobOrderAborted', data: { jobOrderId, reasonCode: 'CANCELLED', abortedAt: t(15) } };
