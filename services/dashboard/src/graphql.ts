/**
 * Talking to the gateway: queries as POST /graphql, subscriptions over graphql-ws on the same path. Errors come
 * back as `GraphQLRequestError`, with the message and code a person can act on.
 */
import { createClient, type Client } from 'graphql-ws';

const ENDPOINT = '/graphql';

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: unknown };
}

interface GraphQLResponseBody<Data> {
  data?: Data | null;
  errors?: GraphQLErrorBody[];
}

/** What went wrong, for the error box: the gateway's message, and its code when it gave one. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

function firstError(errors: readonly GraphQLErrorBody[]): GraphQLRequestError {
  const [first] = errors;
  const code = first?.extensions?.code;
  return new GraphQLRequestError(first?.message ?? 'The gateway answered with an error', typeof code === 'string' ? code : null);
}

export async function query<Data>(document: string, variables: object = {}, signal?: AbortSignal): Promise<Data> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: document, variables }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GraphQLRequestError(`Cannot reach the gateway (${error instanceof Error ? error.message : String(error)}). Check your connection.`, 'NETWORK_ERROR');
  }
  let body: GraphQLResponseBody<Data>;
  try {
    body = (await response.json()) as GraphQLResponseBody<Data>;
  } catch {
    throw new GraphQLRequestError(`The gateway answered ${response.status} ${response.statusText} without a GraphQL response`, `HTTP_${response.status}`);
  }
  if (body.errors && body.errors.length > 0) throw firstError(body.errors);
  if (!response.ok || body.data === undefined || body.data === null) {
    throw new GraphQLRequestError(`The gateway answered ${response.status} ${response.statusText} without data`, `HTTP_${response.status}`);
  }
  return body.data;
}

/** The subscription connection's state, for the "live" indicator. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

let client: Client | undefined;
let status: LiveStatus = 'connecting';
let connectedBefore = false;
const statusListeners = new Set<() => void>();
const reconnectListeners = new Set<() => void>();

function setStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of statusListeners) listener();
}

function wsClient(): Client {
  if (client) return client;
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${ENDPOINT}`;
  client = createClient({
    url,
    // Connected from the start (not on the first subscription), so the live indicator tells the truth on every page.
    lazy: false,
    keepAlive: 10_000,
    // A plant dashboard stays open for days: keep trying, never give up, at most every 30 s.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => window.setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000)),
    on: {
      connecting: () => setStatus('connecting'),
      connected: () => {
        setStatus('live');
        // Whatever changed while the connection was down was not pushed: the views refetch.
        if (connectedBefore) for (const listener of reconnectListeners) listener();
        connectedBefore = true;
      },
      closed: () => setStatus('offline'),
    },
  });
  return client;
}

export function liveStatus(): LiveStatus {
  return status;
}

export function onLiveStatus(listener: () => void): () => void {
  wsClient();
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

/** Called after the subscriptions' connection came back: time to refetch what may have been missed. */
export function onReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Each pushed result's data; errors go to `onError`. Answers the unsubscribe. */
export function subscribe<Data>(document: string, variables: object, onData: (data: Data) => void, onError: (error: GraphQLRequestError) => void = () => undefined): () => void {
  return wsClient().subscribe<Data>(
    { query: document, variables: { ...variables } },
    {
      next: (result) => {
        if (result.errors && result.errors.length > 0) onError(firstError(result.errors));
        else if (result.data) onData(result.data);
      },
      error: (error) => {
        if (Array.isArray(error)) onError(firstError(error as GraphQLErrorBody[]));
        else onError(new GraphQLRequestError(error instanceof Error ? error.message : 'The live connection failed', 'SUBSCRIPTION_ERROR'));
      },
      complete: () => undefined,
    },
  );
}
