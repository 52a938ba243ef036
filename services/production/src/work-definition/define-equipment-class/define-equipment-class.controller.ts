import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { equipmentStreamId } from '../../equipment/equipment.decider';
import { ProductionStore } from '../../outbox/production-store';
import { equipmentClassStreamId } from '../equipment-class.decider';
import { AssignWorkUnitDto, DefineEquipmentClassDto } from './define-equipment-class.dto';

/** ISA-95 equipment classes: work units that can stand in for each other in a routing. */
@Controller('equipment-classes')
export class DefineEquipmentClassController {
  constructor(private readonly production: ProductionStore) {}

  @Post()
  @HttpCode(201)
  async define(@Body() input: DefineEquipmentClassDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const { equipmentClassId, name, description } = input;
    return toCommandResponse(
      await this.production.equipmentClasses.handle(
        equipmentClassStreamId(equipmentClassId),
        { type: 'DefineEquipmentClass', equipmentClassId, name, ...(description ? { description } : {}), at },
        commandContextOf(context, at),
      ),
    );
  }

  @Post(':equipmentClassId/work-units')
  @HttpCode(200)
  async assign(@Param('equipmentClassId') equipmentClassId: string, @Body() input: AssignWorkUnitDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const { state } = await this.production.equipment.load(equipmentStreamId(input.workUnitId));
    const workUnitLevel = state.status === 'Defined' ? state.level : null;
    return toCommandResponse(
      await this.production.equipmentClasses.handle(
        equipmentClassStreamId(equipmentClassId),
        { type: 'AssignWorkUnitToEquipmentClass', equipmentClassId, workUnitId: input.workUnitId, workUnitLevel, at },
        commandContextOf(context, at),
      ),
    );
  }
}
