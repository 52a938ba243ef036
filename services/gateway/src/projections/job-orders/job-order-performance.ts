import type { JobOrderRecord } from './job-orders.projection';

export interface JobOrderProgress {
  /** good / quantity: 1 when the ordered quantity is made, above 1 when overproduced. */
  fraction: number;
  good: number;
  scrap: number;
  rework: number;
}

export function progressOf(job: Pick<JobOrderRecord, 'quantity' | 'good' | 'scrap' | 'rework'>): JobOrderProgress {
  return { fraction: job.quantity > 0 ? job.good / job.quantity : 0, good: job.good, scrap: job.scrap, rework: job.rework };
}

/**
 * Seconds past the due time (negative: slack left), or null with no due time. A completed job order is
 * measured at its completion; an aborted one at its abort, since it will never complete and a figure that
 * grows forever would only crowd the "most late" end of a list. Otherwise it is measured at `now`.
 */
export function latenessOf(job: Pick<JobOrderRecord, 'dueAt' | 'completedAt' | 'abortedAt'>, now: string): number | null {
  if (job.dueAt === null) return null;
  const end = job.completedAt ?? job.abortedAt ?? now;
  // `+ 0` turns the -0 of a sub-second slack into 0.
  return Math.trunc((Date.parse(end) - Date.parse(job.dueAt)) / 1000) + 0;
}
