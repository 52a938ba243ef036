import { openDatabase, PgLeaderLock, type Database } from '@quadrant/database';
import { PostgresCheckpointStore, PostgresEventStore } from '@quadrant/event-sourcing';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { InProcessTransport } from '../in-process/in-process-transport';
import { EventRelay } from './event-relay';

/** Two replicas of a service: one relays, the other stands by and takes over where the first stopped. */
describe('relay leadership among replicas', () => {
  const schema = uniqueSchema('relay_lead');
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
  });
  afterAll(async () => {
    await db.exec(`drop schema if exists "${schema}" cascade`);
    await db.close();
  });

  it('publishes each event from one replica only, and hands over on stop', async () => {
    const store = await PostgresEventStore.create(db, schema);
    const append = (n: number): Promise<unknown> =>
      store.appendToStream(
        'equipment-press-1',
        Array.from({ length: n }, () => ({
          event: { type: 'WorkUnitStateChanged', data: { workUnitId: 'press-1', state: 'Idle', previousState: 'Running', since: '2026-11-02T06:00:00.000Z', path: ['press-1'] } },
          metadata: {},
        })),
        { expectedVersion: 'any' },
      );
    const replicas = [0, 1].map(() => {
      const transport = new InProcessTransport();
      const received: string[] = [];
      let leading = false;
      const relay = new EventRelay({
        domain: 'production',
        store,
        checkpoints: new PostgresCheckpointStore(db, schema),
        transport,
        leaderLock: new PgLeaderLock(testDatabaseUrl()),
        leaderKey: `relay:${schema}`,
        onLeadership: (now) => (leading = now),
      });
      return { transport, received, relay, isLeading: () => leading };
    });
    for (const replica of replicas) {
      await replica.transport.subscribe({
        groupId: 'count',
        topics: ['quadrant.production.events'],
        handle: async (messages) => void replica.received.push(...messages.map((message) => message.headers['ce_id'] ?? '')),
      });
    }
    await append(3);
    for (const replica of replicas) await replica.relay.start();
    const until = async (done: () => boolean): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await until(() => replicas.some((replica) => replica.received.length === 3));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const leader = replicas.find((replica) => replica.isLeading());
    const standby = replicas.find((replica) => !replica.isLeading());
    expect(leader?.received).toHaveLength(3);
    expect(standby?.received).toHaveLength(0);

    await leader?.relay.stop();
    await append(2);
    await until(() => (standby?.received.length ?? 0) === 2);
    expect(standby?.isLeading()).toBe(true);
    expect(standby?.received).toHaveLength(2);
    expect(new Set([...(leader?.received ?? []), ...(standby?.received ?? [])]).size).toBe(5);
    await standby?.relay.stop();
  });
});
