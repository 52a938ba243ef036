import { CommandAlreadyHandledError, StreamVersionConflictError } from '../errors';
import type { DomainEvent, NewEvent } from '../events';
import type { EventStore } from '../event-store';

/**
 * The behaviour every EventStore adapter owes the kernel. Each adapter's spec calls this with a factory
 * that gives a fresh, empty store.
 */
export function eventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`${name} honours the EventStore contract`, () => {
    let store: EventStore;
    let prefix: string;
    const stream = (id: string): string => `${prefix}-${id}`;
    const made = (n: number, type = 'ThingHappened'): NewEvent<DomainEvent>[] =>
      Array.from({ length: n }, (_, i) => ({ event: { type, data: { n: i } }, metadata: { actor: 'contract', occurredAt: '2026-01-01T00:00:00.000Z' } }));

    beforeEach(async () => {
      store = await open();
      prefix = `contract${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    });
    afterEach(async () => {
      await store.close();
    });

    it('reads an unknown stream as empty at version 0', async () => {
      expect(await store.readStream(stream('none'))).toEqual({ version: 0, events: [] });
    });

    it('appends at the expected version and reads the events back in order with their metadata', async () => {
      const first = await store.appendToStream(stream('a'), made(2), { expectedVersion: 0 });
      expect(first.nextExpectedVersion).toBe(2);
      const second = await store.appendToStream(stream('a'), made(1, 'OtherThing'), { expectedVersion: 2 });
      expect(second.nextExpectedVersion).toBe(3);
      const read = await store.readStream(stream('a'));
      expect(read.version).toBe(3);
      expect(read.events.map((e) => [e.streamPosition, e.type, e.data])).toEqual([
        [1, 'ThingHappened', { n: 0 }],
        [2, 'ThingHappened', { n: 1 }],
        [3, 'OtherThing', { n: 0 }],
      ]);
      expect(read.events[0]?.metadata).toMatchObject({ actor: 'contract', occurredAt: '2026-01-01T00:00:00.000Z' });
      expect(new Set(read.events.map((e) => e.eventId)).size).toBe(3);
    });

    it('reads a stream from a version on', async () => {
      await store.appendToStream(stream('from'), made(5), { expectedVersion: 0 });
      const read = await store.readStream(stream('from'), { fromVersion: 4 });
      expect(read.version).toBe(5);
      expect(read.events.map((e) => e.streamPosition)).toEqual([4, 5]);
    });

    it('refuses an append at a stale version with the current version, and writes nothing', async () => {
      await store.appendToStream(stream('c'), made(2), { expectedVersion: 0 });
      await expect(store.appendToStream(stream('c'), made(1), { expectedVersion: 1 })).rejects.toMatchObject({
        constructor: StreamVersionConflictError,
        currentVersion: 2,
      });
      await expect(store.appendToStream(stream('c'), made(1), { expectedVersion: 0 })).rejects.toBeInstanceOf(StreamVersionConflictError);
      expect((await store.readStream(stream('c'))).version).toBe(2);
    });

    it('lets exactly one of two racing writers at the same version win', async () => {
      const results = await Promise.allSettled([
        store.appendToStream(stream('race'), made(1), { expectedVersion: 0 }),
        store.appendToStream(stream('race'), made(1), { expectedVersion: 0 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store.readStream(stream('race'))).version).toBe(1);
    });

    it('appends once for a command id sent twice, and answers the first result again', async () => {
      const first = await store.appendToStream(stream('idem'), made(2), { expectedVersion: 0, commandId: `${prefix}-cmd` });
      const again = await store.appendToStream(stream('idem'), made(2), { expectedVersion: 0, commandId: `${prefix}-cmd` });
      expect(first.replayed).toBe(false);
      expect(again.replayed).toBe(true);
      expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
      expect((await store.readStream(stream('idem'))).version).toBe(2);
      expect((await store.findCommand(`${prefix}-cmd`))?.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
      expect(await store.findCommand(`${prefix}-unknown`)).toBeUndefined();
    });

    it('records each command of a multi-command append with its own slice of the events', async () => {
      const commands = [
        { commandId: `${prefix}-m1`, eventCount: 1 },
        { commandId: `${prefix}-m2`, eventCount: 2 },
        { commandId: `${prefix}-m3`, eventCount: 1 },
      ];
      const result = await store.appendToStream(stream('multi'), made(4), { expectedVersion: 0, commands });
      expect(result.nextExpectedVersion).toBe(4);
      const ids = result.events.map((e) => e.eventId);
      const m2 = await store.findCommand(`${prefix}-m2`);
      expect(m2?.events.map((e) => e.eventId)).toEqual(ids.slice(1, 3));
      expect(m2?.nextExpectedVersion).toBe(3);
      expect((await store.findCommand(`${prefix}-m3`))?.events.map((e) => e.eventId)).toEqual(ids.slice(3));
      expect((await store.readStream(stream('multi'))).events.map((e) => e.eventId)).toEqual(ids);
    });

    it('writes nothing when a multi-command append names a command handled before, or one twice', async () => {
      await store.appendToStream(stream('seen'), made(1), { expectedVersion: 0, commandId: `${prefix}-s1` });
      const commands = [{ commandId: `${prefix}-s2`, eventCount: 1 }, { commandId: `${prefix}-s1`, eventCount: 1 }];
      await expect(store.appendToStream(stream('seen'), made(2), { expectedVersion: 1, commands })).rejects.toBeInstanceOf(CommandAlreadyHandledError);
      const twice = [{ commandId: `${prefix}-s3`, eventCount: 1 }, { commandId: `${prefix}-s3`, eventCount: 1 }];
      await expect(store.appendToStream(stream('seen'), made(2), { expectedVersion: 1, commands: twice })).rejects.toBeInstanceOf(CommandAlreadyHandledError);
      expect((await store.readStream(stream('seen'))).version).toBe(1);
      expect(await store.findCommand(`${prefix}-s2`)).toBeUndefined();
      expect(await store.findCommand(`${prefix}-s3`)).toBeUndefined();
    });

    it('refuses a multi-command append at a stale version and records none of its commands', async () => {
      await store.appendToStream(stream('stale'), made(2), { expectedVersion: 0 });
      const commands = [{ commandId: `${prefix}-t1`, eventCount: 1 }];
      await expect(store.appendToStream(stream('stale'), made(1), { expectedVersion: 1, commands })).rejects.toBeInstanceOf(StreamVersionConflictError);
      expect(await store.findCommand(`${prefix}-t1`)).toBeUndefined();
    });

    it('serves the global log in order, from any position on', async () => {
      await store.appendToStream(stream('g1'), made(2), { expectedVersion: 0 });
      await store.appendToStream(stream('g2'), made(1), { expectedVersion: 0 });
      await store.appendToStream(stream('g1'), made(1), { expectedVersion: 2 });
      const all = (await readWholeLog(store)).filter((e) => e.streamId.startsWith(prefix));
      expect(all.map((e) => `${e.streamId.slice(prefix.length + 1)}@${e.streamPosition}`)).toEqual(['g1@1', 'g1@2', 'g2@1', 'g1@3']);
      const second = all[1];
      if (!second) throw new Error('log too short');
      const rest = (await store.readAll({ after: second.logPosition, limit: 100 })).filter((e) => e.streamId.startsWith(prefix));
      expect(rest.map((e) => e.eventId)).toEqual(all.slice(2).map((e) => e.eventId));
    });
  });
}

async function readWholeLog(store: EventStore): Promise<Awaited<ReturnType<EventStore['readAll']>>> {
  const all: Awaited<ReturnType<EventStore['readAll']>> = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1]?.logPosition;
  }
}
