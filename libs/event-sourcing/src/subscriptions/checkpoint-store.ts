import { ident, type Database, type SqlClient } from '@quadrant/database';
import type { LogPosition } from '../events';

/** Where a subscriber keeps how far it got, so a restart resumes there. */
export interface CheckpointStore {
  load(subscriptionId: string): Promise<LogPosition | undefined>;
  save(subscriptionId: string, position: LogPosition): Promise<void>;
}

/** Keeps checkpoints in the event store schema's `checkpoints` table (or any table of that shape). */
export class PostgresCheckpointStore implements CheckpointStore {
  private readonly table: string;

  constructor(private readonly db: Database, schema: string) {
    this.table = `${ident(schema)}.checkpoints`;
  }

  async load(subscriptionId: string): Promise<LogPosition | undefined> {
    return loadCheckpoint(this.db, this.table, subscriptionId);
  }

  async save(subscriptionId: string, position: LogPosition): Promise<void> {
    await saveCheckpoint(this.db, this.table, subscriptionId, position);
  }
}

export async function loadCheckpoint(sql: SqlClient, table: string, subscriptionId: string): Promise<LogPosition | undefined> {
  const [row] = await sql.query<{ position: string }>(`select position from ${table} where subscription_id = $1`, [subscriptionId]);
  return row?.position;
}

export async function saveCheckpoint(sql: SqlClient, table: string, subscriptionId: string, position: LogPosition): Promise<void> {
  await sql.query(
    `insert into ${table} (subscription_id, position, updated_at) values ($1, $2, now())
     on conflict (subscription_id) do update set position = excluded.position, updated_at = excluded.updated_at`,
    [subscriptionId, position],
  );
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, LogPosition>();
  async load(subscriptionId: string): Promise<LogPosition | undefined> {
    return this.positions.get(subscriptionId);
  }
  async save(subscriptionId: string, position: LogPosition): Promise<void> {
    this.positions.set(subscriptionId, position);
  }
}
