import type { ExpectedVersion } from './errors';
import type { DomainEvent, LogPosition, NewEvent, RecordedEvent } from './events';

export interface ReadStreamResult {
  /** The stream's version: the position of its last event, 0 when it has none. */
  version: number;
  events: RecordedEvent[];
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /** When given, a second append with the same id appends nothing and answers the first result. */
  commandId?: string;
  /**
   * Instead of `commandId`: the events are the effects of several commands, in order, each recorded as its
   * own command with the next `eventCount` events (the counts add up to the events given). If any of these
   * ids was handled before (or one repeats), nothing is written and CommandAlreadyHandledError is thrown.
   */
  commands?: readonly CommandSlice[];
}

export interface CommandSlice {
  commandId: string;
  eventCount: number;
}

/** The command records of an append: one `commandId`, the `commands` slices, or none. */
export function commandSlices(options: AppendOptions, eventCount: number): CommandSlice[] {
  if (options.commands && options.commandId) throw new Error('an append takes commandId or commands, not both');
  if (options.commandId) return [{ commandId: options.commandId, eventCount }];
  const slices = options.commands ?? [];
  const total = slices.reduce((sum, slice) => sum + slice.eventCount, 0);
  if (slices.length > 0 && (total !== eventCount || slices.some((slice) => slice.eventCount < 1))) {
    throw new Error(`the command slices cover ${total} events (each at least one), the append has ${eventCount}`);
  }
  return [...slices];
}

export interface AppendResult {
  nextExpectedVersion: number;
  events: RecordedEvent[];
  /** True when the command id had been handled already and this is the first answer again. */
  replayed: boolean;
}

export interface CommandRecord {
  streamId: string;
  events: RecordedEvent[];
  nextExpectedVersion: number;
}

export interface ReadAllOptions {
  /** Start after this position; from the beginning when undefined. */
  after?: LogPosition;
  limit: number;
}

/**
 * The event store port. Adapters: PostgreSQL (the default), EventStoreDB (optional) and in-memory (unit
 * tests only). All pass the same contract suite (`testing/event-store-contract.ts`).
 */
export interface EventStore {
  readStream(streamId: string, options?: { fromVersion?: number }): Promise<ReadStreamResult>;
  /** Throws StreamVersionConflictError when the stream is not at `expectedVersion`. */
  appendToStream(streamId: string, events: readonly NewEvent<DomainEvent>[], options: AppendOptions): Promise<AppendResult>;
  /** What an earlier append with this command id wrote, if any. */
  findCommand(commandId: string): Promise<CommandRecord | undefined>;
  /**
   * The global log in commit order. Never skips an event that a later read could still see: events of
   * transactions still in flight are held back until no older transaction can commit before them.
   */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}
