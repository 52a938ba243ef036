import { openDatabase, type Database } from '@quadrant/database';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { toOutgoingMessage } from '../relay/event-relay';
import type { IncomingMessage, MessageTransport, SubscribeOptions } from '../transport';
import { InboxConsumer } from './inbox-consumer';

/** A transport that hands deliveries over when the test says so, as Kafka does: one partition after another. */
class HandOverTransport implements MessageTransport {
  handle: SubscribeOptions['handle'] | undefined;
  async publish(): Promise<void> {
    return;
  }
  async subscribe(options: SubscribeOptions): Promise<{ stop(): Promise<void> }> {
    this.handle = options.handle;
    return { stop: async () => undefined };
  }
  async ensureTopics(): Promise<void> {
    return;
  }
  async close(): Promise<void> {
    return;
  }
}

function delivery(partition: number, offset: number, count = 1): IncomingMessage[] {
  return Array.from({ length: count }, (_, i) => message(partition, offset + i));
}

function message(partition: number, offset: number): IncomingMessage {
  const outgoing = toOutgoingMessage('production', {
    eventId: `019a5c1e-0000-7000-8000-${String(partition * 1000 + offset).padStart(12, '0')}`,
    streamId: `equipment-unit-${partition}`,
    streamPosition: offset + 1,
    logPosition: '0',
    type: 'WorkUnitStateChanged',
    data: { workUnitId: `unit-${partition}`, state: 'Idle', previousState: 'Running', since: '2026-11-02T06:00:00.000Z', path: [`unit-${partition}`] },
    metadata: {},
    recordedAt: '2026-11-02T06:00:00.000Z',
  });
  return { ...outgoing, topic: 'quadrant.production.events', partition, offset: String(offset) };
}

describe('InboxConsumer minDeliveryIntervalMs', () => {
  const schema = uniqueSchema('inbox_pace');
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 2 });
  });
  afterAll(async () => {
    await db.exec(`drop schema if exists "${schema}" cascade`);
    await db.close();
  });

  it('paces each partition on its own: the other partitions are not held back, the same partition waits', async () => {
    const transport = new HandOverTransport();
    const applied: number[] = [];
    const consumer = new InboxConsumer({
      transport,
      db,
      schema,
      groupId: 'paced',
      topics: ['quadrant.production.events'],
      minDeliveryIntervalMs: 600,
      handle: async (event) => {
        applied.push(event.streamposition);
      },
    });
    await consumer.start();
    const handle = transport.handle;
    if (!handle) throw new Error('the consumer did not subscribe');
    const started = Date.now();
    for (const partition of [0, 1, 2]) await handle(delivery(partition, 0));
    const firstRound = Date.now() - started;
    await handle(delivery(0, 1));
    const secondOfPartition0 = Date.now() - started;
    await consumer.stop();
    expect(applied).toEqual([1, 1, 1, 2]);
    // Three partitions' first deliveries: no wait at all (a wait after each would have taken 1.8 s).
    expect(firstRound).toBeLessThan(600);
    // Partition 0 again: not before 600 ms after its first delivery started.
    expect(secondOfPartition0).toBeGreaterThanOrEqual(590);
  });

  it('does not hold back a partition that is behind: one whose last delivery was full', async () => {
    const transport = new HandOverTransport();
    const consumer = new InboxConsumer({
      transport,
      db,
      schema,
      groupId: 'paced-behind',
      topics: ['quadrant.production.events'],
      minDeliveryIntervalMs: 600,
      transactionChunk: 2,
      handle: async () => undefined,
    });
    await consumer.start();
    const handle = transport.handle;
    if (!handle) throw new Error('the consumer did not subscribe');
    const started = Date.now();
    await handle(delivery(0, 10, 2));
    await handle(delivery(0, 12, 1));
    const afterFull = Date.now() - started;
    await handle(delivery(0, 13, 1));
    const afterPartial = Date.now() - started;
    await consumer.stop();
    expect(afterFull).toBeLessThan(600);
    expect(afterPartial - afterFull).toBeGreaterThanOrEqual(550);
  });
});
