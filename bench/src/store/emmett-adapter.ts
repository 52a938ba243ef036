import { dumbo } from '@event-driven-io/dumbo';
import {
  getPostgreSQLEventStore,
  readMessagesBatch,
  type PostgresEventStore as EmmettEventStore,
} from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { POOL_SIZE, type BenchEvent, type StoreAdapter } from './types';

/**
 * Emmett 0.42.0 on PostgreSQL. Its tables and functions have fixed names in the `public` schema, so a
 * reset drops and recreates `public` in the bench database (nothing else lives there). It gets the same
 * 20-connection pool as the others (its own default pool would be pg's 10). `readMessagesBatch` is the
 * global-log batch read its consumers use; it needs a dumbo executor, built on the same pool.
 * Loading this module installs dumbo's process-wide `pg` type parsers; the benchmark runs each cell in
 * its own process, so they only ever apply to Emmett.
 */
export class EmmettAdapter implements StoreAdapter {
  private readonly pool: Pool;
  private store: EmmettEventStore;

  readonly applicationName = 'bench-emmett';

  constructor(private readonly databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: this.applicationName });
    this.pool.on('error', () => undefined);
    this.store = this.openStore();
  }

  private openStore(): EmmettEventStore {
    return getPostgreSQLEventStore(this.databaseUrl, { connectionOptions: { pool: this.pool } });
  }

  async reset(): Promise<void> {
    await this.store.close();
    await this.pool.query('drop schema if exists public cascade');
    await this.pool.query('create schema public');
    this.store = this.openStore();
    await this.store.schema.migrate();
  }

  async append(streamId: string, events: readonly BenchEvent[], expectedVersion: number): Promise<void> {
    await this.store.appendToStream(
      streamId,
      events.map((item) => ({ type: item.type, data: item.data, metadata: item.metadata })),
      { expectedStreamVersion: BigInt(expectedVersion) },
    );
  }

  async readAll(batchSize: number, onBatch: (count: number, latencyMs: number) => void): Promise<void> {
    const { execute } = dumbo({ connectionString: this.databaseUrl, pool: this.pool });
    let after: bigint | undefined;
    for (;;) {
      const started = performance.now();
      const batch = await readMessagesBatch(
        execute,
        after === undefined ? { from: 0n, batchSize } : { after, batchSize },
      );
      onBatch(batch.messages.length, performance.now() - started);
      if (!batch.areMessagesLeft || batch.messages.length === 0) return;
      after = batch.currentGlobalPosition;
    }
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.pool.end();
  }
}
