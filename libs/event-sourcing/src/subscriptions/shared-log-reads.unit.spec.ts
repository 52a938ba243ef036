import type { RecordedEvent } from '../events';
import type { ReadAllOptions } from '../event-store';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { SharedLogReads } from './shared-log-reads';

/** The in-memory store, counting the reads of the global log. */
class CountingStore extends InMemoryEventStore {
  reads = 0;
  override async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.reads++;
    return super.readAll(options);
  }
}

async function storeWith(count: number): Promise<CountingStore> {
  const store = new CountingStore();
  for (let i = 0; i < count; i++) {
    await store.appendToStream(`s-${i % 3}`, [{ event: { type: 'Happened', data: { i } }, metadata: {} }], { expectedVersion: 'any' });
  }
  return store;
}

const numbers = (events: readonly RecordedEvent[]): unknown[] => events.map((event) => (event.data as { i: number }).i);

describe('SharedLogReads: one read of the global log for several subscribers', () => {
  it('given one subscriber read a stretch, when another reads from the same place or inside it, then the store is not read again', async () => {
    const store = await storeWith(10);
    const shared = new SharedLogReads(store);
    const first = await shared.readAll({ limit: 6 });
    expect(numbers(first)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(numbers(await shared.readAll({ limit: 6 }))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(numbers(await shared.readAll({ after: first[2]?.logPosition, limit: 2 }))).toEqual([3, 4]);
    expect(store.reads).toBe(1);
  });

  it('given a stretch kept, when a read starts at its end, then the store is read and the stretch grows', async () => {
    const store = await storeWith(10);
    const shared = new SharedLogReads(store);
    const first = await shared.readAll({ limit: 4 });
    const second = await shared.readAll({ after: first[3]?.logPosition, limit: 4 });
    expect(numbers(second)).toEqual([4, 5, 6, 7]);
    expect(numbers(await shared.readAll({ after: first[1]?.logPosition, limit: 10 }))).toEqual([2, 3, 4, 5, 6, 7]);
    expect(store.reads).toBe(2);
  });

  it('given two subscribers woken together, when both read from the same place at once, then the store is read once', async () => {
    const store = await storeWith(5);
    const shared = new SharedLogReads(store);
    const [a, b] = await Promise.all([shared.readAll({ limit: 5 }), shared.readAll({ limit: 3 })]);
    expect(numbers(a)).toEqual([0, 1, 2, 3, 4]);
    expect(numbers(b)).toEqual([0, 1, 2]);
    expect(store.reads).toBe(1);
  });

  it('given the log has grown since, when a read starts at the end of what is kept, then it sees the new events', async () => {
    const store = await storeWith(3);
    const shared = new SharedLogReads(store);
    const first = await shared.readAll({ limit: 10 });
    await store.appendToStream('s-9', [{ event: { type: 'Happened', data: { i: 3 } }, metadata: {} }], { expectedVersion: 'any' });
    expect(numbers(await shared.readAll({ after: first[2]?.logPosition, limit: 10 }))).toEqual([3]);
    expect(numbers(await shared.readAll({ after: first[2]?.logPosition, limit: 10 }))).toEqual([3]);
  });

  it('answers any sequence of reads with the start of what the store would answer, never nothing while it has more; with a small capacity', async () => {
    const store = await storeWith(60);
    const shared = new SharedLogReads(store, 7);
    const all = await store.readAll({ limit: 100 });
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 400; i++) {
      const start = random(62) - 1; // -1: from the beginning
      const limit = 1 + random(10);
      const after = start < 0 ? undefined : all[start]?.logPosition;
      const expected = await store.readAll({ ...(after === undefined ? {} : { after }), limit });
      const answer = await shared.readAll({ ...(after === undefined ? {} : { after }), limit });
      expect(answer).toEqual(expected.slice(0, answer.length));
      expect(answer.length > 0).toBe(expected.length > 0);
    }
  });
});
