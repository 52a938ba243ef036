import { randomUUID } from 'node:crypto';
import { ident, isUniqueViolation, openDatabase } from '@quadrant/database';
import { StreamVersionConflictError, type RecordedEvent } from '@quadrant/event-sourcing';
import { QuadrantAdapter } from './quadrant-adapter';
import { POOL_SIZE, type BenchEvent } from './types';

/**
 * PROTOTYPE, bench only: what PostgresEventStore.appendToStream would cost as one statement. Same schema
 * (created by the real migrations), same semantics for a numeric expected version (row-locked version
 * claim, command-id record, events with their positions, the recorded rows handed back), but the claim,
 * the command record and the insert are data-modifying CTEs of a single autocommit statement: one round
 * trip instead of BEGIN + 2-3 statements + COMMIT, and no dedicated pool checkout.
 *
 * Why it stays correct: a single statement is atomic, so
 *  - a stale expected version claims no row, the command and event inserts select from the empty claim,
 *    nothing is written and the statement answers 0 rows (then one extra query tells conflict from retry);
 *  - a second use of a command id violates processed_commands' primary key and the whole statement,
 *    claim included, rolls back; the caller then looks the first result up (findCommand), as today;
 *  - concurrent writers of one stream queue on the streams row lock exactly as today, and the event's
 *    transaction_id is still the writer's xid8, so readAll's snapshot rule is unchanged.
 * 'any' would claim with the existing upsert (`... do update set version = st.version + n returning
 * version`) and number the events from `version - n`; the benchmark only uses numeric versions.
 */
export class QuadrantSingleStatementAdapter extends QuadrantAdapter {
  static async openPrototype(
    databaseUrl: string,
    schema: string,
    applicationName: string,
    withCommandId = true,
  ): Promise<QuadrantSingleStatementAdapter> {
    const db = await openDatabase(databaseUrl, { max: POOL_SIZE, applicationName });
    return new QuadrantSingleStatementAdapter(db, schema, withCommandId, applicationName);
  }

  override async append(streamId: string, events: readonly BenchEvent[], expectedVersion: number): Promise<void> {
    const commandId = this.withCommandId ? randomUUID() : undefined;
    try {
      const recorded = await this.appendInOneStatement(streamId, events, expectedVersion, commandId);
      if (recorded.length === events.length) return;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // The slow path, taken only on a conflict or a retried command: the same answers as the real store.
    if (commandId && (await this.eventStore.findCommand(commandId))) return;
    const [current] = await this.database.query<{ version: number }>(
      `select version from ${ident(this.schema)}.streams where stream_id = $1`,
      [streamId],
    );
    throw new StreamVersionConflictError(streamId, expectedVersion, current?.version ?? 0);
  }

  private async appendInOneStatement(
    streamId: string,
    events: readonly BenchEvent[],
    expected: number,
    commandId: string | undefined,
  ): Promise<RecordedEvent[]> {
    const s = ident(this.schema);
    const next = expected + events.length;
    const claim =
      expected === 0
        ? `insert into ${s}.streams (stream_id, version) values ($1, $3) on conflict (stream_id) do nothing returning version`
        : `update ${s}.streams set version = $3 where stream_id = $1 and version = $2 returning version`;
    const params: unknown[] = [streamId, expected, next];
    if (commandId) params.push(commandId);
    const command = commandId
      ? `, command as (
           insert into ${s}.processed_commands (command_id, stream_id, first_position, last_position)
           select $4, $1, $2::int + 1, $3::int from claim
         )`
      : '';
    const values = events.map((item, index) => {
      params.push(index + 1, randomUUID(), item.type, JSON.stringify(item.data), JSON.stringify(item.metadata));
      const p = params.length - 5;
      return `($${p + 1}::int, $${p + 2}::uuid, $${p + 3}::text, $${p + 4}::jsonb, $${p + 5}::jsonb)`;
    });
    const rows = await this.database.query<{
      global_position: string;
      transaction_id: string;
      stream_id: string;
      stream_position: number;
      event_id: string;
      event_type: string;
      data: object;
      metadata: RecordedEvent['metadata'];
      recorded_at: Date | string;
    }>(
      `with claim as (${claim})${command}
       insert into ${s}.events (stream_id, stream_position, event_id, event_type, data, metadata)
       select $1, $2::int + e.n, e.event_id, e.event_type, e.data, e.metadata
         from claim cross join (values ${values.join(', ')}) as e(n, event_id, event_type, data, metadata)
       returning global_position::text as global_position, transaction_id::text as transaction_id, stream_id,
                 stream_position, event_id::text as event_id, event_type, data, metadata, recorded_at`,
      params,
    );
    // The same mapping the real store does, so the comparison carries its cost too.
    return rows.map((row) => ({
      eventId: row.event_id,
      streamId: row.stream_id,
      streamPosition: row.stream_position,
      logPosition: `${row.transaction_id}/${row.global_position}`,
      type: row.event_type,
      data: row.data,
      metadata: row.metadata,
      recordedAt: new Date(row.recorded_at).toISOString(),
    }));
  }
}
