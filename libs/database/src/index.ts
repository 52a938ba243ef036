export * from './database';
export * from './migrations';
export * from './open-database';
export { PgDatabase } from './pg-database';
export { PgliteDatabase } from './pglite-database';
