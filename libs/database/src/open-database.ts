import type { Database } from './database';
import { PgDatabase } from './pg-database';

/**
 * `postgres://...` opens a pool on a server; `pglite:<dir>` (or `pglite:memory`) opens the embedded
 * database in this process.
 */
export async function openDatabase(url: string, options: { max?: number; applicationName?: string } = {}): Promise<Database> {
  if (url.startsWith('pglite:')) {
    const location = url.slice('pglite:'.length);
    // Loaded on demand: a process on a PostgreSQL server does not carry PGlite's WebAssembly.
    const { PgliteDatabase } = await import('./pglite-database');
    return PgliteDatabase.open(location === 'memory' || location === '' ? undefined : location);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return new PgDatabase(url, options);
  }
  throw new Error(`DATABASE_URL "${url}" is neither postgres://... nor pglite:<directory>`);
}
