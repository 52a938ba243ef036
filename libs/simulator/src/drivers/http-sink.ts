import type { CountMessage, MachineMessage, Sink, StateMessage } from '../model/machine-message';
import { HttpSinkError } from './http-sink.errors';
import { postWithRetries, type FetchLike, type RetryOptions } from './post-with-retries';

export { HttpSinkError, type HttpSinkErrorCode } from './http-sink.errors';
export type { FetchLike } from './post-with-retries';

/** A message the platform answered `refused` for: a bad message, not a failed delivery. */
export interface Refusal {
  message: MachineMessage;
  error: { code?: string; message?: string } | undefined;
}

export interface HttpSinkOptions extends RetryOptions {
  /** The production service, e.g. `http://localhost:3000`. */
  baseUrl: string;
  fetch?: FetchLike;
  /** At most 1000, the platform's limit per request. */
  batchSize?: number;
  statesPath?: string;
  /** Where counts go; null leaves count messages out (for a platform without the endpoint). */
  countsPath?: string | null;
  onRefused?: (refusals: Refusal[]) => void;
}

export const MAX_BATCH_SIZE = 1000;
export const DEFAULT_STATES_PATH = '/work-units/state-changes';
export const DEFAULT_COUNTS_PATH = '/work-units/production-counts';

const stateBody = (message: StateMessage): Record<string, unknown> => ({
  messageId: message.messageId,
  workUnitId: message.workUnitId,
  state: message.state,
  since: message.since,
  ...(message.reasonCode ? { reasonCode: message.reasonCode } : {}),
});

const countBody = ({ messageId, workUnitId, at, good, scrap, rework }: CountMessage): Record<string, unknown> => ({ messageId, workUnitId, at, good, scrap, rework });

/**
 * Machine messages to the production service over its batch endpoints, in the order given. A request that
 * fails on the network or with a 5xx is sent again with the same message ids, which the platform
 * answers `replayed` for what it had already recorded; only after `maxAttempts` does the sink give up.
 */
export function createHttpSink(options: HttpSinkOptions): Sink {
  const batchSize = options.batchSize ?? MAX_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) throw new RangeError(`batchSize must be a whole number from 1 to ${MAX_BATCH_SIZE}, not ${batchSize}`);
  const fetchImpl: FetchLike = options.fetch ?? globalThis.fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const countsPath = options.countsPath === undefined ? DEFAULT_COUNTS_PATH : options.countsPath;
  const post = postWithRetries(fetchImpl, options);

  const send = async <M extends MachineMessage>(path: string, field: 'changes' | 'counts', messages: M[], toBody: (message: M) => Record<string, unknown>): Promise<void> => {
    for (let from = 0; from < messages.length; from += batchSize) {
      const batch = messages.slice(from, from + batchSize);
      const results = await post(`${baseUrl}${path}`, JSON.stringify({ [field]: batch.map(toBody) }), batch.length);
      const refusals = refusalsOf(`${baseUrl}${path}`, batch, results);
      if (refusals.length > 0) options.onRefused?.(refusals);
    }
  };

  return async (messages) => {
    const states = messages.filter((message): message is StateMessage => message.kind === 'state');
    await send(options.statesPath ?? DEFAULT_STATES_PATH, 'changes', states, stateBody);
    if (countsPath === null) return;
    const counts = messages.filter((message): message is CountMessage => message.kind === 'count');
    await send(countsPath, 'counts', counts, countBody);
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function refusalsOf(url: string, batch: MachineMessage[], answer: unknown): Refusal[] {
  const results = isRecord(answer) && Array.isArray(answer['results']) ? answer['results'] : undefined;
  if (!results) throw new HttpSinkError('UNEXPECTED_ANSWER', `POST ${url} answered without a results array`, { url, body: JSON.stringify(answer) });
  const byId = new Map<unknown, Record<string, unknown>>();
  for (const result of results) if (isRecord(result)) byId.set(result['messageId'], result);
  const refusals: Refusal[] = [];
  for (const message of batch) {
    const result = byId.get(message.messageId);
    if (!result) throw new HttpSinkError('UNEXPECTED_ANSWER', `POST ${url} answered no result for message ${message.messageId}`, { url });
    if (result['status'] !== 'refused') continue;
    const error = result['error'];
    refusals.push({
      message,
      error: isRecord(error)
        ? { ...(typeof error['code'] === 'string' ? { code: error['code'] } : {}), ...(typeof error['message'] === 'string' ? { message: error['message'] } : {}) }
        : undefined,
    });
  }
  return refusals;
}
