import { QuadrantError, type CommandContext, type EventMetadata } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { jobOrderStreamId } from '../../job-order/job-order.decider';
import type { ProductionStore } from '../../outbox/production-store';
import { equipmentStreamId } from '../equipment.decider';
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
  const { messageId, workUnitId } = message;
  try {
    const { state } = await production.equipment.load(equipmentStreamId(workUnitId));
    const allocation = state.status === 'Defined' ? state.workUnit.allocations[0] : undefined;
    if (!allocation) throw new NoRunningJobOrder(workUnitId);
    const at = new Date(message.at).toISOString();
    const { jobOrderId, segmentId } = allocation;
    const result = await production.jobOrders.handle(
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
      withMetadata(commandContextOf({ ...context, commandId: `production-count:${messageId}` }, at), options.metadata),
    );
    const event = result.events[0];
    if (!event) return { messageId, status: 'unchanged', jobOrderId, segmentId };
    return { messageId, status: result.replayed ? 'replayed' : 'recorded', jobOrderId, segmentId, eventId: event.eventId };
  } catch (error) {
    if (!(error instanceof QuadrantError)) throw error;
    return { messageId, status: 'refused', error: { code: error.code, message: error.message } };
  }
}

/** Extra metadata stored with the booked event, in the same append (e.g. the machine's counter totals). */
function withMetadata(context: CommandContext, extra: Record<string, unknown> | undefined): CommandContext {
  if (!extra) return context;
  const metadata: EventMetadata & Record<string, unknown> = { ...extra, ...context.metadata };
  return { ...context, metadata };
}
