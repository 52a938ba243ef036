import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { WorkUnitState } from '@quadrant/contracts';
import type { EquipmentRecord } from '../equipment-hierarchy/equipment-hierarchy.projection';
import { ReadModelLoaders } from '../read-model-loaders';
import type { WorkUnitStatusRecord } from './work-unit-status.projection';
import { WorkUnitStatusQueries } from './work-unit-status.store';

@Resolver('WorkUnitStatus')
export class WorkUnitStatusResolver {
  constructor(
    private readonly statuses: WorkUnitStatusQueries,
    private readonly loaders: ReadModelLoaders,
  ) {}

  @Query('workUnitStatuses')
  workUnitStatuses(
    @Args('scope') scope: string | null | undefined,
    @Args('states') states: WorkUnitState[] | null | undefined,
  ): Promise<WorkUnitStatusRecord[]> {
    return this.statuses.list(scope ?? null, states ?? null);
  }

  @ResolveField('workUnit')
  async workUnit(@Parent() status: WorkUnitStatusRecord): Promise<EquipmentRecord | null> {
    return (await this.loaders.equipment.load(status.workUnitId)) ?? null;
  }
}
