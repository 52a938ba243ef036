import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EquipmentEvent } from '@quadrant/contracts';
import { QuadrantError, type CommandOutcome } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { ProductionStore } from '../../outbox/production-store';
import { workUnitStateCommand } from '../change-work-unit-state/change-work-unit-state.handler';
import { equipmentStreamId } from '../equipment.decider';
import type { RecordStateChanges, StateChangeMessage } from './record-state-changes.input';

export class RecordStateChangesCommand {
  constructor(readonly input: RecordStateChanges, readonly context: RequestContext) {}
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
 * order sent, and those that can be are appended together (one round trip, one command record each);
 * different work units go in parallel.
 */
@CommandHandler(RecordStateChangesCommand)
export class RecordStateChangesHandler implements ICommandHandler<RecordStateChangesCommand, { results: StateChangeOutcome[] }> {
  constructor(private readonly production: ProductionStore) {}

  async execute({ input, context }: RecordStateChangesCommand): Promise<{ results: StateChangeOutcome[] }> {
    const results: StateChangeOutcome[] = new Array(input.changes.length);
    const byUnit = new Map<string, { message: StateChangeMessage; index: number }[]>();
    input.changes.forEach((message, index) => byUnit.set(message.workUnitId, [...(byUnit.get(message.workUnitId) ?? []), { message, index }]));
    const queues = [...byUnit.entries()];
    const worker = async (): Promise<void> => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        const [workUnitId, messages] = queue;
        const commands = messages.map(({ message }) => workUnitStateCommand(workUnitId, message, { ...context, commandId: `state-change:${message.messageId}` }));
        const outcomes = await this.production.equipment.handleAll(equipmentStreamId(workUnitId), commands);
        messages.forEach(({ message, index }, i) => (results[index] = toOutcome(message.messageId, outcomes[i])));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_WORK_UNITS, queues.length) }, worker));
    return { results };
  }
}

function toOutcome(messageId: string, outcome: CommandOutcome<EquipmentEvent> | undefined): StateChangeOutcome {
  if (!outcome) throw new Error(`no outcome for message ${messageId}`);
  if (!outcome.ok) {
    if (!(outcome.error instanceof QuadrantError)) throw outcome.error;
    return { messageId, status: 'refused', error: { code: outcome.error.code, message: outcome.error.message } };
  }
  const event = outcome.result.events[0];
  if (!event) return { messageId, status: 'unchanged', version: outcome.result.nextExpectedVersion };
  return { messageId, status: outcome.result.replayed ? 'replayed' : 'recorded', eventId: event.eventId, version: outcome.result.nextExpectedVersion };
}
