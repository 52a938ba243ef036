import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QuadrantError } from '@quadrant/event-sourcing';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { jobOrderStreamId } from '../../job-order/job-order.decider';
import { ProductionStore } from '../../outbox/production-store';
import { equipmentStreamId } from '../equipment.decider';
import { NoRunningJobOrder } from '../equipment.errors';
import { RecordProductionCountsDto, type ProductionCountMessageDto } from './record-production-counts.dto';

export type ProductionCountOutcome =
  | { messageId: string; status: 'recorded' | 'replayed'; jobOrderId: string; segmentId: string; eventId: string }
  | { messageId: string; status: 'unchanged'; jobOrderId: string; segmentId: string }
  | { messageId: string; status: 'refused'; error: { code: string; message: string } };

const PARALLEL_WORK_UNITS = 16;

/**
 * Machine counts: each message is booked on the job order segment running on its work unit (the oldest,
 * when the unit runs several), as its own command, idempotent by message id. A unit running nothing
 * refuses the message, not the batch.
 */
@Controller('work-units')
export class RecordProductionCountsController {
  constructor(private readonly production: ProductionStore) {}

  @Post('production-counts')
  @HttpCode(200)
  async record(@Body() input: RecordProductionCountsDto, @Context() context: RequestContext): Promise<{ results: ProductionCountOutcome[] }> {
    const results: ProductionCountOutcome[] = new Array(input.counts.length);
    const byUnit = new Map<string, { message: ProductionCountMessageDto; index: number }[]>();
    input.counts.forEach((message, index) => byUnit.set(message.workUnitId, [...(byUnit.get(message.workUnitId) ?? []), { message, index }]));
    const queues = [...byUnit.values()];
    const worker = async (): Promise<void> => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const { message, index } of queue) results[index] = await this.count(message, context);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_WORK_UNITS, queues.length) }, worker));
    return { results };
  }

  private async count(message: ProductionCountMessageDto, context: RequestContext): Promise<ProductionCountOutcome> {
    const { messageId, workUnitId } = message;
    try {
      const { state } = await this.production.equipment.load(equipmentStreamId(workUnitId));
      const allocation = state.status === 'Defined' ? state.workUnit.allocations[0] : undefined;
      if (!allocation) throw new NoRunningJobOrder(workUnitId);
      const at = new Date(message.at).toISOString();
      const { jobOrderId, segmentId } = allocation;
      const result = await this.production.jobOrders.handle(
        jobOrderStreamId(jobOrderId),
        {
          type: 'ReportProduction',
          jobOrderId,
          segmentId,
          good: message.good,
          scrap: message.scrap,
          rework: message.rework ?? 0,
          ...(message.scrapReasonCode ? { scrapReasonCode: message.scrapReasonCode } : {}),
          messageId,
          at,
        },
        commandContextOf({ ...context, commandId: `production-count:${messageId}` }, at),
      );
      const event = result.events[0];
      if (!event) return { messageId, status: 'unchanged', jobOrderId, segmentId };
      return { messageId, status: result.replayed ? 'replayed' : 'recorded', jobOrderId, segmentId, eventId: event.eventId };
    } catch (error) {
      if (!(error instanceof QuadrantError)) throw error;
      return { messageId, status: 'refused', error: { code: error.code, message: error.message } };
    }
  }
}
