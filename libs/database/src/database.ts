/**
 * The one seam to PostgreSQL that the kernel, the inbox and the read models share: a server through `pg`,
 * or PGlite in-process for the embedded mode. Rows come back as plain objects; bigint and xid8 columns
 * are read as text by the queries themselves so both drivers agree.
 */
export interface QueryOptions {
  /**
   * Keep the statement prepared on the server under this name: parsed and planned once per connection.
   * For hot statements whose text depends only on this name (the server holds one plan per name).
   */
  prepareAs?: string;
}

export interface SqlClient {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
}

export interface Database extends SqlClient {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Quotes an SQL identifier such as a schema name; our schema names come from configuration, not users. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`"${name}" is not a valid schema or table name (lowercase letters, digits and _ only)`);
  }
  return `"${name}"`;
}

/** PostgreSQL's error code for a unique violation, as both drivers report it. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
