import { randomUUID } from 'node:crypto';
import { ident, migrate, type Database, type SqlClient } from '@quadrant/database';
import { StreamVersionConflictError } from '../errors';
import type { DomainEvent, EventMetadata, LogPosition, NewEvent, RecordedEvent } from '../events';
import type { AppendOptions, AppendResult, CommandRecord, EventStore, ReadAllOptions, ReadStreamResult } from '../event-store';
import { eventStoreMigrations } from './event-store-migrations';

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_position: number;
  event_id: string;
  event_type: string;
  data: object;
  metadata: EventMetadata;
  recorded_at: Date | string;
}

function eventColumns(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}global_position::text as global_position, ${a}transaction_id::text as transaction_id, ${a}stream_id,
    ${a}stream_position, ${a}event_id::text as event_id, ${a}event_type, ${a}data, ${a}metadata, ${a}recorded_at`;
}
const EVENT_COLUMNS = eventColumns();

/** A log position is the writer's transaction id and the event's sequence number. */
export function encodePosition(transactionId: string, globalPosition: string): LogPosition {
  return `${transactionId}/${globalPosition}`;
}

function decodePosition(position: LogPosition | undefined): [string, string] {
  if (position === undefined) return ['0', '0'];
  const [transactionId, globalPosition] = position.split('/');
  if (!transactionId || !globalPosition || !/^\d+$/.test(transactionId) || !/^\d+$/.test(globalPosition)) {
    throw new Error(`"${position}" is not a PostgreSQL event store log position`);
  }
  return [transactionId, globalPosition];
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    logPosition: encodePosition(row.transaction_id, row.global_position),
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

class DuplicateCommand extends Error {}

/**
 * The event store on PostgreSQL, one schema per service. Appends take a row lock on the stream, so
 * writers of one stream queue and commit in stream order; the global log is read below the oldest
 * running transaction (xid8 snapshot), so concurrent writers never make a reader skip an event.
 */
export class PostgresEventStore implements EventStore {
  private readonly s: string;

  constructor(private readonly db: Database, readonly schema: string) {
    this.s = ident(schema);
  }

  static async create(db: Database, schema: string): Promise<PostgresEventStore> {
    await migrate(db, schema, eventStoreMigrations);
    return new PostgresEventStore(db, schema);
  }

  async readStream(streamId: string, options: { fromVersion?: number } = {}): Promise<ReadStreamResult> {
    const rows = await this.db.query<EventRow & { version: number }>(
      `select s.version, ${eventColumns('e')}
         from ${this.s}.streams s
         left join ${this.s}.events e on e.stream_id = s.stream_id and e.stream_position >= $2
        where s.stream_id = $1
        order by e.stream_position`,
      [streamId, options.fromVersion ?? 1],
    );
    const first = rows[0];
    if (!first) return { version: 0, events: [] };
    return { version: first.version, events: rows.filter((row) => row.event_id !== null).map(toRecorded) };
  }

  async appendToStream(streamId: string, events: readonly NewEvent<DomainEvent>[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    try {
      return await this.db.transaction(async (tx) => {
        const previous = await this.claimVersions(tx, streamId, events.length, options);
        if (options.commandId) {
          const claimed = await tx.query(
            `insert into ${this.s}.processed_commands (command_id, stream_id, first_position, last_position)
             values ($1, $2, $3, $4) on conflict (command_id) do nothing returning command_id`,
            [options.commandId, streamId, previous + 1, previous + events.length],
          );
          if (claimed.length === 0) throw new DuplicateCommand();
        }
        const params: unknown[] = [];
        const values = events.map((item, index) => {
          params.push(streamId, previous + index + 1, randomUUID(), item.event.type, JSON.stringify(item.event.data), JSON.stringify(item.metadata));
          const p = params.length - 6;
          return `($${p + 1}, $${p + 2}, $${p + 3}::uuid, $${p + 4}, $${p + 5}::jsonb, $${p + 6}::jsonb)`;
        });
        const rows = await tx.query<EventRow>(
          `insert into ${this.s}.events (stream_id, stream_position, event_id, event_type, data, metadata)
           values ${values.join(', ')} returning ${EVENT_COLUMNS}`,
          params,
        );
        return { nextExpectedVersion: previous + events.length, events: rows.map(toRecorded), replayed: false };
      });
    } catch (error) {
      // A retried command usually finds its stream moved on by its own first attempt.
      const maybeRetry = error instanceof DuplicateCommand || error instanceof StreamVersionConflictError;
      if (!maybeRetry || !options.commandId) throw error;
      const earlier = await this.findCommand(options.commandId);
      if (earlier) return { nextExpectedVersion: earlier.nextExpectedVersion, events: earlier.events, replayed: true };
      if (error instanceof DuplicateCommand) throw new Error(`command ${options.commandId} was reported handled but has no record`);
      throw error;
    }
  }

  /** Moves the stream's version on by `count` under a row lock; answers the version before. */
  private async claimVersions(tx: SqlClient, streamId: string, count: number, options: AppendOptions): Promise<number> {
    const expected = options.expectedVersion;
    if (expected === 'any') {
      const [row] = await tx.query<{ version: number }>(
        `insert into ${this.s}.streams as st (stream_id, version) values ($1, $2)
         on conflict (stream_id) do update set version = st.version + $2 returning version`,
        [streamId, count],
      );
      if (!row) throw new Error(`stream ${streamId}: no version returned`);
      return row.version - count;
    }
    const claimed =
      expected === 0
        ? await tx.query(
            `insert into ${this.s}.streams (stream_id, version) values ($1, $2) on conflict (stream_id) do nothing returning version`,
            [streamId, count],
          )
        : await tx.query(
            `update ${this.s}.streams set version = $3 where stream_id = $1 and version = $2 returning version`,
            [streamId, expected, expected + count],
          );
    if (claimed.length === 0) {
      const [current] = await tx.query<{ version: number }>(`select version from ${this.s}.streams where stream_id = $1`, [streamId]);
      throw new StreamVersionConflictError(streamId, expected, current?.version ?? 0);
    }
    return expected;
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    const [command] = await this.db.query<{ stream_id: string; first_position: number; last_position: number }>(
      `select stream_id, first_position, last_position from ${this.s}.processed_commands where command_id = $1`,
      [commandId],
    );
    if (!command) return undefined;
    const rows = await this.db.query<EventRow>(
      `select ${eventColumns('e')} from ${this.s}.events e
        where e.stream_id = $1 and e.stream_position between $2 and $3 order by e.stream_position`,
      [command.stream_id, command.first_position, command.last_position],
    );
    return { streamId: command.stream_id, events: rows.map(toRecorded), nextExpectedVersion: command.last_position };
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const [transactionId, globalPosition] = decodePosition(options.after);
    const rows = await this.db.query<EventRow>(
      // Qualified names: the select list re-uses these names for their text forms, which sort differently.
      `select ${eventColumns('e')} from ${this.s}.events e
        where (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
          and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by e.transaction_id, e.global_position
        limit $3`,
      [transactionId, globalPosition, options.limit],
    );
    return rows.map(toRecorded);
  }

  async close(): Promise<void> {
    return;
  }
}
