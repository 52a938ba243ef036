import { openDatabase, type Database } from '@quadrant/database';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import type { RecordedEvent } from '../events';
import { CatchUpSubscription } from '../subscriptions/catch-up-subscription';
import { InMemoryCheckpointStore } from '../subscriptions/checkpoint-store';
import { PostgresEventStore } from './postgres-event-store';

/**
 * DESIGN.md, first trap: a sequence number taken by transaction A can commit after B's larger one. Each
 * writer here holds its transaction open for a random moment after inserting, so commits land out of
 * sequence order all the time, while a subscriber reads the global log concurrently. It must see every
 * event exactly once, and every stream in order.
 */
const WRITERS = 8;
const APPENDS_PER_WRITER = 1000;
const EVENTS_PER_APPEND = [1, 2, 3, 4, 5] as const; // 3 on average: 24,000 events in all

describe('the PostgreSQL global log under concurrent writers', () => {
  let db: Database;
  let slowCommits: Database;
  const schema = uniqueSchema('gap_safety');

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: WRITERS + 2 });
    slowCommits = {
      ...db,
      kind: db.kind,
      query: db.query.bind(db),
      exec: db.exec.bind(db),
      close: db.close.bind(db),
      transaction: (fn) =>
        db.transaction(async (tx) => {
          const result = await fn(tx);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
          return result;
        }),
    };
  });
  afterAll(async () => {
    await db.exec(`drop schema if exists "${schema}" cascade`);
    await db.close();
  });

  it('delivers every event exactly once, each stream in order, to a subscriber reading while they write', async () => {
    const store = await PostgresEventStore.create(slowCommits, schema);
    const seen: RecordedEvent[] = [];
    const subscription = new CatchUpSubscription(store, new InMemoryCheckpointStore(), {
      subscriptionId: 'gap-safety',
      batchSize: 200,
      idleMs: 1,
      handle: async (events) => {
        seen.push(...events);
      },
    });
    await subscription.start();

    let written = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let i = 0; i < APPENDS_PER_WRITER; i++) {
          const size = EVENTS_PER_APPEND[i % EVENTS_PER_APPEND.length] ?? 1;
          // Ten streams shared by all writers, so streams see interleaved writers as well.
          const streamId = `work-unit-${(writer * 7 + i) % 10}`;
          await store.appendToStream(
            streamId,
            Array.from({ length: size }, () => ({ event: { type: 'Counted', data: { writer, i } }, metadata: {} })),
            { expectedVersion: 'any' },
          );
          written += size;
        }
      }),
    );
    expect(written).toBeGreaterThanOrEqual(20_000);

    const deadline = Date.now() + 60_000;
    while (seen.length < written && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything extra (a duplicate) would show up here
    await subscription.stop();

    const stored = await db.query<{ count: string }>(`select count(*)::text as count from "${schema}".events`);
    expect(Number(stored[0]?.count)).toBe(written);
    expect(seen).toHaveLength(written);
    expect(new Set(seen.map((event) => event.eventId)).size).toBe(written);
    const lastPosition = new Map<string, number>();
    for (const event of seen) {
      expect(event.streamPosition).toBe((lastPosition.get(event.streamId) ?? 0) + 1);
      lastPosition.set(event.streamId, event.streamPosition);
    }
  });
});
