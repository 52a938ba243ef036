import { Injectable } from '@nestjs/common';
import { BatchLoader } from '../graphql/batch-loader';
import type { EquipmentRecord } from './equipment-hierarchy/equipment-hierarchy.projection';
import { EquipmentHierarchyQueries } from './equipment-hierarchy/equipment-hierarchy.store';
import type { WorkUnitStatusRecord } from './work-unit-status/work-unit-status.projection';
import { WorkUnitStatusQueries } from './work-unit-status/work-unit-status.store';

/** Batched reads for the field resolvers: one query per field per tick, however many parents ask. */
@Injectable()
export class ReadModelLoaders {
  readonly equipment: BatchLoader<string, EquipmentRecord>;
  readonly children: BatchLoader<string, EquipmentRecord[]>;
  readonly workUnits: BatchLoader<string, EquipmentRecord[]>;
  readonly status: BatchLoader<string, WorkUnitStatusRecord>;

  constructor(hierarchy: EquipmentHierarchyQueries, statuses: WorkUnitStatusQueries) {
    this.equipment = new BatchLoader((ids) => hierarchy.byIds(ids));
    this.children = new BatchLoader((ids) => hierarchy.childrenOf(ids));
    this.workUnits = new BatchLoader((ids) => hierarchy.workUnitsUnder(ids));
    this.status = new BatchLoader((ids) => statuses.byWorkUnitIds(ids));
  }
}
