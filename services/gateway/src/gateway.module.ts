import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { SERVICE_RUNTIME, schemaName, type ServiceRuntime } from '@quadrant/platform';
import { ChangeWorkUnitStateResolver } from './commands/change-work-unit-state/change-work-unit-state.resolver';
import { CompleteJobOrderSegmentResolver } from './commands/complete-job-order-segment/complete-job-order-segment.resolver';
import { ControlJobOrderResolver } from './commands/control-job-order/control-job-order.resolver';
import { CorrectStopReasonResolver } from './commands/correct-stop-reason/correct-stop-reason.resolver';
import { CreateJobOrderResolver } from './commands/create-job-order/create-job-order.resolver';
import { DefineEquipmentResolver } from './commands/define-equipment/define-equipment.resolver';
import { DispatchJobOrderResolver } from './commands/dispatch-job-order/dispatch-job-order.resolver';
import { ReleaseJobOrderResolver } from './commands/release-job-order/release-job-order.resolver';
import { ReportProductionResolver } from './commands/report-production/report-production.resolver';
import { StartJobOrderSegmentResolver } from './commands/start-job-order-segment/start-job-order-segment.resolver';
import { ProductionClient } from './commands/production-client';
import { GraphQLErrorPassThrough } from './graphql/graphql-errors';
import { graphqlOptions } from './graphql/graphql-options';
import { HealthController } from './health.controller';
import { DispatchListResolver } from './projections/dispatch-list/dispatch-list.resolver';
import { DispatchListQueries } from './projections/dispatch-list/dispatch-list.store';
import { EquipmentHierarchyResolver } from './projections/equipment-hierarchy/equipment-hierarchy.resolver';
import { EquipmentHierarchyQueries } from './projections/equipment-hierarchy/equipment-hierarchy.store';
import { GATEWAY_SCHEMA, GATEWAY_SCHEMA_NAME } from './projections/gateway-schema';
import { JobOrderHistoryResolver } from './projections/job-order-history/job-order-history.resolver';
import { JobOrderHistoryQueries } from './projections/job-order-history/job-order-history.store';
import { JobOrderSegmentResolver, JobOrdersResolver } from './projections/job-orders/job-orders.resolver';
import { JobOrderQueries } from './projections/job-orders/job-orders.store';
import { ProductionProjections } from './projections/production-projections';
import { ReadModelLoaders } from './projections/read-model-loaders';
import { GatewayReadModels } from './projections/gateway-read-models';
import { KpiDayRollups } from './projections/kpi-elements/kpi-day-rollup-builds';
import { KpiProjection } from './projections/kpi-elements/kpi-projection';
import { KpiQueries } from './projections/kpi-elements/kpi-queries';
import { KpiReprojection } from './projections/kpi-elements/kpi-reprojection';
import { KpiResolver } from './projections/kpi-elements/kpi.resolver';
import { KpiFeed } from './subscriptions/kpi-feed';
import { PlannedTimes } from './projections/work-calendars/planned-times';
import { WorkUnitAllocationsResolver, WorkUnitStatusAllocationsResolver } from './projections/work-unit-allocations/work-unit-allocations.resolver';
import { WorkUnitAllocationQueries } from './projections/work-unit-allocations/work-unit-allocations.store';
import { WorkUnitStatusResolver } from './projections/work-unit-status/work-unit-status.resolver';
import { WorkUnitStatusQueries } from './projections/work-unit-status/work-unit-status.store';
import { WorkUnitStateTimelineResolver } from './projections/work-unit-state-timeline/work-unit-state-timeline.resolver';
import { WorkUnitStateTimelineQueries } from './projections/work-unit-state-timeline/work-unit-state-timeline.store';
import { JobOrderChangedResolver } from './subscriptions/job-order-changed.resolver';
import { PlanWorkScheduleResolver } from './commands/plan-work-schedule/plan-work-schedule.resolver';
import { ScheduleRevisionResolver, WorkScheduleResolver } from './projections/work-schedule/work-schedule.resolver';
import { WorkScheduleQueries } from './projections/work-schedule/work-schedule.store';
import { ScheduleRevisedResolver } from './subscriptions/schedule-revised.resolver';
import { ScheduleRevisionFeed } from './subscriptions/schedule-revision-feed';
import { JobOrderFeed } from './subscriptions/job-order-feed';
import { WorkUnitStateChangedResolver } from './subscriptions/work-unit-state-changed.resolver';
import { WorkUnitStatusFeed } from './subscriptions/work-unit-status-feed';

export interface GatewayOptions {
  /** Base URL of the production service's REST API, where mutations are routed. */
  productionUrl: string;
}

const queryResolvers = [
  EquipmentHierarchyResolver,
  WorkUnitStatusResolver,
  WorkUnitStateTimelineResolver,
  JobOrdersResolver,
  JobOrderSegmentResolver,
  DispatchListResolver,
  JobOrderHistoryResolver,
  WorkUnitAllocationsResolver,
  WorkUnitStatusAllocationsResolver,
  WorkScheduleResolver,
  ScheduleRevisionResolver,
];
const commandResolvers = [
  DefineEquipmentResolver,
  ChangeWorkUnitStateResolver,
  CreateJobOrderResolver,
  ReleaseJobOrderResolver,
  DispatchJobOrderResolver,
  ControlJobOrderResolver,
  StartJobOrderSegmentResolver,
  ReportProductionResolver,
  CompleteJobOrderSegmentResolver,
  CorrectStopReasonResolver,
  PlanWorkScheduleResolver,
];
const subscriptionResolvers = [WorkUnitStateChangedResolver, JobOrderChangedResolver, ScheduleRevisedResolver];
const kpiProviders = [KpiProjection, KpiQueries, KpiReprojection, KpiDayRollups, KpiFeed, KpiResolver];

@Module({})
export class GatewayModule {
  static register(runtime: ServiceRuntime, options: GatewayOptions): DynamicModule {
    const schema = schemaName(runtime, GATEWAY_SCHEMA_NAME);
    const readModels = [
      { provide: EquipmentHierarchyQueries, useValue: new EquipmentHierarchyQueries(runtime.db, schema) },
      { provide: WorkUnitStatusQueries, useValue: new WorkUnitStatusQueries(runtime.db, schema) },
      { provide: WorkUnitStateTimelineQueries, useValue: new WorkUnitStateTimelineQueries(runtime.db, schema) },
      { provide: JobOrderQueries, useValue: new JobOrderQueries(runtime.db, schema) },
      { provide: DispatchListQueries, useValue: new DispatchListQueries(runtime.db, schema) },
      { provide: JobOrderHistoryQueries, useValue: new JobOrderHistoryQueries(runtime.db, schema) },
      { provide: WorkUnitAllocationQueries, useValue: new WorkUnitAllocationQueries(runtime.db, schema) },
      { provide: WorkScheduleQueries, useValue: new WorkScheduleQueries(runtime.db, schema) },
      ReadModelLoaders,
    ];
    return {
      module: GatewayModule,
      imports: [GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions())],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: GATEWAY_SCHEMA, useValue: schema },
        { provide: APP_FILTER, useClass: GraphQLErrorPassThrough },
        { provide: ProductionClient, useValue: new ProductionClient(options.productionUrl) },
        ...readModels,
        WorkUnitStatusFeed,
        JobOrderFeed,
        ScheduleRevisionFeed,
        GatewayReadModels,
        ProductionProjections,
        PlannedTimes,
        ...kpiProviders,
        ...queryResolvers,
        ...commandResolvers,
        ...subscriptionResolvers,
      ],
    };
  }
}
