import { Controller, Get, Param } from '@nestjs/common';
import { NotFoundError } from '@quadrant/event-sourcing';
import { ProductionStore } from '../../outbox/production-store';
import { equipmentStreamId, type EquipmentState } from '../equipment.decider';

/** The write side's own view of one element, straight from its stream (the gateway serves the read models). */
@Controller('equipment')
export class GetEquipmentController {
  constructor(private readonly production: ProductionStore) {}

  @Get(':equipmentId')
  async get(@Param('equipmentId') equipmentId: string): Promise<EquipmentState & { version: number }> {
    const { state, version } = await this.production.equipment.load(equipmentStreamId(equipmentId));
    if (state.status === 'Undefined') throw new NotFoundError('equipment', equipmentId);
    return { ...state, version };
  }
}
