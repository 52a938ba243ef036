import { ident, isUniqueViolation, migrate, type Database } from '@quadrant/database';
import { CommandAlreadyHandledError, StreamVersionConflictError, type ExpectedVersion } from '../errors';
import type { DomainEvent, EventMetadata, LogPosition, NewEvent, RecordedEvent } from '../events';
import { commandSlices, type AppendOptions, type AppendResult, type CommandRecord, type CommandSlice, type EventStore, type ReadAllOptions, type ReadStreamResult } from '../event-store';
import { newEventId } from '../event-id';
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

interface AppendedRow {
  stream_position: number;
  global_position: string;
  transaction_id: string;
  recorded_at: Date | string;
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

/** An `any` append that keeps meeting newer transactions on its stream is a conflict after this many tries. */
const ANY_APPEND_ATTEMPTS = 5;

/**
 * The event store on PostgreSQL, one schema per service. Appends take a row lock on the stream, so
 * writers of one stream queue and commit in stream order; the global log is read below the oldest
 * running transaction (xid8 snapshot), so concurrent writers never make a reader skip an event. It is
 * read in transaction id order, and a transaction may not write a stream after a newer one has, so every
 * stream reads in its own order too.
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
      { prepareAs: `read-stream:${this.schema}` },
    );
    const first = rows[0];
    if (!first) return { version: 0, events: [] };
    return { version: first.version, events: rows.filter((row) => row.event_id !== null).map(toRecorded) };
  }

  /**
   * One statement, so one round trip and atomic on its own: the version claim (a row lock on the stream:
   * writers of one stream queue and commit in stream order), the command record and the events are
   * data-modifying CTEs. A stale version claims no row and so writes nothing; a command id seen before
   * violates its primary key and rolls the whole statement back. An `any` append that finds a newer
   * transaction wrote the stream first writes nothing either, and is tried again with a new transaction id.
   */
  async appendToStream(streamId: string, events: readonly NewEvent<DomainEvent>[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const { expectedVersion: expected, commandId } = options;
    const slices = commandSlices(options, events.length);
    let rows: AppendedRow[] = [];
    let seenCommand = false;
    const eventIds = events.map(() => newEventId());
    // As stored: the events handed back are read from this text too, so they are what a later read returns.
    const texts = events.map((item) => ({ data: JSON.stringify(item.event.data), metadata: JSON.stringify(item.metadata) }));
    const { sql, params } = this.appendStatement(streamId, events, eventIds, texts, expected, slices);
    const prepareAs = this.appendStatementName(events.length, expected, slices.length);
    // In a caller's transaction the id stays the same, so `any` stops trying after a few attempts.
    for (let attempt = 1; attempt <= (expected === 'any' ? ANY_APPEND_ATTEMPTS : 1) && rows.length === 0 && !seenCommand; attempt++) {
      try {
        rows = await this.db.query<AppendedRow>(sql, params, { prepareAs });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        seenCommand = true;
      }
    }
    if (rows.length === events.length) {
      // The data went in with the statement; only what the database assigned comes back.
      rows.sort((a, b) => a.stream_position - b.stream_position);
      const recorded = rows.map((row, index): RecordedEvent => {
        const item = events[index];
        if (!item) throw new Error('append answered more rows than it was given');
        return {
          eventId: eventIds[index] ?? '',
          streamId,
          streamPosition: row.stream_position,
          logPosition: encodePosition(row.transaction_id, row.global_position),
          type: item.event.type,
          data: JSON.parse(texts[index]?.data ?? 'null') as DomainEvent['data'],
          metadata: JSON.parse(texts[index]?.metadata ?? '{}') as EventMetadata,
          recordedAt: new Date(row.recorded_at).toISOString(),
        };
      });
      return { nextExpectedVersion: recorded[recorded.length - 1]?.streamPosition ?? 0, events: recorded, replayed: false };
    }
    // Nothing was written: a command id seen before (a retried command, usually finding its stream moved
    // on by its own first attempt), a stale expected version, or a newer transaction on the stream.
    if (commandId) {
      const earlier = await this.findCommand(commandId);
      if (earlier) return { nextExpectedVersion: earlier.nextExpectedVersion, events: earlier.events, replayed: true };
    } else if (seenCommand && options.commands) {
      throw new CommandAlreadyHandledError(streamId, options.commands.map((slice) => slice.commandId));
    }
    const [current] = await this.db.query<{ version: number }>(`select version from ${this.s}.streams where stream_id = $1`, [streamId]);
    throw new StreamVersionConflictError(streamId, expected, current?.version ?? 0);
  }

  /** The statement's text depends on the schema, the expected-version kind, the number of command records and of events. */
  private appendStatementName(count: number, expectedVersion: ExpectedVersion, commands: number): string | undefined {
    if (count > 16) return undefined;
    const expected = expectedVersion === 'any' ? 'any' : expectedVersion === 0 ? 'new' : 'at';
    return `append:${this.schema}:${expected}:${commands}:${count}`;
  }

  private appendStatement(
    streamId: string,
    events: readonly NewEvent<DomainEvent>[],
    eventIds: readonly string[],
    texts: readonly { data: string; metadata: string }[],
    expected: ExpectedVersion,
    slices: readonly CommandSlice[],
  ): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const p = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
    const stream = p(streamId, 'text');
    const count = p(events.length, 'int');
    // A transaction id is taken at the first write, before any wait for the stream's row lock. A writer that
    // waited for (or began before) a newer transaction's commit to this stream would put its events before
    // that transaction's in the global log: it writes nothing instead, and the append is a conflict.
    const claim =
      expected === 'any'
        ? `insert into ${this.s}.streams as st (stream_id, version, last_transaction_id) values (${stream}, ${count}, pg_current_xact_id())
           on conflict (stream_id) do update set version = st.version + ${count}, last_transaction_id = excluded.last_transaction_id
            where st.last_transaction_id <= excluded.last_transaction_id
           returning version - ${count} as previous`
        : expected === 0
          ? `insert into ${this.s}.streams (stream_id, version, last_transaction_id) values (${stream}, ${count}, pg_current_xact_id())
             on conflict (stream_id) do nothing returning 0 as previous`
          : `update ${this.s}.streams set version = ${p(expected, 'int')} + ${count}, last_transaction_id = pg_current_xact_id()
              where stream_id = ${stream} and version = ${p(expected, 'int')} and last_transaction_id <= pg_current_xact_id()
              returning version - ${count} as previous`;
    let first = 1;
    const records = slices.map((slice) => {
      const row = `(${p(slice.commandId, 'text')}, ${p(first, 'int')}, ${p(first + slice.eventCount - 1, 'int')})`;
      first += slice.eventCount;
      return row;
    });
    const command =
      records.length > 0
        ? `, command as (
           insert into ${this.s}.processed_commands (command_id, stream_id, first_position, last_position)
           select c.command_id, ${stream}, claim.previous + c.first_n, claim.previous + c.last_n
             from claim cross join (values ${records.join(', ')}) as c(command_id, first_n, last_n))`
        : '';
    const values = events.map(
      (item, index) =>
        `(${p(index + 1, 'int')}, ${p(eventIds[index], 'uuid')}, ${p(item.event.type, 'text')}, ` +
        `${p(texts[index]?.data, 'jsonb')}, ${p(texts[index]?.metadata, 'jsonb')})`,
    );
    const sql = `with claim as (${claim})${command}
      insert into ${this.s}.events (stream_id, stream_position, event_id, event_type, data, metadata)
      select ${stream}, claim.previous + e.n, e.event_id, e.event_type, e.data, e.metadata
        from claim cross join (values ${values.join(', ')}) as e(n, event_id, event_type, data, metadata)
       order by e.n
      returning stream_position, global_position::text as global_position, transaction_id::text as transaction_id, recorded_at`;
    return { sql, params };
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
      { prepareAs: `read-all:${this.schema}` },
    );
    return rows.map(toRecorded);
  }

  async close(): Promise<void> {
    return;
  }
}
