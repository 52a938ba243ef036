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
import { ProductionStore } from './outbox/production-store';

@Controller('health')
class HealthController {
  @Get()
  health(): { status: 'ok'; service: 'production' } {
    return { status: 'ok', service: 'production' };
  }
}

const controllers = [DefineEquipmentController, ChangeWorkUnitStateController, RecordStateChangesController, GetEquipmentController, HealthController];
const commandHandlers = [DefineEquipmentHandler, ChangeWorkUnitStateHandler, RecordStateChangesHandler];

@Module({})
export class ProductionModule {
  static register(runtime: ServiceRuntime): DynamicModule {
    return {
      module: ProductionModule,
      imports: [CqrsModule.forRoot()],
      controllers,
      providers: [{ provide: SERVICE_RUNTIME, useValue: runtime }, ProductionStore, ...commandHandlers],
    };
  }
}
