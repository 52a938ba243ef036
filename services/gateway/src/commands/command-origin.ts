import { requestContextOf } from '@quadrant/platform';
import type { CommandOrigin } from './production-client';

interface HeaderBag {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The acting user and correlation id come from the GraphQL request's own headers (`x-quadrant-actor`,
 * `x-correlation-id`). The idempotency key may come as the mutation's argument or as the request's
 * `Idempotency-Key` header; the argument wins, since one request can carry several mutations.
 */
export function commandOriginOf(request: HeaderBag | undefined, idempotencyKey: string | null | undefined): CommandOrigin {
  const context = requestContextOf(request ?? { headers: {} });
  const key = idempotencyKey ?? context.commandId;
  return { actor: context.actor, correlationId: context.correlationId, ...(key ? { idempotencyKey: key } : {}) };
}
