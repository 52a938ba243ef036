import { HttpSinkError } from './http-sink.errors';

/** The part of `fetch` the sink uses, so tests can hand in a fake and Node's own fits as it is. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface RetryOptions {
  /** Attempts per request before giving up, the first included. 5 by default. */
  maxAttempts?: number;
  /** Wait before the second attempt, doubling for each further one up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  requestTimeoutMs?: number;
  /** Sent with every request, e.g. an authorization header. */
  headers?: Record<string, string>;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A POST of a JSON body that answers the parsed JSON answer. Network errors, timeouts, 5xx and 429 are
 * tried again after a doubling wait; any other answer but 2xx is final, as sending it again would not
 * change it.
 */
export function postWithRetries(fetchImpl: FetchLike, options: RetryOptions): (url: string, body: string, size: number) => Promise<unknown> {
  const maxAttempts = options.maxAttempts ?? 5;
  const initialBackoffMs = options.initialBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const sleep = options.sleep ?? sleepFor;
  const headers = { 'content-type': 'application/json', ...options.headers };
  return async (url, body, size) => {
    for (let attempt = 1; ; attempt++) {
      const outcome = await postOnce(fetchImpl, url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000) });
      if (outcome.ok) return outcome.answer;
      if (attempt >= maxAttempts) {
        throw new HttpSinkError('GAVE_UP', `gave up after ${attempt} attempts to POST ${size} messages to ${url}: ${outcome.reason}`, { url, attempts: attempt });
      }
      await sleep(Math.min(maxBackoffMs, initialBackoffMs * 2 ** (attempt - 1)));
    }
  };
}

/** The parsed answer, or why it is worth trying again; throws for an answer that will not change. */
async function postOnce(fetchImpl: FetchLike, url: string, init: Parameters<FetchLike>[1]): Promise<{ ok: true; answer: unknown } | { ok: false; reason: string }> {
  let response: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    response = await fetchImpl(url, init);
    text = await response.text();
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const { status } = response;
  if (status >= 500 || status === 429) return { ok: false, reason: `answered ${status} ${text}`.trim() };
  if (status < 200 || status >= 300) {
    const hint = status === 404 ? ' (is the endpoint deployed? countsPath: null leaves counts out)' : '';
    throw new HttpSinkError('REJECTED', `POST ${url} answered ${status}${hint}: ${text}`, { url, status, body: text });
  }
  try {
    return { ok: true, answer: JSON.parse(text) };
  } catch {
    throw new HttpSinkError('UNEXPECTED_ANSWER', `POST ${url} answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`, { url, status, body: text });
  }
}
