import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** Who asked, for what, and under which correlation: read from headers at the edge, carried into events. */
export interface RequestContext {
  actor: string;
  correlationId: string;
  /** `Idempotency-Key`: a retried request with the same key appends nothing twice. */
  commandId?: string;
}

interface HeaderBag {
  headers: Record<string, string | string[] | undefined>;
}

function header(request: HeaderBag, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function requestContextOf(request: HeaderBag): RequestContext {
  const commandId = header(request, 'idempotency-key');
  return {
    actor: header(request, 'x-quadrant-actor') ?? 'anonymous',
    correlationId: header(request, 'x-correlation-id') ?? randomUUID(),
    ...(commandId ? { commandId } : {}),
  };
}

export const Context = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext =>
  requestContextOf(ctx.switchToHttp().getRequest<HeaderBag>()),
);
