import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReadModelLoaders } from '../read-model-loaders';
import type { JobOrderHistoryRecord } from './job-order-history.projection';

@Resolver()
export class JobOrderHistoryResolver {
  constructor(private readonly loaders: ReadModelLoaders) {}

  @Query('jobOrderHistory')
  async jobOrderHistory(@Args('jobOrderId') jobOrderId: string): Promise<JobOrderHistoryRecord[]> {
    return (await this.loaders.jobOrderHistory.load(jobOrderId)) ?? [];
  }
}
