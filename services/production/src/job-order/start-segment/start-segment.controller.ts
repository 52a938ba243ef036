import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { Matches } from 'class-validator';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { startSegment } from './start-segment';

export class StartSegmentDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'workUnitId must be an equipment id' })
  workUnitId!: string;
}

@Controller('job-orders')
export class StartSegmentController {
  constructor(private readonly production: ProductionStore) {}

  /** Starts a segment on a work unit: refused when the unit is down, in planned downtime or busy, or a prior segment is open. */
  @Post(':jobOrderId/segments/:segmentId/start')
  @HttpCode(200)
  async start(
    @Param('jobOrderId') jobOrderId: string,
    @Param('segmentId') segmentId: string,
    @Body() input: StartSegmentDto,
    @Context() context: RequestContext,
  ): Promise<CommandResponse> {
    return toCommandResponse(await startSegment(this.production, { jobOrderId, segmentId, workUnitId: input.workUnitId }, context, new Date().toISOString()));
  }
}
