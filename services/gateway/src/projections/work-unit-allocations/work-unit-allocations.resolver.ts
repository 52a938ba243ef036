import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { JobOrderRecord } from '../job-orders/job-orders.projection';
import { ReadModelLoaders } from '../read-model-loaders';
import type { WorkUnitStatusRecord } from '../work-unit-status/work-unit-status.projection';
import type { WorkUnitAllocationRecord } from './work-unit-allocations.projection';
import { WorkUnitAllocationQueries } from './work-unit-allocations.store';

@Resolver('WorkUnitAllocation')
export class WorkUnitAllocationsResolver {
  constructor(
    private readonly allocations: WorkUnitAllocationQueries,
    private readonly loaders: ReadModelLoaders,
  ) {}

  @Query('workUnitAllocations')
  workUnitAllocations(
    @Args('workUnitId') workUnitId: string,
    @Args('from') from: string | null | undefined,
    @Args('to') to: string | null | undefined,
  ): Promise<WorkUnitAllocationRecord[]> {
    return this.allocations.overlapping(workUnitId, from ?? null, to ?? null);
  }

  @ResolveField('jobOrder')
  async jobOrder(@Parent() allocation: WorkUnitAllocationRecord): Promise<JobOrderRecord | null> {
    return (await this.loaders.jobOrders.load(allocation.jobOrderId)) ?? null;
  }
}

/** The job orders running on a work unit, beside its equipment state. */
@Resolver('WorkUnitStatus')
export class WorkUnitStatusAllocationsResolver {
  constructor(private readonly loaders: ReadModelLoaders) {}

  @ResolveField('runningJobOrders')
  async runningJobOrders(@Parent() status: WorkUnitStatusRecord): Promise<WorkUnitAllocationRecord[]> {
    return (await this.loaders.runningAllocations.load(status.workUnitId)) ?? [];
  }
}
