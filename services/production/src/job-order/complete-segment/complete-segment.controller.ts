import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { jobOrderStreamId } from '../job-order.decider';
import { endAllocations } from '../start-segment/start-segment';

@Controller('job-orders')
export class CompleteSegmentController {
  constructor(private readonly production: ProductionStore) {}

  /** Ends a running segment (its actual end) and frees its work unit. */
  @Post(':jobOrderId/segments/:segmentId/complete')
  @HttpCode(200)
  async complete(@Param('jobOrderId') jobOrderId: string, @Param('segmentId') segmentId: string, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const streamId = jobOrderStreamId(jobOrderId);
    const result = await this.production.jobOrders.handle(streamId, { type: 'CompleteSegment', jobOrderId, segmentId, at }, commandContextOf(context, at));
    // Also on a retried request: the first attempt may have stopped before the unit was freed.
    const { state } = await this.production.jobOrders.load(streamId);
    const segment = state.status === 'None' ? undefined : state.segments.find((s) => s.definition.segmentId === segmentId);
    if (segment?.status === 'Completed' && segment.workUnitId) await endAllocations(this.production, jobOrderId, [{ segmentId, workUnitId: segment.workUnitId }], context, at);
    return toCommandResponse(result);
  }
}
