import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { Matches } from 'class-validator';
import { commandContextOf } from '../../command-context';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { jobOrderStreamId } from '../job-order.decider';

export class DispatchJobOrderDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'segmentId must be a segment id of the job order' })
  segmentId!: string;

  @Matches(EQUIPMENT_ID_PATTERN, { message: 'workUnitId must be an equipment id' })
  workUnitId!: string;
}

/** Puts a segment of a released job order on a work unit's dispatch list. */
@Controller('job-orders')
export class DispatchJobOrderController {
  constructor(private readonly production: ProductionStore) {}

  @Post(':jobOrderId/dispatch')
  @HttpCode(200)
  async dispatch(@Param('jobOrderId') jobOrderId: string, @Body() input: DispatchJobOrderDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    return toCommandResponse(
      await this.production.jobOrders.handle(
        jobOrderStreamId(jobOrderId),
        { type: 'DispatchJobOrder', jobOrderId, segmentId: input.segmentId, workUnitId: input.workUnitId, at },
        commandContextOf(context, at),
      ),
    );
  }
}
