import { newEventId } from '../event-id';
import { CommandAlreadyHandledError, StreamVersionConflictError } from '../errors';
import type { DomainEvent, NewEvent, RecordedEvent } from '../events';
import { commandSlices, type AppendOptions, type AppendResult, type CommandRecord, type EventStore, type ReadAllOptions, type ReadStreamResult } from '../event-store';

/** For unit tests only: no durability, one process. */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly commands = new Map<string, CommandRecord>();

  async readStream(streamId: string, options: { fromVersion?: number } = {}): Promise<ReadStreamResult> {
    const events = this.streams.get(streamId) ?? [];
    const from = options.fromVersion ?? 1;
    return { version: events.length, events: events.slice(Math.max(0, from - 1)) };
  }

  async appendToStream(streamId: string, events: readonly NewEvent<DomainEvent>[], options: AppendOptions): Promise<AppendResult> {
    const slices = commandSlices(options, events.length);
    if (options.commandId) {
      const earlier = this.commands.get(options.commandId);
      if (earlier) return { nextExpectedVersion: earlier.nextExpectedVersion, events: earlier.events, replayed: true };
    }
    const ids = slices.map((slice) => slice.commandId);
    if (ids.some((id, index) => this.commands.has(id) || ids.indexOf(id) !== index)) throw new CommandAlreadyHandledError(streamId, ids);
    const stream = this.streams.get(streamId) ?? [];
    if (options.expectedVersion !== 'any' && options.expectedVersion !== stream.length) {
      throw new StreamVersionConflictError(streamId, options.expectedVersion, stream.length);
    }
    const recordedAt = new Date().toISOString();
    const recorded = events.map((item, index): RecordedEvent => ({
      eventId: newEventId(),
      streamId,
      streamPosition: stream.length + index + 1,
      logPosition: String(this.log.length + index + 1),
      type: item.event.type,
      data: structuredClone(item.event.data),
      metadata: structuredClone(item.metadata),
      recordedAt,
    }));
    stream.push(...recorded);
    this.streams.set(streamId, stream);
    this.log.push(...recorded);
    let first = 0;
    for (const slice of slices) {
      const own = recorded.slice(first, first + slice.eventCount);
      first += slice.eventCount;
      this.commands.set(slice.commandId, { streamId, events: own, nextExpectedVersion: own[own.length - 1]?.streamPosition ?? stream.length });
    }
    return { nextExpectedVersion: stream.length, events: recorded, replayed: false };
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    return this.commands.get(commandId);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after === undefined ? 0 : Number(options.after);
    return this.log.slice(after, after + options.limit);
  }

  async close(): Promise<void> {
    return;
  }
}
