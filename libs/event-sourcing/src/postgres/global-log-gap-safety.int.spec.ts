import { openDatabase, type Database, type SqlClient } from '@quadrant/database';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { StreamVersionConflictError } from '../errors';
import type { RecordedEvent } from '../events';
import { CatchUpSubscription } from '../subscriptions/catch-up-subscription';
import { InMemoryCheckpointStore } from '../subscriptions/checkpoint-store';
import { PostgresEventStore } from './postgres-event-store';

/**
 * DESIGN.md, first trap: a sequence number taken by transaction A can commit after B's larger one. Each
 * writer here appends in a transaction it holds open for a random moment after inserting, so commits land
 * out of sequence order all the time, while a subscriber reads the global log concurrently. It must see
 * every event exactly once, and every stream in order.
 */
const WRITERS = 8;
const APPENDS_PER_WRITER = 1000;
const EVENTS_PER_APPEND = [1, 2, 3, 4, 5] as const; // 3 on average: 24,000 events in all

describe('the PostgreSQL global log under concurrent writers', () => {
  let db: Database;
  const schema = uniqueSchema('gap_safety');

  /** The store on one open transaction, as a caller that appends inside its own transaction has it. */
  const storeIn = (tx: SqlClient): PostgresEventStore =>
    new PostgresEventStore({ ...db, kind: db.kind, query: tx.query.bind(tx), transaction: db.transaction.bind(db), exec: db.exec.bind(db), close: db.close.bind(db) }, schema);
  const counted = (count: number, writer: number) =>
    Array.from({ length: count }, (_, i) => ({ event: { type: 'Counted', data: { writer, i } }, metadata: {} }));

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: WRITERS + 4 });
  });
  afterAll(async () => {
    await db.exec(`drop schema if exists "${schema}" cascade`);
    await db.close();
  });

  it('delivers every event exactly once, each stream in order, to a subscriber reading while they write', async () => {
    const store = await PostgresEventStore.create(db, schema);
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
    let conflicts = 0;
    try {
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          for (let i = 0; i < APPENDS_PER_WRITER; i++) {
            const size = EVENTS_PER_APPEND[i % EVENTS_PER_APPEND.length] ?? 1;
            // Ten streams shared by all writers, so streams see interleaved writers as well.
            const streamId = `work-unit-${(writer * 7 + i) % 10}`;
            for (;;) {
              try {
                await db.transaction(async (tx) => {
                  await storeIn(tx).appendToStream(streamId, counted(size, writer), { expectedVersion: 'any' });
                  await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
                });
                break;
              } catch (error) {
                // A newer transaction wrote the stream first: this one rolled back, and goes again.
                if (!(error instanceof StreamVersionConflictError)) throw error;
                conflicts++;
              }
            }
            written += size;
          }
        }),
      );
      const deadline = Date.now() + 60_000;
      while (seen.length < written && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 200)); // anything extra (a duplicate) would show up here
    } finally {
      await subscription.stop();
    }

    expect(written).toBeGreaterThanOrEqual(20_000);
    // Writers met a newer transaction on their stream: the refusal the stream order depends on was exercised.
    expect(conflicts).toBeGreaterThan(0);
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

  it('refuses a stream to a transaction older than the one that wrote it last, which would read behind it', async () => {
    const store = await PostgresEventStore.create(db, schema);
    const streamId = 'work-unit-older-transaction';
    await store.appendToStream(streamId, counted(1, 0), { expectedVersion: 0 });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('select pg_current_xact_id()'); // this transaction's id is taken now
        await store.appendToStream(streamId, counted(1, 1), { expectedVersion: 1 }); // a newer transaction
        await storeIn(tx).appendToStream(streamId, counted(1, 2), { expectedVersion: 2 });
      }),
    ).rejects.toBeInstanceOf(StreamVersionConflictError);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('select pg_current_xact_id()');
        await store.appendToStream(streamId, counted(1, 3), { expectedVersion: 'any' });
        await storeIn(tx).appendToStream(streamId, counted(1, 4), { expectedVersion: 'any' });
      }),
    ).rejects.toBeInstanceOf(StreamVersionConflictError);

    const { events } = await store.readStream(streamId);
    expect(events.map((event) => event.data)).toEqual([{ writer: 0, i: 0 }, { writer: 1, i: 0 }, { writer: 3, i: 0 }]);
  });

  it('refuses an any append that waited for a newer transaction on the stream, and takes it when tried anew', async () => {
    const store = await PostgresEventStore.create(db, schema);
    const streamId = 'work-unit-lock-wait';
    const log = async () => (await store.readAll({ limit: 100_000 })).filter((event) => event.streamId === streamId);
    let releaseNewer = (): void => undefined;
    const newerHolds = new Promise<void>((resolve) => (releaseNewer = resolve));
    let newerWrote = (): void => undefined;
    const newerHasLock = new Promise<void>((resolve) => (newerWrote = resolve));

    const older = db.transaction(async (tx) => {
      await tx.query('select pg_current_xact_id()');
      const newer = db.transaction(async (newerTx) => {
        await storeIn(newerTx).appendToStream(streamId, counted(2, 1), { expectedVersion: 'any' });
        newerWrote();
        await newerHolds;
      });
      await newerHasLock;
      const waiting = storeIn(tx).appendToStream(streamId, counted(1, 0), { expectedVersion: 'any' });
      await new Promise((resolve) => setTimeout(resolve, 100)); // the older one now waits for the row lock
      releaseNewer();
      await newer;
      await waiting;
    });
    await expect(older).rejects.toBeInstanceOf(StreamVersionConflictError);
    await store.appendToStream(streamId, counted(1, 0), { expectedVersion: 'any' });

    expect((await log()).map((event) => [event.streamPosition, (event.data as { writer: number }).writer])).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
    ]);
  });
});
