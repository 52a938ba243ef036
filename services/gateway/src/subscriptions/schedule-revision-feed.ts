import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ScheduleRevisionRecord } from '../projections/work-schedule/work-schedule.store';
import { BoundedPubSub } from './bounded-pub-sub';

/** Schedule revisions as the projection has committed them, for `scheduleRevised` subscribers. */
@Injectable()
export class ScheduleRevisionFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('ScheduleRevisionFeed');
  private readonly pubSub = new BoundedPubSub<ScheduleRevisionRecord>({
    capacity: 1000,
    onOverflow: (dropped) => {
      if (dropped === 1 || dropped % 1000 === 0) this.logger.warn(`a scheduleRevised subscriber is too slow: ${dropped} oldest revision(s) dropped so far`);
    },
  });

  publish(revisions: readonly ScheduleRevisionRecord[]): void {
    for (const revision of revisions) this.pubSub.publish(revision);
  }

  subscribe(siteId: string): AsyncIterableIterator<ScheduleRevisionRecord> {
    return this.pubSub.subscribe((revision) => revision.siteId === siteId);
  }

  onApplicationShutdown(): void {
    this.pubSub.close();
  }
}
