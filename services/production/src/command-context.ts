import type { CommandContext, HierarchyScope } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';

/**
 * The event metadata of a request's command: who, under which correlation, when; `suffix` derives the id
 * of a second command made on behalf of the same request (a retried request repeats both exactly).
 */
export function commandContextOf(context: RequestContext, at: string, options: { suffix?: string; scope?: HierarchyScope } = {}): CommandContext {
  const commandId = context.commandId ? `${context.commandId}${options.suffix ? `:${options.suffix}` : ''}` : undefined;
  return {
    ...(commandId ? { commandId } : {}),
    metadata: { actor: context.actor, correlationId: context.correlationId, occurredAt: at, ...(options.scope ? { scope: options.scope } : {}) },
  };
}
