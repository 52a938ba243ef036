import { GraphQLError } from 'graphql';
import { graphQLErrorOf, inputArgument, serviceUnavailable, type ArgumentOf } from './command-errors';

/** What a command mutation answers: production's CommandResponse, event ids only. */
export interface CommandReceipt {
  streamId: string;
  version: number;
  replayed: boolean;
  eventIds: string[];
}

/** Who sent the command and under which correlation, forwarded as production's request headers. */
export interface CommandOrigin {
  actor: string;
  correlationId: string;
  idempotencyKey?: string;
}

export function receiptOf(answer: unknown): CommandReceipt {
  const body = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const events = Array.isArray(body['events']) ? (body['events'] as unknown[]) : undefined;
  if (typeof body['streamId'] !== 'string' || typeof body['version'] !== 'number' || typeof body['replayed'] !== 'boolean' || !events) {
    throw new GraphQLError('the production service answered without a command receipt', { extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'production' } });
  }
  return {
    streamId: body['streamId'],
    version: body['version'],
    replayed: body['replayed'],
    eventIds: events.flatMap((event) => {
      const eventId = typeof event === 'object' && event !== null ? (event as { eventId?: unknown }).eventId : undefined;
      return typeof eventId === 'string' ? [eventId] : [];
    }),
  };
}

/**
 * Routes commands to the production service's REST API. The gateway writes nothing itself: production
 * validates, decides and appends; its answer (or its absence) becomes the mutation's result or error.
 */
export class ProductionClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string, private readonly timeoutMs = 10_000) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  defineEquipment(body: Record<string, unknown>, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post('/equipment', body, origin);
  }

  changeWorkUnitState(workUnitId: string, body: Record<string, unknown>, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`/work-units/${encodeURIComponent(workUnitId)}/state`, body, origin);
  }

  createJobOrder(body: Record<string, unknown>, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post('/job-orders', body, origin);
  }

  releaseJobOrder(jobOrderId: string, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`${jobOrderPath(jobOrderId)}/release`, {}, origin);
  }

  /** Its body fields are the mutation's own arguments, not an input object's. */
  dispatchJobOrder(jobOrderId: string, body: { segmentId: string; workUnitId: string }, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`${jobOrderPath(jobOrderId)}/dispatch`, body, origin, topLevelArgument);
  }

  controlJobOrder(jobOrderId: string, body: Record<string, unknown>, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`${jobOrderPath(jobOrderId)}/commands`, body, origin, topLevelArgument);
  }

  /** Operator commands on a segment: every body field is a mutation argument, except reportProduction's input. */
  startJobOrderSegment(jobOrderId: string, segmentId: string, body: { workUnitId: string }, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`${segmentPath(jobOrderId, segmentId)}/start`, body, origin, topLevelArgument);
  }

  reportProduction(jobOrderId: string, segmentId: string, body: Record<string, unknown>, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`${segmentPath(jobOrderId, segmentId)}/production`, body, origin);
  }

  completeJobOrderSegment(jobOrderId: string, segmentId: string, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`${segmentPath(jobOrderId, segmentId)}/complete`, {}, origin, topLevelArgument);
  }

  correctStopReason(workUnitId: string, body: Record<string, unknown>, origin: CommandOrigin): Promise<CommandReceipt> {
    return this.post(`/work-units/${encodeURIComponent(workUnitId)}/stop-reasons`, body, origin, topLevelArgument);
  }

  /** A planner's hold on a site's schedule: lock, unlock or move an operation, or ask for a revision. */
  planWorkSchedule(siteId: string, action: { operation: { jobOrderId: string; segmentId: string }; verb: 'lock' | 'unlock' } | { operation: { jobOrderId: string; segmentId: string }; verb: 'move'; workUnitId: string; start: string } | { verb: 'reschedule' }, origin: CommandOrigin): Promise<CommandReceipt> {
    const site = `/work-schedules/${encodeURIComponent(siteId)}`;
    if (action.verb === 'reschedule') return this.post(`${site}/reschedule`, {}, origin, topLevelArgument);
    const operation = `${site}/operations/${encodeURIComponent(action.operation.jobOrderId)}/${encodeURIComponent(action.operation.segmentId)}`;
    if (action.verb === 'move') return this.post(`${operation}/move`, { workUnitId: action.workUnitId, start: action.start }, origin, topLevelArgument);
    return this.post(`${operation}/${action.verb}`, {}, origin, topLevelArgument);
  }

  private async post(path: string, body: Record<string, unknown>, origin: CommandOrigin, argumentOf: ArgumentOf = inputArgument): Promise<CommandReceipt> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    let answer: unknown;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-quadrant-actor': origin.actor,
          'x-correlation-id': origin.correlationId,
          ...(origin.idempotencyKey ? { 'idempotency-key': origin.idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      answer = text ? parseJson(text) : undefined;
    } catch (error) {
      throw serviceUnavailable('production', this.baseUrl, error);
    }
    if (!response.ok) throw graphQLErrorOf('production', response.status, answer, argumentOf);
    return receiptOf(answer);
  }
}

const topLevelArgument: ArgumentOf = (field) => field;

function jobOrderPath(jobOrderId: string): string {
  return `/job-orders/${encodeURIComponent(jobOrderId)}`;
}

function segmentPath(jobOrderId: string, segmentId: string): string {
  return `${jobOrderPath(jobOrderId)}/segments/${encodeURIComponent(segmentId)}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 500) };
  }
}
