import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { JobOrderStatus } from '@quadrant/contracts';
import { badUserInput } from '../../commands/command-errors';
import type { EquipmentRecord } from '../equipment-hierarchy/equipment-hierarchy.projection';
import type { JobOrderHistoryRecord } from '../job-order-history/job-order-history.projection';
import { ReadModelLoaders } from '../read-model-loaders';
import { latenessOf, progressOf, type JobOrderProgress } from './job-order-performance';
import type { JobOrderRecord, JobOrderSegmentRecord } from './job-orders.projection';
import { JobOrderQueries } from './job-orders.store';

const MAX_FIRST = 1000;

/** One clock reading per request, so every job order in one answer is measured against the same instant. */
const requestTimes = new WeakMap<object, string>();
function nowOf(context: object): string {
  const known = requestTimes.get(context);
  if (known) return known;
  const now = new Date().toISOString();
  requestTimes.set(context, now);
  return now;
}

/**
 * A subscription's context lasts as long as the subscription: each push takes a fresh clock reading, so
 * the lateness it carries is measured when it is sent, not when the first one was.
 */
export function readClockAgain(context: object): void {
  requestTimes.set(context, new Date().toISOString());
}

@Resolver('JobOrder')
export class JobOrdersResolver {
  constructor(
    private readonly jobOrders: JobOrderQueries,
    private readonly loaders: ReadModelLoaders,
  ) {}

  @Query('jobOrders')
  list(
    @Args('siteId') siteId: string | null | undefined,
    @Args('statuses') statuses: JobOrderStatus[] | null | undefined,
    @Args('dueBefore') dueBefore: string | null | undefined,
    @Args('dueAfter') dueAfter: string | null | undefined,
    @Args('first') first: number | null | undefined,
  ): Promise<JobOrderRecord[]> {
    const count = first ?? 100;
    if (count < 1 || count > MAX_FIRST) throw badUserInput([{ field: 'first', message: `must be between 1 and ${MAX_FIRST}` }]);
    return this.jobOrders.list({ siteId: siteId ?? null, statuses: statuses ?? null, dueBefore: dueBefore ?? null, dueAfter: dueAfter ?? null, first: count });
  }

  @Query('jobOrder')
  async jobOrder(@Args('id') id: string): Promise<JobOrderRecord | null> {
    return (await this.loaders.jobOrders.load(id)) ?? null;
  }

  @ResolveField('id')
  id(@Parent() job: JobOrderRecord): string {
    return job.jobOrderId;
  }

  @ResolveField('site')
  async site(@Parent() job: JobOrderRecord): Promise<EquipmentRecord | null> {
    return (await this.loaders.equipment.load(job.siteId)) ?? null;
  }

  @ResolveField('progress')
  progress(@Parent() job: JobOrderRecord): JobOrderProgress {
    return progressOf(job);
  }

  @ResolveField('lateness')
  lateness(@Parent() job: JobOrderRecord, @Context() context: object): number | null {
    return latenessOf(job, nowOf(context));
  }

  @ResolveField('history')
  async history(@Parent() job: JobOrderRecord): Promise<JobOrderHistoryRecord[]> {
    return (await this.loaders.jobOrderHistory.load(job.jobOrderId)) ?? [];
  }
}

@Resolver('JobOrderSegment')
export class JobOrderSegmentResolver {
  @ResolveField('dispatchedTo')
  dispatchedTo(@Parent() segment: JobOrderSegmentRecord): string[] {
    return segment.dispatches.map((dispatch) => dispatch.workUnitId);
  }
}
