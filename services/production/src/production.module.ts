import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { ChangeWorkUnitStateController } from './equipment/change-work-unit-state/change-work-unit-state.controller';
import { ChangeWorkUnitStateHandler } from './equipment/change-work-unit-state/change-work-unit-state.handler';
import { DefineEquipmentController } from './equipment/define-equipment/define-equipment.controller';
import { DefineEquipmentHandler } from './equipment/define-equipment/define-equipment.handler';
import { GetEquipmentController } from './equipment/get-equipment/get-equipment.controller';
import { RecordStateChangesController } from './equipment/record-state-changes/record-state-changes.controller';
import { RecordStateChangesHandler } from './equipment/record-state-changes/record-state-changes.handler';
import { CorrectStopReasonController } from './equipment/correct-stop-reason/correct-stop-reason.controller';
import { RecordProductionCountsController } from './equipment/record-production-counts/record-production-counts.controller';
import { CompleteSegmentController } from './job-order/complete-segment/complete-segment.controller';
import { ControlJobOrderController } from './job-order/control-job-order/control-job-order.controller';
import { CreateJobOrderController } from './job-order/create-job-order/create-job-order.controller';
import { DispatchJobOrderController } from './job-order/dispatch-job-order/dispatch-job-order.controller';
import { GetJobOrderController } from './job-order/get-job-order/get-job-order.controller';
import { ReleaseJobOrderController } from './job-order/release-job-order/release-job-order.controller';
import { ReportProductionController } from './job-order/report-production/report-production.controller';
import { StartSegmentController } from './job-order/start-segment/start-segment.controller';
import { SPARKPLUG_INGEST, SparkplugIngest, type SparkplugIngestConfig } from './machine-data/sparkplug-ingest';
import { ProductionStore } from './outbox/production-store';
import { WorkScheduleController } from './work-schedule/plan-work-schedule/work-schedule.controller';
import { WorkScheduler, WORK_SCHEDULER_OPTIONS, type WorkSchedulerOptions } from './work-schedule/reschedule/work-scheduler';
import { DefineWorkCalendarController } from './work-calendar/define-work-calendar/define-work-calendar.controller';
import { DefineEquipmentClassController } from './work-definition/define-equipment-class/define-equipment-class.controller';
import { DefineProductController } from './work-definition/define-product/define-product.controller';
import { GetProductController } from './work-definition/get-product/get-product.controller';

@Controller('health')
class HealthController {
  @Get()
  health(): { status: 'ok'; service: 'production' } {
    return { status: 'ok', service: 'production' };
  }
}

const equipmentControllers = [DefineEquipmentController, ChangeWorkUnitStateController, RecordStateChangesController, RecordProductionCountsController, CorrectStopReasonController, GetEquipmentController];
const workDefinitionControllers = [DefineEquipmentClassController, DefineProductController, GetProductController, DefineWorkCalendarController];
const jobOrderControllers = [
  CreateJobOrderController,
  ReleaseJobOrderController,
  DispatchJobOrderController,
  StartSegmentController,
  ReportProductionController,
  CompleteSegmentController,
  ControlJobOrderController,
  GetJobOrderController,
];
const workScheduleControllers = [WorkScheduleController];
const controllers = [...equipmentControllers, ...workDefinitionControllers, ...jobOrderControllers, ...workScheduleControllers, HealthController];
const commandHandlers = [DefineEquipmentHandler, ChangeWorkUnitStateHandler, RecordStateChangesHandler];

@Module({})
export class ProductionModule {
  static register(runtime: ServiceRuntime, options: { sparkplug?: SparkplugIngestConfig; workScheduler?: Partial<WorkSchedulerOptions> } = {}): DynamicModule {
    return {
      module: ProductionModule,
      imports: [CqrsModule.forRoot()],
      controllers,
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        ProductionStore,
        ...commandHandlers,
        ...(options.sparkplug ? [{ provide: SPARKPLUG_INGEST, useValue: options.sparkplug }] : []),
        SparkplugIngest,
        ...(options.workScheduler ? [{ provide: WORK_SCHEDULER_OPTIONS, useValue: options.workScheduler }] : []),
        WorkScheduler,
      ],
    };
  }
}
