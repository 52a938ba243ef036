import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReadModelLoaders } from '../read-model-loaders';
import { PlannedTimes } from '../work-calendars/planned-times';
import type { WorkUnitStatusRecord } from '../work-unit-status/work-unit-status.projection';
import type { EquipmentRecord } from './equipment-hierarchy.projection';
import { EquipmentHierarchyQueries } from './equipment-hierarchy.store';

@Resolver('Equipment')
export class EquipmentHierarchyResolver {
  constructor(
    private readonly hierarchy: EquipmentHierarchyQueries,
    private readonly loaders: ReadModelLoaders,
    private readonly planned: PlannedTimes,
  ) {}

  @Query('enterprises')
  enterprises(): Promise<EquipmentRecord[]> {
    return this.hierarchy.atLevel('Enterprise');
  }

  @Query('sites')
  sites(): Promise<EquipmentRecord[]> {
    return this.hierarchy.atLevel('Site');
  }

  @Query('equipment')
  async equipment(@Args('id') id: string): Promise<EquipmentRecord | null> {
    return (await this.loaders.equipment.load(id)) ?? null;
  }

  @ResolveField('timeZone')
  async timeZone(@Parent() equipment: EquipmentRecord): Promise<string | null> {
    if (equipment.level === 'Enterprise') return null;
    return (await this.planned.calendarsOf([equipment.id])).get(equipment.id)?.definition.timeZone ?? null;
  }

  @ResolveField('parent')
  async parent(@Parent() equipment: EquipmentRecord): Promise<EquipmentRecord | null> {
    return equipment.parentId === null ? null : ((await this.loaders.equipment.load(equipment.parentId)) ?? null);
  }

  @ResolveField('children')
  async children(@Parent() equipment: EquipmentRecord): Promise<EquipmentRecord[]> {
    return (await this.loaders.children.load(equipment.id)) ?? [];
  }

  @ResolveField('workUnits')
  async workUnits(@Parent() equipment: EquipmentRecord): Promise<EquipmentRecord[]> {
    return (await this.loaders.workUnits.load(equipment.id)) ?? [];
  }

  @ResolveField('status')
  async status(@Parent() equipment: EquipmentRecord): Promise<WorkUnitStatusRecord | null> {
    return equipment.level === 'WorkUnit' ? ((await this.loaders.status.load(equipment.id)) ?? null) : null;
  }
}
