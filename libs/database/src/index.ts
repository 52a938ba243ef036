export * from './database';
export * from './migrations';
export * from './open-database';
export { PgDatabase } from './pg-database';
export * from './leader-lock';
