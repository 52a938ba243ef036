import type { JobOrderStatus } from '@quadrant/contracts';
import type { JobOrderRecord } from '../job-orders/job-orders.projection';

/** One segment a work unit has been asked to run. */
export interface DispatchListEntryRecord {
  workUnitId: string;
  jobOrderId: string;
  segmentId: string;
  segmentName: string;
  priority: number;
  dueAt: string | null;
  dispatchedAt: string;
  /** Every segment it depends on has completed: the operator can start it now. */
  startable: boolean;
}

/** A held job order drops off the lists until resumed; a waiting one has no segments to dispatch. */
const LISTED: readonly JobOrderStatus[] = ['Ready', 'Dispatched', 'Running', 'Paused'];

/**
 * A job order's entries on the dispatch lists: each still-Pending segment, once per work unit it was
 * dispatched to. Derived from the whole job order rather than from single events because an entry leaves
 * a list for reasons outside its own segment (a hold, an abort, a start on another unit), and whether it
 * can start depends on its neighbours: recomputing from the job order's row cannot miss one.
 */
export function dispatchListOf(job: JobOrderRecord): DispatchListEntryRecord[] {
  if (!LISTED.includes(job.status)) return [];
  const completed = new Set(job.segments.filter((s) => s.status === 'Completed').map((s) => s.segmentId));
  return job.segments
    .filter((segment) => segment.status === 'Pending')
    .flatMap((segment) =>
      segment.dispatches.map((dispatch) => ({
        workUnitId: dispatch.workUnitId,
        jobOrderId: job.jobOrderId,
        segmentId: segment.segmentId,
        segmentName: segment.name,
        priority: job.priority,
        dueAt: job.dueAt,
        dispatchedAt: dispatch.dispatchedAt,
        startable: segment.dependsOn.every((id) => completed.has(id)),
      })),
    );
}
