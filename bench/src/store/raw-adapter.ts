import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { POOL_SIZE, type BenchEvent, type StoreAdapter } from './types';

class VersionConflict extends Error {}

/** A VALUES list of (n, event_id, type, data, metadata), its parameters appended to `params`. */
function eventValues(events: readonly BenchEvent[], params: unknown[]): string {
  return events
    .map((item, index) => {
      params.push(index + 1, randomUUID(), item.type, JSON.stringify(item.data), JSON.stringify(item.metadata));
      const p = params.length - 5;
      return `($${p + 1}::int, $${p + 2}::uuid, $${p + 3}::text, $${p + 4}::jsonb, $${p + 5}::jsonb)`;
    })
    .join(', ');
}

/**
 * The ceiling: the minimum a correct event store does, as bare SQL through `pg` on the same database.
 * Events go to a table of the same shape as Quadrant's (identity global_position, xid8 transaction_id,
 * unique (stream_id, stream_position)) and every append moves a streams version row on, under the
 * expected-version check, in the same transaction. No command ids, no event_id unique index, no global
 * log index, no mapping of the written rows back to objects.
 *
 * `singleStatement` (the `raw` row) does it in one autocommit statement; otherwise (`raw-tx`) as an
 * explicit transaction, BEGIN / upsert / insert / COMMIT, the round trips Quadrant makes.
 */
export class RawSqlAdapter implements StoreAdapter {
  private readonly pool: Pool;
  private readonly s: string;

  constructor(
    databaseUrl: string,
    schema: string,
    private readonly singleStatement: boolean,
    readonly applicationName: string,
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: applicationName });
    this.pool.on('error', () => undefined);
    this.s = `"${schema}"`;
  }

  async reset(): Promise<void> {
    await this.pool.query(`drop schema if exists ${this.s} cascade`);
    await this.pool.query(`create schema ${this.s}`);
    await this.pool.query(`create table ${this.s}.streams (stream_id text primary key, version integer not null)`);
    await this.pool.query(
      `create table ${this.s}.events (
         global_position bigint generated always as identity primary key,
         transaction_id xid8 not null default pg_current_xact_id(),
         stream_id text not null,
         stream_position integer not null,
         event_id uuid not null,
         event_type text not null,
         data jsonb not null,
         metadata jsonb not null,
         unique (stream_id, stream_position)
       )`,
    );
  }

  async append(streamId: string, events: readonly BenchEvent[], expectedVersion: number): Promise<void> {
    // expected 0 inserts the row; otherwise the conflict arm only fires when the version still matches.
    const claim = `insert into ${this.s}.streams as st (stream_id, version) values ($1, $3)
                   on conflict (stream_id) do update set version = excluded.version where st.version = $2::int`;
    if (this.singleStatement) {
      const params: unknown[] = [streamId, expectedVersion, expectedVersion + events.length];
      const result = await this.pool.query(
        `with claim as (${claim} returning version)
         insert into ${this.s}.events (stream_id, stream_position, event_id, event_type, data, metadata)
         select $1, $2::int + e.n, e.event_id, e.event_type, e.data, e.metadata
           from claim cross join (values ${eventValues(events, params)}) as e(n, event_id, event_type, data, metadata)`,
        params,
      );
      if (result.rowCount !== events.length) throw new VersionConflict(`${streamId} is not at ${expectedVersion}`);
      return;
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query(claim, [streamId, expectedVersion, expectedVersion + events.length]);
      if (claimed.rowCount !== 1) throw new VersionConflict(`${streamId} is not at ${expectedVersion}`);
      const params: unknown[] = [streamId, expectedVersion];
      await client.query(
        `insert into ${this.s}.events (stream_id, stream_position, event_id, event_type, data, metadata)
         select $1, $2::int + e.n, e.event_id, e.event_type, e.data, e.metadata
           from (values ${eventValues(events, params)}) as e(n, event_id, event_type, data, metadata)`,
        params,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async readAll(batchSize: number, onBatch: (count: number, latencyMs: number) => void): Promise<void> {
    let after = '0';
    for (;;) {
      const started = performance.now();
      const { rows } = await this.pool.query<{ global_position: string }>(
        `select global_position, transaction_id::text as transaction_id, stream_id, stream_position,
                event_id, event_type, data, metadata
           from ${this.s}.events where global_position > $1 order by global_position limit $2`,
        [after, batchSize],
      );
      onBatch(rows.length, performance.now() - started);
      const last = rows[rows.length - 1];
      if (!last || rows.length < batchSize) return;
      after = last.global_position;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
