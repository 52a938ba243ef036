import { Args, Resolver, Subscription } from '@nestjs/graphql';
import type { JobOrderRecord } from '../projections/job-orders/job-orders.projection';
import { readClockAgain } from '../projections/job-orders/job-orders.resolver';
import { JobOrderFeed } from './job-order-feed';

/** The feed yields the job order itself, not `{ jobOrderChanged: job }`; `JobOrdersResolver` resolves its fields. */
function pushed(job: JobOrderRecord, _args: unknown, context: object): JobOrderRecord {
  readClockAgain(context);
  return job;
}

@Resolver()
export class JobOrderChangedResolver {
  constructor(private readonly feed: JobOrderFeed) {}

  @Subscription('jobOrderChanged', { resolve: pushed })
  jobOrderChanged(
    @Args('siteId') siteId: string | null | undefined,
    @Args('jobOrderId') jobOrderId: string | null | undefined,
  ): AsyncIterableIterator<JobOrderRecord> {
    return this.feed.subscribe({ siteId: siteId ?? null, jobOrderId: jobOrderId ?? null });
  }
}
