import { randomUUID } from 'node:crypto';
import { ident, openDatabase, type Database } from '@quadrant/database';
import { PostgresEventStore, type LogPosition, type NewEvent } from '@quadrant/event-sourcing';
import { POOL_SIZE, type BenchEvent, type StoreAdapter } from './types';

function toNewEvents(events: readonly BenchEvent[]): NewEvent[] {
  return events.map((item) => ({ event: { type: item.type, data: item.data }, metadata: item.metadata }));
}

/** Quadrant's PostgresEventStore as the services use it; `withCommandId` adds the idempotency record. */
export class QuadrantAdapter implements StoreAdapter {
  private store: PostgresEventStore | undefined;

  constructor(
    private readonly db: Database,
    protected readonly schema: string,
    protected readonly withCommandId: boolean,
    readonly applicationName: string,
  ) {}

  static async open(databaseUrl: string, schema: string, withCommandId: boolean, applicationName: string): Promise<QuadrantAdapter> {
    const db = await openDatabase(databaseUrl, { max: POOL_SIZE, applicationName });
    return new QuadrantAdapter(db, schema, withCommandId, applicationName);
  }

  protected get eventStore(): PostgresEventStore {
    if (!this.store) this.store = new PostgresEventStore(this.db, this.schema);
    return this.store;
  }

  protected get database(): Database {
    return this.db;
  }

  async reset(): Promise<void> {
    await this.db.exec(`drop schema if exists ${ident(this.schema)} cascade`);
    this.store = await PostgresEventStore.create(this.db, this.schema);
  }

  async append(streamId: string, events: readonly BenchEvent[], expectedVersion: number): Promise<void> {
    await this.eventStore.appendToStream(streamId, toNewEvents(events), {
      expectedVersion,
      ...(this.withCommandId ? { commandId: randomUUID() } : {}),
    });
  }

  async readAll(batchSize: number, onBatch: (count: number, latencyMs: number) => void): Promise<void> {
    let after: LogPosition | undefined;
    for (;;) {
      const started = performance.now();
      const batch = await this.eventStore.readAll({ after, limit: batchSize });
      onBatch(batch.length, performance.now() - started);
      const last = batch[batch.length - 1];
      if (!last || batch.length < batchSize) return;
      after = last.logPosition;
    }
  }

  async close(): Promise<void> {
    await this.eventStore.close();
    await this.db.close();
  }
}
