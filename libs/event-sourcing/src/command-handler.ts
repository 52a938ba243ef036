import type { Decider } from './decider';
import { CommandAlreadyHandledError, StreamVersionConflictError } from './errors';
import type { DomainEvent, EventMetadata, RecordedEvent } from './events';
import type { EventStore } from './event-store';

export interface CommandContext {
  /** Idempotency key: the same id twice appends once and answers the same result. */
  commandId?: string;
  metadata?: EventMetadata;
}

export interface CommandResult<Event extends DomainEvent> {
  streamId: string;
  events: RecordedEvent<Event>[];
  nextExpectedVersion: number;
  /** True when this command id had been handled before and nothing new was appended. */
  replayed: boolean;
}

/** The answer to one command of `handleAll`: its result, or the error it alone would have thrown. */
export type CommandOutcome<Event extends DomainEvent> = { ok: true; result: CommandResult<Event> } | { ok: false; error: unknown };

export interface StreamCommand<Command> {
  command: Command;
  context: CommandContext;
}

/** Checks events against their published contracts before they are appended; throws to refuse. */
export type EventValidator = (events: readonly DomainEvent[]) => void;

interface CachedState<State> {
  state: State;
  version: number;
}

export interface CommandHandlerOptions {
  /** Re-run the decision on fresh state this many times after a version conflict. */
  maxConflictRetries?: number;
  validate?: EventValidator;
  /** Keep folded state of this many streams in memory, so a long stream is not re-read from its start. */
  cacheSize?: number;
}

/**
 * Read the stream, fold `evolve`, `decide`, append with the expected version. On a version conflict the
 * decision is taken again on fresh state, a bounded number of times.
 */
export class CommandHandler<Command, State, Event extends DomainEvent> {
  private readonly cache = new Map<string, CachedState<State>>();
  private readonly maxRetries: number;
  private readonly cacheSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, State, Event>,
    private readonly options: CommandHandlerOptions = {},
  ) {
    this.maxRetries = options.maxConflictRetries ?? 3;
    this.cacheSize = options.cacheSize ?? 1000;
  }

  /**
   * The stream's state as this handler last saw it, without reading the store: current unless another
   * process appended since. For reads that can check their answer against the stream (see `load`).
   */
  cached(streamId: string): CachedState<State> | undefined {
    return this.cache.get(streamId);
  }

  /**
   * The current state of a stream (folded from its events), and its version. Events never change, so a
   * cached state is a valid start: only what came after its version is read.
   */
  async load(streamId: string): Promise<CachedState<State>> {
    const cached = this.cache.get(streamId);
    const from = cached ?? { state: this.decider.initialState(), version: 0 };
    const read = await this.store.readStream(streamId, { fromVersion: from.version + 1 });
    let state = from.state;
    for (const recorded of read.events) {
      state = this.decider.evolve(state, { type: recorded.type, data: recorded.data } as Event);
    }
    const loaded = { state, version: Math.max(from.version, read.version) };
    this.remember(streamId, loaded);
    return loaded;
  }

  /**
   * The hot path is one round trip: a stream whose state is cached is decided on that state and appended
   * at its version; only a conflict (another writer got there first) reads the stream again. A command id
   * seen before is looked up only when the decision comes out empty or refused, or the append reports it.
   */
  async handle(streamId: string, command: Command, context: CommandContext = {}): Promise<CommandResult<Event>> {
    for (let attempt = 0; ; attempt++) {
      const cached = attempt === 0 ? this.cache.get(streamId) : undefined;
      const { state, version } = cached ?? (await this.load(streamId));
      let events: Event[];
      try {
        events = this.decider.decide(command, state);
      } catch (refusal) {
        // A refusal on cached state is checked against the stream as it is now before it stands (the
        // next attempt reads what came after the cached version).
        if (cached) continue;
        const earlier = await this.earlier(context.commandId);
        if (earlier) return earlier;
        throw refusal;
      }
      if (events.length === 0) {
        // "Nothing to do" on cached state may be stale too.
        if (cached) continue;
        const earlier = await this.earlier(context.commandId);
        return earlier ?? { streamId, events: [], nextExpectedVersion: version, replayed: false };
      }
      this.options.validate?.(events);
      try {
        const result = await this.store.appendToStream(
          streamId,
          events.map((event) => ({ event, metadata: { ...context.metadata, commandId: context.commandId } })),
          { expectedVersion: version, commandId: context.commandId },
        );
        if (result.replayed) return this.replay(streamId, result.events, result.nextExpectedVersion);
        this.remember(streamId, { state: events.reduce((s, e) => this.decider.evolve(s, e), state), version: result.nextExpectedVersion });
        return { streamId, events: result.events as RecordedEvent<Event>[], nextExpectedVersion: result.nextExpectedVersion, replayed: false };
      } catch (error) {
        if (!(error instanceof StreamVersionConflictError)) throw error;
        if (attempt >= this.maxRetries) throw error;
      }
    }
  }

  /**
   * Several commands for one stream, in order, each with its own context. A run of commands that have
   * command ids and decide to events on the state as it stands is appended at once, each recorded as its
   * own command (one round trip for the run). A refusal, an empty decision, a conflict or a command id seen
   * before sends those commands through `handle` one at a time, so every answer is the one the command
   * would have had alone.
   */
  async handleAll(streamId: string, items: readonly StreamCommand<Command>[]): Promise<CommandOutcome<Event>[]> {
    const outcomes: CommandOutcome<Event>[] = [];
    while (outcomes.length < items.length) {
      const run = await this.appendRun(streamId, items.slice(outcomes.length));
      if (run.length > 0) {
        outcomes.push(...run);
        continue;
      }
      const item = items[outcomes.length];
      if (!item) break;
      outcomes.push(await this.handle(streamId, item.command, item.context).then(
        (result): CommandOutcome<Event> => ({ ok: true, result }),
        (error: unknown): CommandOutcome<Event> => ({ ok: false, error }),
      ));
    }
    return outcomes;
  }

  /** The longest run from the first item that decides to events, appended in one go; empty when under two. */
  private async appendRun(streamId: string, items: readonly StreamCommand<Command>[]): Promise<CommandOutcome<Event>[]> {
    if (items.length < 2 || !items[0]?.context.commandId) return [];
    const { state, version } = this.cache.get(streamId) ?? (await this.load(streamId));
    let folded = state;
    const decided: { item: StreamCommand<Command>; commandId: string; events: Event[] }[] = [];
    for (const item of items) {
      const commandId = item.context.commandId;
      if (!commandId) break;
      let events: Event[];
      try {
        events = this.decider.decide(item.command, folded);
        if (events.length > 0) this.options.validate?.(events);
      } catch {
        break;
      }
      if (events.length === 0) break;
      folded = events.reduce((s, e) => this.decider.evolve(s, e), folded);
      decided.push({ item, commandId, events });
    }
    if (decided.length < 2) return [];
    let appended: RecordedEvent[];
    try {
      const result = await this.store.appendToStream(
        streamId,
        decided.flatMap(({ item, commandId, events }) => events.map((event) => ({ event, metadata: { ...item.context.metadata, commandId } }))),
        { expectedVersion: version, commands: decided.map(({ commandId, events }) => ({ commandId, eventCount: events.length })) },
      );
      appended = result.events;
    } catch (error) {
      if (!(error instanceof StreamVersionConflictError) && !(error instanceof CommandAlreadyHandledError)) throw error;
      await this.load(streamId);
      const outcomes: CommandOutcome<Event>[] = [];
      for (const { item } of decided) {
        outcomes.push(await this.handle(streamId, item.command, item.context).then(
          (result): CommandOutcome<Event> => ({ ok: true, result }),
          (refusal: unknown): CommandOutcome<Event> => ({ ok: false, error: refusal }),
        ));
      }
      return outcomes;
    }
    let first = 0;
    const outcomes = decided.map(({ events }): CommandOutcome<Event> => {
      const own = appended.slice(first, first + events.length) as RecordedEvent<Event>[];
      first += events.length;
      return { ok: true, result: { streamId, events: own, nextExpectedVersion: own[own.length - 1]?.streamPosition ?? version, replayed: false } };
    });
    this.remember(streamId, { state: folded, version: appended[appended.length - 1]?.streamPosition ?? version });
    return outcomes;
  }

  private async earlier(commandId: string | undefined): Promise<CommandResult<Event> | undefined> {
    if (!commandId) return undefined;
    const record = await this.store.findCommand(commandId);
    return record ? this.replay(record.streamId, record.events, record.nextExpectedVersion) : undefined;
  }

  private replay(streamId: string, events: RecordedEvent[], nextExpectedVersion: number): CommandResult<Event> {
    return { streamId, events: events as RecordedEvent<Event>[], nextExpectedVersion, replayed: true };
  }

  private remember(streamId: string, entry: CachedState<State>): void {
    if (this.cacheSize <= 0) return;
    this.cache.delete(streamId);
    this.cache.set(streamId, entry);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}
