import type { JobOrderEvent, JobOrderStatus } from '@quadrant/contracts';
import type { Projected, ProductionFact } from '../production-facts';

export type JobOrderSegmentStatus = 'Pending' | 'Running' | 'Completed';

export interface SegmentDispatchRecord {
  workUnitId: string;
  /** The job order's dispatch counter: 1 for its first dispatch of any segment. */
  sequence: number;
  dispatchedAt: string;
}

/** One released routing segment and how far it has got. */
export interface JobOrderSegmentRecord {
  segmentId: string;
  name: string;
  status: JobOrderSegmentStatus;
  eligibleWorkUnitIds: string[];
  dependsOn: string[];
  /** The work unit it started on; null while Pending. */
  workUnitId: string | null;
  dispatches: SegmentDispatchRecord[];
  actualStart: string | null;
  actualEnd: string | null;
  good: number;
  scrap: number;
  rework: number;
}

/** One job order as planners list it. */
export interface JobOrderRecord {
  jobOrderId: string;
  productId: string;
  siteId: string;
  description: string | null;
  quantity: number;
  /** 1 is the most urgent. */
  priority: number;
  dueAt: string | null;
  status: JobOrderStatus;
  routingVersion: number | null;
  createdAt: string;
  releasedAt: string | null;
  /** When its first segment started. */
  startedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  abortedAt: string | null;
  /** Good out of the routing's last segments; scrap and rework from every segment (see `totalsOf`). */
  good: number;
  scrap: number;
  rework: number;
  segments: JobOrderSegmentRecord[];
  /** Position in the job order's stream of the last event applied: the ordering guard. */
  streamPosition: number;
  eventId: string;
}

/** A fact of a job order stream (`job-order-<id>`). */
export type JobOrderFact = Extract<ProductionFact, { type: JobOrderEvent['type'] }>;

const JOB_ORDER_EVENT_TYPES: ReadonlySet<string> = new Set<JobOrderEvent['type']>([
  'JobOrderCreated',
  'JobOrderReleased',
  'JobOrderDispatched',
  'JobOrderSegmentStarted',
  'JobOrderPaused',
  'JobOrderHeld',
  'JobOrderResumed',
  'ProductionReported',
  'MaterialActualRecorded',
  'JobOrderSegmentCompleted',
  'JobOrderCompleted',
  'JobOrderClosed',
  'JobOrderAborted',
]);

export function isJobOrderFact(fact: ProductionFact): fact is JobOrderFact {
  return JOB_ORDER_EVENT_TYPES.has(fact.type);
}

export function jobOrderKeyOf(fact: ProductionFact): string | undefined {
  return isJobOrderFact(fact) ? fact.data.jobOrderId : undefined;
}

// The statuses below mirror production's `evolveJobOrder` rule for rule: the list must never show a
// status the job order's own stream would not give it.
const EXECUTABLE: readonly JobOrderStatus[] = ['Ready', 'Dispatched', 'Running'];

function activeStatus(segments: readonly JobOrderSegmentRecord[]): JobOrderStatus {
  if (segments.some((s) => s.status === 'Running')) return 'Running';
  return segments.some((s) => s.dispatches.length > 0) ? 'Dispatched' : 'Ready';
}

function withSegment(job: JobOrderRecord, segmentId: string, change: (segment: JobOrderSegmentRecord) => JobOrderSegmentRecord): JobOrderSegmentRecord[] {
  return job.segments.map((s) => (s.segmentId === segmentId ? change(s) : s));
}

/**
 * Good counts only where the routing ends (segments no other segment depends on): the same pieces pass
 * every segment, so adding each segment's good would count a finished piece once per operation. Scrap and
 * rework are lost or extra work wherever they happen, so every segment's count adds up.
 */
export function totalsOf(segments: readonly JobOrderSegmentRecord[]): { good: number; scrap: number; rework: number } {
  const upstream = new Set(segments.flatMap((s) => s.dependsOn));
  const sum = (of: readonly JobOrderSegmentRecord[], pick: (s: JobOrderSegmentRecord) => number): number => of.reduce((total, s) => total + pick(s), 0);
  return {
    good: sum(segments.filter((s) => !upstream.has(s.segmentId)), (s) => s.good),
    scrap: sum(segments, (s) => s.scrap),
    rework: sum(segments, (s) => s.rework),
  };
}

function evolve(job: JobOrderRecord, fact: Exclude<JobOrderFact, { type: 'JobOrderCreated' }>): JobOrderRecord {
  switch (fact.type) {
    case 'JobOrderReleased': {
      const { data } = fact;
      const segments = data.segments.map(
        (s): JobOrderSegmentRecord => ({
          segmentId: s.segmentId,
          name: s.name,
          status: 'Pending',
          eligibleWorkUnitIds: s.eligible.map((e) => e.workUnitId),
          dependsOn: s.dependsOn,
          workUnitId: null,
          dispatches: [],
          actualStart: null,
          actualEnd: null,
          good: 0,
          scrap: 0,
          rework: 0,
        }),
      );
      return { ...job, status: 'Ready', routingVersion: data.routingVersion, releasedAt: data.releasedAt, segments, ...totalsOf(segments) };
    }
    case 'JobOrderDispatched': {
      const { segmentId, workUnitId, sequence, dispatchedAt } = fact.data;
      const segments = withSegment(job, segmentId, (s) => ({ ...s, dispatches: [...s.dispatches, { workUnitId, sequence, dispatchedAt }] }));
      return { ...job, segments, status: EXECUTABLE.includes(job.status) ? activeStatus(segments) : job.status };
    }
    case 'JobOrderSegmentStarted': {
      const { segmentId, workUnitId, startedAt } = fact.data;
      const segments = withSegment(job, segmentId, (s) => ({ ...s, status: 'Running', workUnitId, actualStart: startedAt }));
      return { ...job, segments, status: 'Running', startedAt: job.startedAt ?? startedAt };
    }
    case 'JobOrderPaused':
      return { ...job, status: 'Paused' };
    case 'JobOrderHeld':
      return { ...job, status: 'Held' };
    case 'JobOrderResumed':
      return { ...job, status: job.routingVersion === null ? 'Waiting' : activeStatus(job.segments) };
    case 'ProductionReported': {
      const { segmentId, good, scrap, rework } = fact.data;
      const segments = withSegment(job, segmentId, (s) => ({ ...s, good: s.good + good, scrap: s.scrap + scrap, rework: s.rework + rework }));
      return { ...job, segments, ...totalsOf(segments) };
    }
    case 'MaterialActualRecorded':
      return job;
    case 'JobOrderSegmentCompleted': {
      const { segmentId, endedAt } = fact.data;
      const segments = withSegment(job, segmentId, (s) => ({ ...s, status: 'Completed', actualEnd: endedAt }));
      return { ...job, segments, status: EXECUTABLE.includes(job.status) ? activeStatus(segments) : job.status };
    }
    case 'JobOrderCompleted':
      return { ...job, status: 'Completed', completedAt: fact.data.completedAt };
    case 'JobOrderClosed':
      return { ...job, status: 'Closed', closedAt: fact.data.closedAt };
    case 'JobOrderAborted':
      return { ...job, status: 'Aborted', abortedAt: fact.data.abortedAt };
    default: {
      const unexpected: never = fact;
      return unexpected;
    }
  }
}

/**
 * Evolves one job order. Its events all live in its own stream, so the stream position orders them: a
 * fact at or below the stored position is a redelivery and must not count production twice.
 */
export function projectJobOrder(current: JobOrderRecord | null, fact: ProductionFact): Projected<JobOrderRecord> {
  if (!isJobOrderFact(fact)) return { skip: `${fact.type} is not a job order event` };
  if (current && fact.streamPosition <= current.streamPosition) {
    return { skip: `stale: position ${fact.streamPosition} is not after ${current.streamPosition} of job order "${current.jobOrderId}"` };
  }
  const position = { streamPosition: fact.streamPosition, eventId: fact.eventId };
  if (fact.type === 'JobOrderCreated') {
    const { data } = fact;
    return {
      write: {
        jobOrderId: data.jobOrderId,
        productId: data.productId,
        siteId: data.siteId,
        description: data.description ?? null,
        quantity: data.quantity,
        priority: data.priority,
        dueAt: data.dueAt ?? null,
        status: 'Waiting',
        routingVersion: null,
        createdAt: data.createdAt,
        releasedAt: null,
        startedAt: null,
        completedAt: null,
        closedAt: null,
        abortedAt: null,
        good: 0,
        scrap: 0,
        rework: 0,
        segments: [],
        ...position,
      },
    };
  }
  // Only if its creation was dead-lettered: there is no row to apply a delta to.
  if (!current) return { skip: `job order "${fact.data.jobOrderId}" has not been created` };
  return { write: { ...evolve(current, fact), ...position } };
}
