import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, SqlClient } from './database';

class PgliteClient implements SqlClient {
  constructor(private readonly tx: Transaction) {}
  async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    const result = await this.tx.query<Row>(sql, params as unknown[] | undefined);
    return result.rows;
  }
}

/**
 * PostgreSQL compiled to WebAssembly, in this process: the embedded mode's database. PGlite runs one
 * statement at a time, so concurrent callers queue; a transaction holds the whole database until it ends.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  /** `dataDir` undefined keeps everything in memory. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    const db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
    return new PgliteDatabase(db);
  }

  async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    const result = await this.db.query<Row>(sql, params as unknown[] | undefined);
    return result.rows;
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new PgliteClient(tx)));
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
