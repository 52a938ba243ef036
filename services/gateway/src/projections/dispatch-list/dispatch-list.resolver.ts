import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { JobOrderRecord } from '../job-orders/job-orders.projection';
import { ReadModelLoaders } from '../read-model-loaders';
import type { DispatchListEntryRecord } from './dispatch-list.projection';
import { DispatchListQueries } from './dispatch-list.store';

type PositionedEntry = DispatchListEntryRecord & { position: number };

@Resolver('DispatchListEntry')
export class DispatchListResolver {
  constructor(
    private readonly dispatchList: DispatchListQueries,
    private readonly loaders: ReadModelLoaders,
  ) {}

  @Query('dispatchList')
  async list(@Args('workUnitId') workUnitId: string): Promise<PositionedEntry[]> {
    const entries = await this.dispatchList.forWorkUnit(workUnitId);
    return entries.map((entry, index) => ({ ...entry, position: index + 1 }));
  }

  @ResolveField('jobOrder')
  async jobOrder(@Parent() entry: DispatchListEntryRecord): Promise<JobOrderRecord | null> {
    return (await this.loaders.jobOrders.load(entry.jobOrderId)) ?? null;
  }
}
