import { ident, type Database } from './database';

export interface Migration {
  /** Stable, ordered id such as `001-event-store`; an applied id is never applied again. */
  id: string;
  /** SQL script; `{{schema}}` stands for the quoted schema name. */
  sql: string;
}

/**
 * Brings `schema` up to date. Each migration runs in its own transaction together with its bookkeeping
 * row, and an advisory lock keyed on the schema makes concurrent starters (two replicas) take turns.
 */
export async function migrate(db: Database, schema: string, migrations: readonly Migration[]): Promise<string[]> {
  const s = ident(schema);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`quadrant-migrate:${schema}`]);
    await tx.query(`create schema if not exists ${s}`);
    await tx.query(
      `create table if not exists ${s}.schema_migrations (id text primary key, applied_at timestamptz not null default now())`,
    );
    const done = new Set(
      (await tx.query<{ id: string }>(`select id from ${s}.schema_migrations`)).map((row) => row.id),
    );
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      for (const statement of splitStatements(migration.sql.split('{{schema}}').join(s))) {
        await tx.query(statement);
      }
      await tx.query(`insert into ${s}.schema_migrations (id) values ($1)`, [migration.id]);
      applied.push(migration.id);
    }
  });
  return applied;
}

/** Our migration scripts hold no functions or quoted semicolons, so a split on `;` is exact for them. */
function splitStatements(script: string): string[] {
  return script
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
