import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { openDatabase, type Database } from '@quadrant/database';
import { InMemoryCheckpointStore, InMemoryEventStore, type RecordedEvent } from '@quadrant/event-sourcing';
import { testDatabaseUrl, testKafkaBrokers, uniqueSchema } from '@quadrant/testing';
import { InboxConsumer } from '../inbox/inbox-consumer';
import { EventRelay, toOutgoingMessage } from '../relay/event-relay';
import { KafkaTransport } from './kafka-transport';

/** The relay and the inbox consumer against a real Kafka broker and a real PostgreSQL. */
describe('messaging on Kafka', () => {
  const namespace = `${uniqueSchema('t')}.`;
  const schema = uniqueSchema('inbox');
  let transport: KafkaTransport;
  let db: Database;
  const raw = new Kafka({ clientId: 'quadrant-test-reader', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });

  beforeAll(async () => {
    transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: 'quadrant-test', namespace, partitions: 3 });
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
  });
  afterAll(async () => {
    await transport.close();
    await db.exec(`drop schema if exists "${schema}" cascade`);
    await db.close();
  });

  /** Everything on a topic, read by an independent client from the beginning. */
  async function readTopic(topic: string, expected: number): Promise<{ key: string; value: string; headers: Record<string, string> }[]> {
    const consumer = raw.consumer({ groupId: `reader-${randomUUID()}` });
    const seen: { key: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${namespace}${topic}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        seen.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
      },
    });
    const deadline = Date.now() + 30_000;
    while (seen.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await consumer.disconnect();
    return seen;
  }

  it('relays the store to the domain topic: key = stream id, CloudEvents headers, data as the value', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream(
      'equipment-press-1',
      [
        {
          event: { type: 'WorkUnitStateChanged', data: { workUnitId: 'press-1', state: 'Running', previousState: 'Unknown', since: '2026-11-02T06:00:00.000Z', path: ['acme', 'press-1'] } },
          metadata: { occurredAt: '2026-11-02T06:00:00.000Z', correlationId: 'corr-1', actor: 'operator-7', scope: { enterprise: 'acme', site: 'lyon' } },
        },
      ],
      { expectedVersion: 'any' },
    );
    const relay = new EventRelay({ domain: 'production', store, checkpoints: new InMemoryCheckpointStore(), transport });
    await relay.start();
    const [message] = await readTopic('quadrant.production.events', 1);
    await relay.stop();
    expect(message?.key).toBe('equipment-press-1');
    expect(JSON.parse(message?.value ?? '{}')).toMatchObject({ workUnitId: 'press-1', state: 'Running' });
    expect(message?.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'org.quadrant.production.WorkUnitStateChanged.v1',
      ce_source: '/quadrant/production',
      ce_subject: 'equipment-press-1',
      ce_time: '2026-11-02T06:00:00.000Z',
      ce_correlationid: 'corr-1',
      ce_actor: 'operator-7',
      ce_isa95site: 'lyon',
      ce_streamposition: '1',
    });
  });

  function stateChanged(eventId: string, workUnitId: string): RecordedEvent {
    return {
      eventId,
      streamId: `equipment-${workUnitId}`,
      streamPosition: 1,
      logPosition: '1',
      type: 'WorkUnitStateChanged',
      data: { workUnitId, state: 'Idle', previousState: 'Unknown', since: '2026-11-02T06:00:00.000Z', path: [workUnitId] },
      metadata: {},
      recordedAt: '2026-11-02T06:00:00.000Z',
    };
  }

  it('applies a redelivered event once, and dead-letters one that keeps failing with its error', async () => {
    await db.exec(`create schema if not exists "${schema}"; create table "${schema}".effects (event_id text, work_unit text)`);
    const consumer = new InboxConsumer({
      transport,
      db,
      schema,
      groupId: 'effects',
      topics: ['quadrant.production.events.inbox-test'],
      maxAttempts: 3,
      retryDelayMs: 10,
      handle: async (event, tx) => {
        const data = event.data as { workUnitId: string };
        if (data.workUnitId === 'poison') throw new Error('cannot project a poison pill');
        await tx.query(`insert into "${schema}".effects values ($1, $2)`, [event.id, data.workUnitId]);
      },
    });
    await consumer.start();
    const good = toOutgoingMessage('production', stateChanged(randomUUID(), 'press-2'));
    const poison = toOutgoingMessage('production', stateChanged(randomUUID(), 'poison'));
    await transport.publish('quadrant.production.events.inbox-test', [good, good, poison, good]);

    const dead = await readTopic('quadrant.production.events.inbox-test.dlq', 1);
    const deadline = Date.now() + 30_000;
    let effects: { event_id: string }[] = [];
    while (Date.now() < deadline) {
      effects = await db.query(`select event_id from "${schema}".effects`);
      const checkpoint = await db.query<{ next_offset: string }>(`select next_offset from "${schema}".consumer_checkpoints where group_id = 'effects'`);
      if (checkpoint.some((row) => Number(row.next_offset) > 0) && effects.length > 0 && dead.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await consumer.stop();

    expect(effects.map((row) => row.event_id)).toEqual([good.headers['ce_id']]);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.value).toBe(poison.value);
    expect(dead[0]?.headers['ce_id']).toBe(poison.headers['ce_id']);
    expect(dead[0]?.headers['x-quadrant-error']).toContain('cannot project a poison pill');
    expect(dead[0]?.headers['x-quadrant-attempts']).toBe('3');
    // Both count as handled: the last position of each stream; the inbox records the dead-lettered one.
    const streams = await db.query<{ stream_id: string; stream_position: number }>(`select stream_id, stream_position from "${schema}".inbox_streams order by stream_id`);
    expect(streams).toEqual([
      { stream_id: 'equipment-poison', stream_position: 1 },
      { stream_id: 'equipment-press-2', stream_position: 1 },
    ]);
    const inbox = await db.query<{ event_id: string; dead_lettered: boolean }>(`select event_id, dead_lettered from "${schema}".inbox`);
    expect(inbox).toEqual([{ event_id: poison.headers['ce_id'], dead_lettered: true }]);
  });
});
