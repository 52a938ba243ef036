import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { WorkUnitStatusRecord } from '../projections/work-unit-status/work-unit-status.projection';
import { BoundedPubSub } from './bounded-pub-sub';

/** Work unit states the projection has committed, for `workUnitStateChanged` subscribers. */
@Injectable()
export class WorkUnitStatusFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkUnitStatusFeed');
  private readonly pubSub = new BoundedPubSub<WorkUnitStatusRecord>({
    capacity: 1000,
    onOverflow: (dropped) => {
      if (dropped === 1 || dropped % 1000 === 0) this.logger.warn(`a workUnitStateChanged subscriber is too slow: ${dropped} oldest change(s) dropped so far`);
    },
  });

  get subscriberCount(): number {
    return this.pubSub.subscriberCount;
  }

  publish(status: WorkUnitStatusRecord): void {
    this.pubSub.publish(status);
  }

  /** Changes of work units at or below `scope` (any level of the hierarchy); all of them when null. */
  subscribe(scope: string | null): AsyncIterableIterator<WorkUnitStatusRecord> {
    return this.pubSub.subscribe(scope ? (status) => status.path.includes(scope) : undefined);
  }

  onApplicationShutdown(): void {
    this.pubSub.close();
  }
}
