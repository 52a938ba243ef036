import { Pool, type PoolClient } from 'pg';
import type { Database, QueryOptions, SqlClient } from './database';

class PgClient implements SqlClient {
  constructor(private readonly client: PoolClient) {}
  async query<Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]> {
    const result = await this.client.query({ text: sql, values: params as unknown[] | undefined, name: options?.prepareAs });
    return result.rows as Row[];
  }
}

export class PgDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;

  constructor(connectionString: string, options: { max?: number; applicationName?: string } = {}) {
    this.pool = new Pool({
      connectionString,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'quadrant',
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]> {
    const result = await this.pool.query({ text: sql, values: params as unknown[] | undefined, name: options?.prepareAs });
    return result.rows as Row[];
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgClient(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
