import { Args, Query, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../../commands/command-errors';
import type { WorkUnitStateChangeRecord } from './work-unit-state-timeline.projection';
import { WorkUnitStateTimelineQueries } from './work-unit-state-timeline.store';

const MAX_LAST = 1000;

@Resolver()
export class WorkUnitStateTimelineResolver {
  constructor(private readonly timeline: WorkUnitStateTimelineQueries) {}

  @Query('workUnitStateHistory')
  workUnitStateHistory(
    @Args('workUnitId') workUnitId: string,
    @Args('from') from: string | null | undefined,
    @Args('to') to: string | null | undefined,
    @Args('last') last: number | null | undefined,
  ): Promise<WorkUnitStateChangeRecord[]> {
    const count = last ?? 100;
    if (count < 1 || count > MAX_LAST) throw badUserInput([{ field: 'last', message: `must be between 1 and ${MAX_LAST}` }]);
    return this.timeline.history(workUnitId, { from: from ?? null, to: to ?? null, last: count });
  }
}
