import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { QuadrantError } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { ProductionStore } from '../../outbox/production-store';
import { changeWorkUnitState } from '../change-work-unit-state/change-work-unit-state.handler';
import type { RecordStateChangesDto, StateChangeMessageDto } from './record-state-changes.dto';

export class RecordStateChangesCommand {
  constructor(readonly input: RecordStateChangesDto, readonly context: RequestContext) {}
}

export type StateChangeOutcome =
  | { messageId: string; status: 'recorded' | 'replayed'; eventId: string; version: number }
  | { messageId: string; status: 'unchanged'; version: number }
  | { messageId: string; status: 'refused'; error: { code: string; message: string } };

/** Work units taken at once; each unit's messages stay in their order. */
const PARALLEL_WORK_UNITS = 16;

/**
 * A batch of machine or operator state changes: each message is its own command (idempotent by message
 * id), so one refused message does not refuse the others. Messages of one work unit are handled in the
 * order sent; different work units go in parallel.
 */
@CommandHandler(RecordStateChangesCommand)
export class RecordStateChangesHandler implements ICommandHandler<RecordStateChangesCommand, { results: StateChangeOutcome[] }> {
  constructor(private readonly production: ProductionStore) {}

  async execute({ input, context }: RecordStateChangesCommand): Promise<{ results: StateChangeOutcome[] }> {
    const results: StateChangeOutcome[] = new Array(input.changes.length);
    const byUnit = new Map<string, { message: StateChangeMessageDto; index: number }[]>();
    input.changes.forEach((message, index) => byUnit.set(message.workUnitId, [...(byUnit.get(message.workUnitId) ?? []), { message, index }]));
    const queues = [...byUnit.values()];
    const worker = async (): Promise<void> => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const { message, index } of queue) results[index] = await this.record(message, context);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_WORK_UNITS, queues.length) }, worker));
    return { results };
  }

  private async record(message: StateChangeMessageDto, context: RequestContext): Promise<StateChangeOutcome> {
    try {
      const result = await changeWorkUnitState(this.production, message.workUnitId, message, { ...context, commandId: `state-change:${message.messageId}` });
      const event = result.events[0];
      if (!event) return { messageId: message.messageId, status: 'unchanged', version: result.nextExpectedVersion };
      return { messageId: message.messageId, status: result.replayed ? 'replayed' : 'recorded', eventId: event.eventId, version: result.nextExpectedVersion };
    } catch (error) {
      if (!(error instanceof QuadrantError)) throw error;
      return { messageId: message.messageId, status: 'refused', error: { code: error.code, message: error.message } };
    }
  }
}
