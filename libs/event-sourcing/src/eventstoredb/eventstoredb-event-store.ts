import { createHash, randomUUID } from 'node:crypto';
import { newEventId } from '../event-id';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type JSONType,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { CommandAlreadyHandledError, StreamVersionConflictError, type ExpectedVersion } from '../errors';
import type { DomainEvent, EventMetadata, LogPosition, NewEvent, RecordedEvent } from '../events';
import { commandSlices, type AppendOptions, type AppendResult, type CommandRecord, type EventStore, type ReadAllOptions, type ReadStreamResult } from '../event-store';

/** What the marker stream of a handled command holds: our 1-based positions, the stream id unprefixed. */
interface CommandMarker {
  streamId: string;
  firstPosition: number;
  lastPosition: number;
}

const MARKER_TYPE = 'QuadrantCommandHandled';

/** A log position is the ESDB commit and prepare positions, so readAll can resume exactly there. */
export function encodeEsdbPosition(position: Position): LogPosition {
  return `${position.commit}/${position.prepare}`;
}

function decodePosition(position: LogPosition): Position {
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (!match?.[1] || !match[2]) throw new Error(`"${position}" is not an EventStoreDB log position`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

function isAfter(position: Position, than: Position): boolean {
  return position.commit > than.commit || (position.commit === than.commit && position.prepare > than.prepare);
}

/** A UUID (version 5 layout, no namespace) that a retry of the same command derives again. */
export function commandEventId(commandId: string, index: number): string {
  const bytes = createHash('sha1').update(`${commandId}:${index}`).digest().subarray(0, 16);
  bytes.writeUInt8(((bytes.readUInt8(6) & 0x0f) | 0x50), 6);
  bytes.writeUInt8(((bytes.readUInt8(8) & 0x3f) | 0x80), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  return expected === 0 ? NO_STREAM : BigInt(expected - 1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isMarker(value: unknown): value is CommandMarker {
  return isPlainObject(value) && typeof value['streamId'] === 'string'
    && typeof value['firstPosition'] === 'number' && typeof value['lastPosition'] === 'number';
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/**
 * The event store on EventStoreDB (optional; PostgreSQL is the default). Every stream name carries the
 * store's prefix, so several stores (services, test runs) share one server the way PostgreSQL stores
 * share a database with a schema each; streams named `<prefix>quadrant-command-*` are reserved.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly prefix: string;

  constructor(connectionString: string, options: { prefix?: string } = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.prefix = options.prefix ?? '';
  }

  static async connect(connectionString: string, options: { prefix?: string } = {}): Promise<EventStoreDbEventStore> {
    return new EventStoreDbEventStore(connectionString, options);
  }

  async readStream(streamId: string, options: { fromVersion?: number } = {}): Promise<ReadStreamResult> {
    const from = Math.max(1, options.fromVersion ?? 1);
    try {
      const events = await this.readRange(streamId, from);
      const last = events[events.length - 1];
      // Reading past the end answers no events, so the version has to come from the stream's tail.
      return { version: last ? last.streamPosition : await this.currentVersion(streamId), events };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { version: 0, events: [] };
      throw error;
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent<DomainEvent>[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const { commandId } = options;
    const slices = commandSlices(options, events.length);
    if (commandId) {
      // ESDB answers an exact retry (same ids, same expected revision) with success, not a conflict, so
      // the marker has to be looked at before appending to tell the caller it is a replay.
      const earlier = await this.findCommand(commandId);
      if (earlier) return { nextExpectedVersion: earlier.nextExpectedVersion, events: earlier.events, replayed: true };
    } else if (slices.length > 0) {
      const ids = slices.map((slice) => slice.commandId);
      const seen = await Promise.all(ids.map((id) => this.findCommand(id)));
      if (seen.some(Boolean) || new Set(ids).size !== ids.length) throw new CommandAlreadyHandledError(streamId, ids);
    }
    // Each event's command and its index within that command's events, so a retry derives the same ids.
    const owners = slices.flatMap((slice) => Array.from({ length: slice.eventCount }, (_, index) => ({ commandId: slice.commandId, index })));
    const written = events.map((item, index) => {
      const owner = owners[index];
      return jsonEvent({
        id: owner ? commandEventId(owner.commandId, owner.index) : newEventId(),
        type: item.event.type,
        data: item.event.data as JSONType,
        metadata: owner ? { ...item.metadata, commandId: owner.commandId } : { ...item.metadata },
      });
    });
    let nextRevision: bigint;
    try {
      ({ nextExpectedRevision: nextRevision } = await this.client.appendToStream(this.prefix + streamId, written, {
        expectedRevision: toExpectedRevision(options.expectedVersion),
      }));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (commandId) {
        // The conflicting writer may have been this very command, sent again by a retrying client.
        const earlier = await this.findCommand(commandId);
        if (earlier) return { nextExpectedVersion: earlier.nextExpectedVersion, events: earlier.events, replayed: true };
      }
      const current = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) + 1 : await this.currentVersion(streamId);
      throw new StreamVersionConflictError(streamId, options.expectedVersion, current);
    }
    const lastPosition = Number(nextRevision) + 1;
    const firstPosition = lastPosition - events.length + 1;
    const recorded = await this.readRange(streamId, firstPosition, events.length);
    // Not atomic with the append: a crash here leaves the events without a marker, invisible to
    // findCommand. The ids derived from the command id cover a retry at the same expected version: ESDB
    // sees the same ids already at that revision and answers success without writing again, and the
    // retry then writes the missing marker. A retry that re-decides at the newer version is not covered
    // and relies on the decider refusing a command whose effect is already in the stream.
    let first = firstPosition;
    for (const slice of slices) {
      const marker: CommandMarker = { streamId, firstPosition: first, lastPosition: first + slice.eventCount - 1 };
      first += slice.eventCount;
      try {
        await this.client.appendToStream(this.markerStream(slice.commandId), jsonEvent({ id: randomUUID(), type: MARKER_TYPE, data: { ...marker } }), {
          expectedRevision: NO_STREAM,
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // A concurrent attempt of the same command got its marker in first; its answer is the one.
        const earlier = await this.findCommand(slice.commandId);
        if (!earlier) throw error;
        if (commandId) return { nextExpectedVersion: earlier.nextExpectedVersion, events: earlier.events, replayed: true };
      }
    }
    return { nextExpectedVersion: lastPosition, events: recorded, replayed: false };
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    let marker: unknown;
    try {
      const [resolved] = await collect(this.client.readStream(this.markerStream(commandId), { fromRevision: START, maxCount: 1 }));
      marker = resolved?.event?.data;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    if (!isMarker(marker)) throw new Error(`the marker of command ${commandId} is malformed`);
    const count = marker.lastPosition - marker.firstPosition + 1;
    const events = await this.readRange(marker.streamId, marker.firstPosition, count);
    return { streamId: marker.streamId, events, nextExpectedVersion: marker.lastPosition };
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    // Client 6.x sends no server-side filter on reads of $all, so system events, other prefixes and
    // command markers are dropped here, page by page, until `limit` events are found or the log ends.
    const pageSize = Math.min(Math.max(options.limit, 256), 4096);
    const found: RecordedEvent[] = [];
    let from = options.after === undefined ? undefined : decodePosition(options.after);
    while (found.length < options.limit) {
      const page = await collect(this.client.readAll({ fromPosition: from ?? START, maxCount: pageSize, direction: FORWARDS }));
      for (const { event } of page) {
        // fromPosition is inclusive: the event at exactly `from` was already served.
        if (!event || (from && !isAfter(event.position, from))) continue;
        const recorded = this.visible(event);
        if (recorded) found.push(recorded);
        if (found.length === options.limit) return found;
      }
      const last = page[page.length - 1]?.event;
      if (page.length < pageSize || !last) return found;
      from = last.position;
    }
    return found;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private markerStream(commandId: string): string {
    return `${this.prefix}quadrant-command-${commandId}`;
  }

  /** Events of `streamId` from 1-based `from` on, `count` of them or all. */
  private async readRange(streamId: string, from: number, count?: number): Promise<RecordedEvent[]> {
    const read = this.client.readStream(this.prefix + streamId, { fromRevision: BigInt(from - 1), maxCount: count, direction: FORWARDS });
    return (await collect(read)).flatMap(({ event }) => (event ? [this.toRecorded(streamId, event)] : []));
  }

  private async currentVersion(streamId: string): Promise<number> {
    try {
      const [resolved] = await collect(this.client.readStream(this.prefix + streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }));
      return resolved?.event ? Number(resolved.event.revision) + 1 : 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  }

  /** The event as this store shows it in its global log, or undefined when it is not one of ours. */
  private visible(event: EsdbRecordedEvent): RecordedEvent | undefined {
    const { streamId, type } = event;
    if (type.startsWith('$') || streamId.startsWith('$') || !event.isJson) return undefined;
    if (!streamId.startsWith(this.prefix) || streamId.startsWith(this.markerStream(''))) return undefined;
    return this.toRecorded(streamId.slice(this.prefix.length), event);
  }

  private toRecorded(streamId: string, event: EsdbRecordedEvent): RecordedEvent {
    if (!event.position) throw new Error('EventStoreDB returned an event without its log position (server older than 22.6?)');
    return {
      eventId: event.id,
      streamId,
      streamPosition: Number(event.revision) + 1,
      logPosition: encodeEsdbPosition(event.position),
      type: event.type,
      data: isPlainObject(event.data) || Array.isArray(event.data) ? event.data : {},
      metadata: isPlainObject(event.metadata) ? (event.metadata as EventMetadata) : {},
      recordedAt: event.created.toISOString(),
    };
  }
}
