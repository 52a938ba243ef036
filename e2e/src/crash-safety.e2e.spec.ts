import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { openDatabase, type Database } from '@quadrant/database';
import { testDatabaseUrl, testKafkaBrokers, uniqueSchema } from '@quadrant/testing';
import { freePort, ServiceProcess } from '@quadrant/platform';
import { seededRandom } from './support/seeded-random';

/**
 * DESIGN.md, second trap: the production service (whose relay publishes to Kafka) and the gateway (whose
 * consumer projects from Kafka) are killed with SIGKILL at random moments while commands stream in. After
 * they restart, Kafka must hold every event (duplicates on the wire allowed) and the projection must have
 * applied each event exactly once.
 */
const WORK_UNITS = 8;
const MIN_CHANGES_PER_UNIT = 60;
const KILLS_EACH = 3;
const STATES = ['Running', 'Idle', 'Setup', 'Down', 'Running', 'PlannedDowntime'] as const;

describe('crash safety: relay and consumer killed mid-stream', () => {
  const prefix = `${uniqueSchema('e2e')}_`;
  const seed = Number(process.env['CHAOS_SEED'] ?? Date.now() % 1_000_000);
  const random = seededRandom(seed);
  let db: Database;
  let production: ServiceProcess;
  let gateway: ServiceProcess;

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 2 });
    const env = { DATABASE_URL: testDatabaseUrl(), KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_NAMESPACE: `${prefix}.`, QUADRANT_SCHEMA_PREFIX: prefix };
    production = new ServiceProcess('production', 'dist/services/production/src/main.js', await freePort(), env);
    await production.start();
    gateway = new ServiceProcess('gateway', 'dist/services/gateway/src/main.js', await freePort(), { ...env, PRODUCTION_URL: production.url });
    await gateway.start();
  });

  afterAll(async () => {
    await gateway?.stop();
    await production?.stop();
    for (const schema of ['production', 'gateway']) await db.exec(`drop schema if exists "${prefix}${schema}" cascade`);
    await db.close();
  });

  /** Sends until the service answers; a retry carries the same idempotency key, so it appends at most once. */
  async function send(path: string, body: unknown, idempotencyKey: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${production.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(body),
        });
        if (response.ok) return;
        if (response.status < 500) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      } catch (error) {
        if (error instanceof Error && error.message.includes('answered')) throw error;
      }
      if (attempt > 600) throw new Error(`${path} never succeeded`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it(`loses and duplicates nothing (chaos seed printed in the test log)`, async () => {
    console.log(`crash-safety chaos seed: ${seed} (set CHAOS_SEED to repeat)`);
    const units = Array.from({ length: WORK_UNITS }, (_, i) => `wu-${i}`);
    await send('/equipment', { equipmentId: 'ent', name: 'Enterprise', level: 'Enterprise' }, 'def-ent');
    await send('/equipment', { equipmentId: 'site', name: 'Site', level: 'Site', parentId: 'ent' }, 'def-site');
    await send('/equipment', { equipmentId: 'area', name: 'Area', level: 'Area', parentId: 'site' }, 'def-area');
    await send('/equipment', { equipmentId: 'line', name: 'Line', level: 'WorkCenter', parentId: 'area' }, 'def-line');
    for (const unit of units) await send('/equipment', { equipmentId: unit, name: unit, level: 'WorkUnit', parentId: 'line' }, `def-${unit}`);

    // Chaos alternates its victims at random moments; the load goes on until each was killed often enough.
    let loading = true;
    let chaosDone = false;
    const chaos = (async () => {
      for (let round = 0; loading; round++) {
        await new Promise((resolve) => setTimeout(resolve, 200 + random() * 800));
        if (!loading) break;
        const victim = round % 2 === 0 ? production : gateway;
        await victim.kill();
        await victim.start();
        if (production.kills >= KILLS_EACH && gateway.kills >= KILLS_EACH) chaosDone = true;
      }
    })();
    const start = Date.parse('2026-11-02T06:00:00.000Z');
    let commands = 0;
    await Promise.all(
      units.map(async (unit, u) => {
        for (let i = 0; i < MIN_CHANGES_PER_UNIT || !chaosDone; i++) {
          const state = STATES[i % STATES.length] ?? 'Running';
          const since = new Date(start + i * 60_000 + u).toISOString();
          await send(`/work-units/${unit}/state`, { state, since, ...(state === 'Down' ? { reasonCode: 'JAM' } : {}) }, `${unit}-${i}`);
          commands++;
        }
      }),
    );
    loading = false;
    await chaos;
    expect(production.kills).toBeGreaterThanOrEqual(KILLS_EACH);
    expect(gateway.kills).toBeGreaterThanOrEqual(KILLS_EACH);

    const stored = await db.query<{ event_id: string; type: string }>(`select event_id::text as event_id, event_type as type from "${prefix}production".events`);
    const stateChanges = stored.filter((event) => event.type === 'WorkUnitStateChanged');
    // Every command answered once changed its unit's state once: no event lost, none appended twice.
    expect(stateChanges).toHaveLength(commands);

    // The projection catches up after the last restart: one timeline row per event, none twice.
    const deadline = Date.now() + 120_000;
    let timeline: { event_id: string }[] = [];
    while (Date.now() < deadline) {
      timeline = await db.query(`select event_id from "${prefix}gateway".work_unit_state_timeline`);
      if (timeline.length >= stateChanges.length) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (timeline.length !== stateChanges.length) {
      const [relay] = await db.query(`select position from "${prefix}production".checkpoints`);
      console.log(`projection behind: relay checkpoint ${JSON.stringify(relay)}\ngateway log:\n${gateway.log.slice(-3000)}`);
    }
    expect(timeline).toHaveLength(stateChanges.length);
    expect(new Set(timeline.map((row) => row.event_id))).toEqual(new Set(stateChanges.map((event) => event.event_id)));

    // And the current state of each unit is the state of its last event.
    const statuses = await db.query<{ work_unit_id: string; state: string }>(`select work_unit_id, state from "${prefix}gateway".work_unit_status`);
    const lastStates = await db.query<{ stream_id: string; state: string }>(
      `select distinct on (stream_id) stream_id, data->>'state' as state from "${prefix}production".events
        where event_type = 'WorkUnitStateChanged' order by stream_id, stream_position desc`,
    );
    const expected = Object.fromEntries(lastStates.map((row) => [row.stream_id.replace('equipment-', ''), row.state]));
    expect(Object.fromEntries(statuses.filter((row) => units.includes(row.work_unit_id)).map((row) => [row.work_unit_id, row.state]))).toEqual(expected);

    // Kafka holds every event the store recorded, read by an independent client.
    const kafka = new Kafka({ clientId: 'crash-safety-reader', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    const reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
    const onTopic = new Set<string>();
    let messages = 0;
    await reader.connect();
    await reader.subscribe({ topic: `${prefix}.quadrant.production.events`, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        messages++;
        const id = message.headers?.['ce_id'];
        if (id) onTopic.add(String(id));
      },
    });
    const kafkaDeadline = Date.now() + 60_000;
    while (onTopic.size < stored.length && Date.now() < kafkaDeadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await reader.disconnect();
    expect(onTopic).toEqual(new Set(stored.map((event) => event.event_id)));
    console.log(
      `crash-safety: ${stored.length} events, ${messages} messages on Kafka (${messages - stored.length} duplicates), ` +
        `production killed ${production.kills}x, gateway killed ${gateway.kills}x`,
    );
  });
});
