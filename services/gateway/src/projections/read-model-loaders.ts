import { Injectable } from '@nestjs/common';
import { BatchLoader } from '../graphql/batch-loader';
import type { EquipmentRecord } from './equipment-hierarchy/equipment-hierarchy.projection';
import { EquipmentHierarchyQueries } from './equipment-hierarchy/equipment-hierarchy.store';
import type { JobOrderHistoryRecord } from './job-order-history/job-order-history.projection';
import { JobOrderHistoryQueries } from './job-order-history/job-order-history.store';
import type { JobOrderRecord } from './job-orders/job-orders.projection';
import { JobOrderQueries } from './job-orders/job-orders.store';
import type { WorkUnitAllocationRecord } from './work-unit-allocations/work-unit-allocations.projection';
import { WorkUnitAllocationQueries } from './work-unit-allocations/work-unit-allocations.store';
import type { WorkUnitStatusRecord } from './work-unit-status/work-unit-status.projection';
import { WorkUnitStatusQueries } from './work-unit-status/work-unit-status.store';

/** Batched reads for the field resolvers: one query per field per tick, however many parents ask. */
@Injectable()
export class ReadModelLoaders {
  readonly equipment: BatchLoader<string, EquipmentRecord>;
  readonly children: BatchLoader<string, EquipmentRecord[]>;
  readonly workUnits: BatchLoader<string, EquipmentRecord[]>;
  readonly status: BatchLoader<string, WorkUnitStatusRecord>;
  readonly jobOrders: BatchLoader<string, JobOrderRecord>;
  readonly jobOrderHistory: BatchLoader<string, JobOrderHistoryRecord[]>;
  readonly runningAllocations: BatchLoader<string, WorkUnitAllocationRecord[]>;

  constructor(
    hierarchy: EquipmentHierarchyQueries, statuses: WorkUnitStatusQueries, jobOrders: JobOrderQueries, history: JobOrderHistoryQueries,
    allocations: WorkUnitAllocationQueries,
  ) {
    this.equipment = new BatchLoader((ids) => hierarchy.byIds(ids));
    this.children = new BatchLoader((ids) => hierarchy.childrenOf(ids));
    this.workUnits = new BatchLoader((ids) => hierarchy.workUnitsUnder(ids));
    this.status = new BatchLoader((ids) => statuses.byWorkUnitIds(ids));
    this.jobOrders = new BatchLoader((ids) => jobOrders.byIds(ids));
    this.jobOrderHistory = new BatchLoader((ids) => history.forJobOrders(ids));
    this.runningAllocations = new BatchLoader((ids) => allocations.currentFor(ids));
  }
}
