import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { ProductionStore } from '../../outbox/production-store';
import { recordProductionCounts, type ProductionCountOutcome } from './record-production-count';
import { RecordProductionCountsDto, type ProductionCountMessageDto } from './record-production-counts.dto';

const PARALLEL_WORK_UNITS = 16;

/**
 * Machine counts: each message is booked on the job order segment running on its work unit (the oldest,
 * when the unit runs several), as its own command, idempotent by message id; a unit's messages go in one
 * append. A unit running nothing refuses the message, not the batch.
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
        const outcomes = await recordProductionCounts(this.production, queue.map(({ message }) => ({ message })), context);
        queue.forEach(({ index }, i) => (results[index] = outcomes[i]));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_WORK_UNITS, queues.length) }, worker));
    return { results };
  }
}
