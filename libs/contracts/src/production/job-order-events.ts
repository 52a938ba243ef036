import type { DomainEvent } from '@quadrant/event-sourcing';
import type { EligibleWorkUnit, SegmentMaterial } from './work-definition-events';

/** B2MML JobOrderDispatchStatus values a Quadrant job order goes through. */
export const JOB_ORDER_STATUSES = ['Waiting', 'Ready', 'Dispatched', 'Running', 'Paused', 'Held', 'Completed', 'Closed', 'Aborted'] as const;
export type JobOrderStatus = (typeof JOB_ORDER_STATUSES)[number];

/** A routing segment as released with a job order: classes resolved to the work units they held then. */
export interface ReleasedSegment {
  segmentId: string;
  name: string;
  eligible: EligibleWorkUnit[];
  dependsOn: string[];
  consumes: SegmentMaterial[];
  produces: SegmentMaterial[];
}

export type JobOrderCreated = DomainEvent<
  'JobOrderCreated',
  {
    jobOrderId: string;
    productId: string;
    quantity: number;
    siteId: string;
    priority: number;
    dueAt?: string;
    description?: string;
    createdAt: string;
  }
>;

/** Released for execution with the routing version current then; the job order keeps that version. */
export type JobOrderReleased = DomainEvent<
  'JobOrderReleased',
  { jobOrderId: string; routingVersion: number; segments: ReleasedSegment[]; releasedAt: string }
>;

export type JobOrderDispatched = DomainEvent<
  'JobOrderDispatched',
  { jobOrderId: string; segmentId: string; workUnitId: string; sequence: number; dispatchedAt: string }
>;

export type JobOrderSegmentStarted = DomainEvent<
  'JobOrderSegmentStarted',
  { jobOrderId: string; segmentId: string; workUnitId: string; startedAt: string }
>;

/** B2MML JobOrderCommand Pause / Hold / Resume on the whole job order. */
export type JobOrderPaused = DomainEvent<'JobOrderPaused', { jobOrderId: string; reasonCode?: string; pausedAt: string }>;
export type JobOrderHeld = DomainEvent<'JobOrderHeld', { jobOrderId: string; reasonCode: string; heldAt: string }>;
export type JobOrderResumed = DomainEvent<'JobOrderResumed', { jobOrderId: string; resumedAt: string }>;

/** Quantities produced on a segment since the last report (deltas, never negative). */
export type ProductionReported = DomainEvent<
  'ProductionReported',
  {
    jobOrderId: string;
    segmentId: string;
    workUnitId: string;
    good: number;
    scrap: number;
    rework: number;
    scrapReasonCode?: string;
    reworkReasonCode?: string;
    /** The reporting message (machine or operator), for tracing a figure back to its source. */
    messageId?: string;
    reportedAt: string;
  }
>;

/** A material lot consumed or produced by a segment (ISA-95 MaterialActual with its MaterialUse). */
export type MaterialActualRecorded = DomainEvent<
  'MaterialActualRecorded',
  {
    jobOrderId: string;
    segmentId: string;
    materialUse: 'Consumed' | 'Produced';
    materialDefinitionId: string;
    materialLotId: string;
    quantity: number;
    recordedAt: string;
  }
>;

export type JobOrderSegmentCompleted = DomainEvent<
  'JobOrderSegmentCompleted',
  { jobOrderId: string; segmentId: string; workUnitId: string; endedAt: string }
>;

export type JobOrderCompleted = DomainEvent<
  'JobOrderCompleted',
  { jobOrderId: string; forced: boolean; reasonCode?: string; openSegments: string[]; completedAt: string }
>;

export type JobOrderClosed = DomainEvent<'JobOrderClosed', { jobOrderId: string; closedAt: string }>;

export type JobOrderAborted = DomainEvent<'JobOrderAborted', { jobOrderId: string; reasonCode: string; abortedAt: string }>;

export type JobOrderEvent =
  | JobOrderCreated
  | JobOrderReleased
  | JobOrderDispatched
  | JobOrderSegmentStarted
  | JobOrderPaused
  | JobOrderHeld
  | JobOrderResumed
  | ProductionReported
  | MaterialActualRecorded
  | JobOrderSegmentCompleted
  | JobOrderCompleted
  | JobOrderClosed
  | JobOrderAborted;
