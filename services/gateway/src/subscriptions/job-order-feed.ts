import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { JobOrderRecord } from '../projections/job-orders/job-orders.projection';
import { JobOrderQueries } from '../projections/job-orders/job-orders.store';
import { BoundedPubSub } from './bounded-pub-sub';

/** What one projected batch changed: its job orders, and the events that changed them. */
export interface JobOrderBatchChanges {
  /** Each once, in the order the batch first changed them. */
  jobOrderIds: string[];
  /** The last event applied to each of them; any one of these committing means the whole batch did. */
  eventIds: string[];
}

/** The job orders a batch changed (as `applyBatchToJobOrders` answers them), or undefined when it changed none. */
export function jobOrderChangesOf(changed: readonly Pick<JobOrderRecord, 'jobOrderId' | 'eventId'>[]): JobOrderBatchChanges | undefined {
  if (changed.length === 0) return undefined;
  const jobOrderIds = [...new Set(changed.map((job) => job.jobOrderId))];
  const eventIds = [...new Set(changed.map((job) => job.eventId))];
  return { jobOrderIds, eventIds };
}

/** `jobOrderChanged`'s arguments: null is "any". */
export interface JobOrderSubscriptionFilter {
  siteId: string | null;
  jobOrderId: string | null;
}

/** Which job orders a subscriber wants; undefined when it wants them all. */
export function jobOrderFilterOf(filter: JobOrderSubscriptionFilter): ((job: JobOrderRecord) => boolean) | undefined {
  const { siteId, jobOrderId } = filter;
  if (siteId === null && jobOrderId === null) return undefined;
  return (job) => (siteId === null || job.siteId === siteId) && (jobOrderId === null || job.jobOrderId === jobOrderId);
}

/**
 * Job orders as the projection has committed them, for `jobOrderChanged` subscribers. The projection
 * hands over the ids a committed batch changed; the rows are re-read (one query per batch) so a push
 * carries the read model's row, the very one the `jobOrder` query answers.
 *
 * One read at a time, so pushes of a job order never go back in time. Batches committed while a read is
 * under way are read together next, each job order once: reads that start after the same commits would
 * answer the same rows anyway. Nothing is read while nobody subscribes.
 */
@Injectable()
export class JobOrderFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('JobOrderFeed');
  private readonly pubSub = new BoundedPubSub<JobOrderRecord>({
    capacity: 1000,
    onOverflow: (dropped) => {
      if (dropped === 1 || dropped % 1000 === 0) this.logger.warn(`a jobOrderChanged subscriber is too slow: ${dropped} oldest change(s) dropped so far`);
    },
  });
  /** Changed job orders waiting for the next read, in the order they changed. */
  private readonly pending = new Set<string>();
  private reading: Promise<void> | undefined;

  constructor(@Inject(JobOrderQueries) private readonly jobOrders: Pick<JobOrderQueries, 'byIds'>) {}

  get subscriberCount(): number {
    return this.pubSub.subscriberCount;
  }

  /** Called once a batch that changed these job orders has committed. */
  publishChanged(jobOrderIds: readonly string[]): void {
    if (this.pubSub.subscriberCount === 0 || jobOrderIds.length === 0) return;
    for (const id of jobOrderIds) this.pending.add(id);
    this.startReading();
  }

  /** Resolves once the changes handed over so far have been pushed (or dropped for want of subscribers). */
  async settled(): Promise<void> {
    while (this.reading) await this.reading;
  }

  /** Job orders at `siteId` and/or with id `jobOrderId`; all of them when both are null. */
  subscribe(filter: JobOrderSubscriptionFilter): AsyncIterableIterator<JobOrderRecord> {
    return this.pubSub.subscribe(jobOrderFilterOf(filter));
  }

  async onApplicationShutdown(): Promise<void> {
    this.pubSub.close();
    // No new read starts without subscribers; let the one under way finish before the database closes.
    await this.settled();
  }

  private startReading(): void {
    if (this.reading) return;
    this.reading = this.drain().finally(() => {
      this.reading = undefined;
      // Handed over between the last look at `pending` and now.
      if (this.pending.size > 0) this.startReading();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const ids = [...this.pending];
      this.pending.clear();
      if (this.pubSub.subscriberCount === 0) return;
      try {
        const rows = await this.jobOrders.byIds(ids);
        for (const id of ids) {
          const row = rows.get(id);
          if (row) this.pubSub.publish(row);
        }
      } catch (error) {
        this.logger.warn(`could not read ${ids.length} changed job order(s) for jobOrderChanged subscribers: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
