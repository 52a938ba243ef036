import { QuadrantError, type CommandContext, type EventMetadata } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { jobOrderStreamId } from '../../job-order/job-order.decider';
import type { ProductionStore } from '../../outbox/production-store';
import { equipmentStreamId, type EquipmentState } from '../equipment.decider';
import { NoRunningJobOrder } from '../equipment.errors';

/** One machine count: deltas since the sender's last message, at a source time. */
export interface ProductionCountMessage {
  messageId: string;
  workUnitId: string;
  at: string;
  good: number;
  scrap: number;
  rework?: number;
  scrapReasonCode?: string;
}

export type ProductionCountOutcome =
  | { messageId: string; status: 'recorded' | 'replayed'; jobOrderId: string; segmentId: string; eventId: string }
  | { messageId: string; status: 'unchanged'; jobOrderId: string; segmentId: string }
  | { messageId: string; status: 'refused'; error: { code: string; message: string } };

/**
 * Books a machine count on the job order segment running on its work unit (the oldest, when the unit runs
 * several), as its own command, idempotent by message id. A unit running nothing refuses the message.
 * Shared by the HTTP batch endpoint and the Sparkplug ingest.
 */
export async function recordProductionCount(
  production: ProductionStore,
  message: ProductionCountMessage,
  context: RequestContext,
  options: { metadata?: Record<string, unknown> } = {},
): Promise<ProductionCountOutcome> {
  const [outcome] = await recordProductionCounts(production, [{ message, ...(options.metadata ? { metadata: options.metadata } : {}) }], context);
  if (!outcome) throw new Error(`no outcome for count ${message.messageId}`);
  return outcome;
}

/**
 * A run of counts of one work unit, in order: the counts go to the job order running on the unit in one
 * append (each still its own command, with its own answer: `handleAll`). Which job order runs there is read
 * from the unit's state as this process last saw it, when it has it; a refusal on that reading (another
 * process may have moved the unit on) is checked against the stream as it is now, and the run redone on it:
 * a count already booked in the first go answers `replayed`, so the answers are those of a fresh read.
 */
export async function recordProductionCounts(
  production: ProductionStore,
  counts: readonly { message: ProductionCountMessage; metadata?: Record<string, unknown> }[],
  context: RequestContext,
): Promise<ProductionCountOutcome[]> {
  const first = counts[0];
  if (!first) return [];
  const workUnitId = first.message.workUnitId;
  const other = counts.find(({ message }) => message.workUnitId !== workUnitId);
  if (other) throw new Error(`a run of counts is of one work unit: ${workUnitId} and ${other.message.workUnitId}`);
  const streamId = equipmentStreamId(workUnitId);
  const cached = production.equipment.cached(streamId);
  if (cached) {
    const outcomes = await bookCounts(production, cached.state, counts, context);
    if (outcomes.every((outcome) => outcome.status !== 'refused')) return outcomes;
  }
  return bookCounts(production, (await production.equipment.load(streamId)).state, counts, context);
}

async function bookCounts(
  production: ProductionStore,
  unit: EquipmentState,
  counts: readonly { message: ProductionCountMessage; metadata?: Record<string, unknown> }[],
  context: RequestContext,
): Promise<ProductionCountOutcome[]> {
  const workUnitId = counts[0]?.message.workUnitId ?? '';
  const allocation = unit.status === 'Defined' ? unit.workUnit.allocations[0] : undefined;
  if (!allocation) {
    const error = new NoRunningJobOrder(workUnitId);
    return counts.map(({ message }) => ({ messageId: message.messageId, status: 'refused', error: { code: error.code, message: error.message } }));
  }
  const { jobOrderId, segmentId } = allocation;
  const outcomes = await production.jobOrders.handleAll(
    jobOrderStreamId(jobOrderId),
    counts.map(({ message, metadata }) => {
      const at = new Date(message.at).toISOString();
      return {
        command: {
          type: 'ReportProduction' as const,
          jobOrderId,
          segmentId,
          good: message.good,
          scrap: message.scrap,
          rework: message.rework ?? 0,
          ...(message.scrapReasonCode ? { scrapReasonCode: message.scrapReasonCode } : {}),
          messageId: message.messageId,
          at,
        },
        context: withMetadata(commandContextOf({ ...context, commandId: `production-count:${message.messageId}` }, at), metadata),
      };
    }),
  );
  return counts.map(({ message }, index): ProductionCountOutcome => {
    const { messageId } = message;
    const outcome = outcomes[index];
    if (!outcome) throw new Error(`no outcome for count ${messageId}`);
    if (!outcome.ok) {
      if (!(outcome.error instanceof QuadrantError)) throw outcome.error;
      return { messageId, status: 'refused', error: { code: outcome.error.code, message: outcome.error.message } };
    }
    const event = outcome.result.events[0];
    if (!event) return { messageId, status: 'unchanged', jobOrderId, segmentId };
    return { messageId, status: outcome.result.replayed ? 'replayed' : 'recorded', jobOrderId, segmentId, eventId: event.eventId };
  });
}

/** Extra metadata stored with the booked event, in the same append (e.g. the machine's counter totals). */
function withMetadata(context: CommandContext, extra: Record<string, unknown> | undefined): CommandContext {
  if (!extra) return context;
  const metadata: EventMetadata & Record<string, unknown> = { ...extra, ...context.metadata };
  return { ...context, metadata };
}
