import type { Projected, ProductionFact } from '../production-facts';

/**
 * One allocation of a work unit to a job order's segment: open while `endedAt` is null, history once
 * ended. Ended rows stay so that time on the unit can be attributed to job orders.
 */
export interface WorkUnitAllocationRecord {
  /** The event that opened the row (an allocation, or an end whose allocation arrives late): its stable key. */
  allocationId: string;
  workUnitId: string;
  jobOrderId: string;
  segmentId: string;
  /** Null only while an end that arrived before its allocation waits for it; such rows are not answered. */
  allocatedAt: string | null;
  endedAt: string | null;
  path: string[];
  /** Position in the work unit's stream of the latest event applied to this row: the ordering guard. */
  streamPosition: number;
}

type AllocationFact = Extract<ProductionFact, { type: 'WorkUnitAllocated' | 'WorkUnitAllocationEnded' }>;

export function isAllocationFact(fact: ProductionFact): fact is AllocationFact {
  return fact.type === 'WorkUnitAllocated' || fact.type === 'WorkUnitAllocationEnded';
}

/** The allocations of a unit to one segment of one job order share a key; the store keeps its latest row. */
export function allocationKey(workUnitId: string, jobOrderId: string, segmentId: string): string {
  return JSON.stringify([workUnitId, jobOrderId, segmentId]);
}

export function workUnitAllocationKeyOf(fact: ProductionFact): string | undefined {
  return isAllocationFact(fact) ? allocationKey(fact.data.workUnitId, fact.data.jobOrderId, fact.data.segmentId) : undefined;
}

/**
 * Evolves the latest allocation of a work unit to one job order segment (`current`); a write with a new
 * `allocationId` starts a new history row, one with the same id replaces it.
 *
 * Both events live in the work unit's stream, so its position orders them: a fact at or below the row's
 * position is a redelivery or arrived late and is skipped. One exception, by decision: an end that
 * arrives before its allocation is kept (as a row without `allocatedAt`, hidden from queries) and the
 * late allocation, being earlier in the stream, completes it. Skipping the end instead would leave the
 * allocation open for ever once it did arrive, and attribute all later time to that job order.
 */
export function projectWorkUnitAllocation(current: WorkUnitAllocationRecord | null, fact: ProductionFact): Projected<WorkUnitAllocationRecord> {
  if (!isAllocationFact(fact)) return { skip: `${fact.type} does not allocate a work unit` };
  const { data } = fact;
  const what = `work unit "${data.workUnitId}" to job order "${data.jobOrderId}" segment "${data.segmentId}"`;
  if (fact.type === 'WorkUnitAllocated') {
    if (current && current.allocatedAt === null && fact.streamPosition < current.streamPosition) {
      return { write: { ...current, allocatedAt: fact.data.allocatedAt } };
    }
    if (current && fact.streamPosition <= current.streamPosition) {
      return { skip: `stale: position ${fact.streamPosition} is not after ${current.streamPosition} of the allocation of ${what}` };
    }
    if (current && current.endedAt === null) return { skip: `${what} is already allocated since ${current.allocatedAt}` };
    return {
      write: {
        allocationId: fact.eventId,
        workUnitId: data.workUnitId,
        jobOrderId: data.jobOrderId,
        segmentId: data.segmentId,
        allocatedAt: fact.data.allocatedAt,
        endedAt: null,
        path: data.path,
        streamPosition: fact.streamPosition,
      },
    };
  }
  if (current && fact.streamPosition <= current.streamPosition) {
    return { skip: `stale: position ${fact.streamPosition} is not after ${current.streamPosition} of the allocation of ${what}` };
  }
  if (current && current.endedAt === null) {
    return { write: { ...current, endedAt: fact.data.endedAt, path: data.path, streamPosition: fact.streamPosition } };
  }
  // No open allocation: its allocation has not arrived yet. Keep the end until it does.
  return {
    write: {
      allocationId: fact.eventId,
      workUnitId: data.workUnitId,
      jobOrderId: data.jobOrderId,
      segmentId: data.segmentId,
      allocatedAt: null,
      endedAt: fact.data.endedAt,
      path: data.path,
      streamPosition: fact.streamPosition,
    },
  };
}
