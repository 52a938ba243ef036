import { Args, Resolver, Subscription } from '@nestjs/graphql';
import type { ScheduleRevisionRecord } from '../projections/work-schedule/work-schedule.store';
import { ScheduleRevisionFeed } from './schedule-revision-feed';

@Resolver()
export class ScheduleRevisedResolver {
  constructor(private readonly feed: ScheduleRevisionFeed) {}

  @Subscription('scheduleRevised', { resolve: (revision: ScheduleRevisionRecord) => revision })
  scheduleRevised(@Args('siteId') siteId: string): AsyncIterableIterator<ScheduleRevisionRecord> {
    return this.feed.subscribe(siteId);
  }
}
