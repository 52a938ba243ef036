import { Args, Resolver, Subscription } from '@nestjs/graphql';
import type { WorkUnitStatusRecord } from '../projections/work-unit-status/work-unit-status.projection';
import { WorkUnitStatusFeed } from './work-unit-status-feed';

@Resolver()
export class WorkUnitStateChangedResolver {
  constructor(private readonly feed: WorkUnitStatusFeed) {}

  /** The feed yields the status itself, not `{ workUnitStateChanged: status }`. */
  @Subscription('workUnitStateChanged', { resolve: (status: WorkUnitStatusRecord) => status })
  workUnitStateChanged(@Args('scope') scope: string | null | undefined): AsyncIterableIterator<WorkUnitStatusRecord> {
    return this.feed.subscribe(scope ?? null);
  }
}
