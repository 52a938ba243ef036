import type { CommandResult } from '@quadrant/event-sourcing';

/** What a command endpoint answers: the stream, its new version, and the events the command appended. */
export interface CommandResponse {
  streamId: string;
  version: number;
  replayed: boolean;
  events: { eventId: string; type: string; streamPosition: number }[];
}

export function toCommandResponse(result: CommandResult<{ type: string; data: object }>): CommandResponse {
  return {
    streamId: result.streamId,
    version: result.nextExpectedVersion,
    replayed: result.replayed,
    events: result.events.map((event) => ({ eventId: event.eventId, type: event.type, streamPosition: event.streamPosition })),
  };
}
