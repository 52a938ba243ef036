import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '@quadrant/database';
import { PostgresEventStore } from '@quadrant/event-sourcing';
import { freePort, ServiceProcess } from '@quadrant/platform';
import type { SuiteOptions } from './options';
import { percentile } from './store/stats';

/**
 * End to end, as in full mode: commands over HTTP to the production service (its own process), its event
 * store on PostgreSQL, its relay to Kafka, the gateway (its own process) consuming into its projections.
 * Latency is per event, from the moment the client sent the command to the moment the gateway's
 * projection committed it (`work_unit_state_timeline.projected_at`, same machine, same clock).
 */
const WORK_UNITS = 50;
const STATES = ['Running', 'Idle', 'Setup', 'Running', 'Down', 'PlannedDowntime'] as const;

interface Sent {
  eventId: string;
  sentAt: number;
}

interface PhaseResult {
  phase: string;
  offeredPerSecond: number | null;
  commands: number;
  seconds: number;
  commandsPerSecond: number;
  projectedPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  httpP50Ms: number;
  httpP99Ms: number;
}


export async function runE2eBench(options: SuiteOptions): Promise<PhaseResult[]> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('the e2e benchmark needs Kafka: bash deploy/kafka/kafka.sh start, then KAFKA_BROKERS=127.0.0.1:9092');
  const prefix = `bench_${Date.now().toString(36)}_`;
  const env = { DATABASE_URL: options.databaseUrl, KAFKA_BROKERS: brokers, KAFKA_NAMESPACE: `${prefix}.`, QUADRANT_SCHEMA_PREFIX: prefix };
  const production = new ServiceProcess('production', 'dist/services/production/src/main.js', await freePort(), env);
  await production.start();
  const gateway = new ServiceProcess('gateway', 'dist/services/gateway/src/main.js', await freePort(), { ...env, PRODUCTION_URL: production.url });
  await gateway.start();
  const db = await openDatabase(options.databaseUrl, { max: 2 });
  const results: PhaseResult[] = [];
  try {
    const units = await defineHierarchy(production.url);
    const clock = { next: Date.parse('2026-01-01T00:00:00Z') };
    const since = (): string => new Date((clock.next += 1000)).toISOString();

    await drive(production.url, units, since, options.warmupSeconds, null);
    await waitForProjection(db, prefix);
    results.push(await phase(db, prefix, 'saturation (64 clients, as fast as they go)', production.url, units, since, options.durationSeconds, null));
    results.push(await phase(db, prefix, 'paced at 1,000 commands/s', production.url, units, since, options.durationSeconds, 1000));
    results.push(await phase(db, prefix, 'paced at 300 commands/s', production.url, units, since, options.durationSeconds, 300));
    results.push(await batchPhase(db, prefix, production.url, units, since, options.durationSeconds, null));
    results.push(await batchPhase(db, prefix, production.url, units, since, options.durationSeconds, 5000));
    results.push(await pipelinePhase(db, options.databaseUrl, prefix, units, since, options.durationSeconds));
  } finally {
    await gateway.stop();
    await production.stop();
    for (const schema of ['production', 'gateway']) await db.exec(`drop schema if exists "${prefix}${schema}" cascade`);
    await db.close();
  }
  print(results);
  mkdirSync(join('bench', 'results'), { recursive: true });
  const file = join('bench', 'results', `e2e-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine: { cores: 2 }, results }, null, 2));
  console.log(`written to ${file}`);
  return results;
}

async function post(url: string, body: unknown): Promise<{ eventIds: string[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as { events?: { eventId: string }[]; message?: string };
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${answer.message ?? ''}`);
  return { eventIds: (answer.events ?? []).map((event) => event.eventId) };
}

async function defineHierarchy(productionUrl: string): Promise<string[]> {
  const define = (equipmentId: string, level: string, parentId?: string): Promise<unknown> =>
    post(`${productionUrl}/equipment`, { equipmentId, name: equipmentId, level, ...(parentId ? { parentId } : {}) });
  await define('bench', 'Enterprise');
  await define('bench-site', 'Site', 'bench');
  await define('bench-area', 'Area', 'bench-site');
  await define('bench-line', 'WorkCenter', 'bench-area');
  const units = Array.from({ length: WORK_UNITS }, (_, i) => `bench-wu-${i}`);
  for (const unit of units) await define(unit, 'WorkUnit', 'bench-line');
  return units;
}

/**
 * 64 clients send state changes for `seconds`; `perSecond` paces them, null lets them go flat out. Each
 * unit is driven by one client at a time, so its source timestamps only grow.
 */
async function drive(
  productionUrl: string,
  units: string[],
  since: () => string,
  seconds: number,
  perSecond: number | null,
): Promise<{ sent: Sent[]; httpMs: number[] }> {
  const sent: Sent[] = [];
  const httpMs: number[] = [];
  const started = Date.now();
  const end = started + seconds * 1000;
  const clients = 64;
  let issued = 0;
  const stateOf = new Map<string, number>();
  const free = [...units];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        if (perSecond !== null) {
          const due = started + (issued * 1000) / perSecond;
          issued++;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        }
        const unit = free.shift();
        if (!unit) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        const n = (stateOf.get(unit) ?? 0) + 1;
        stateOf.set(unit, n);
        const state = STATES[n % STATES.length] ?? 'Running';
        const sentAt = Date.now();
        const { eventIds } = await post(`${productionUrl}/work-units/${unit}/state`, { state, since: since(), ...(state === 'Down' ? { reasonCode: 'BENCH' } : {}) });
        httpMs.push(Date.now() - sentAt);
        for (const eventId of eventIds) sent.push({ eventId, sentAt });
        free.push(unit);
      }
    }),
  );
  return { sent, httpMs };
}

async function waitForProjection(db: Database, prefix: string, eventIds?: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = await db.query<{ projected: string; stored: string }>(
      `select (select count(*) from "${prefix}gateway".work_unit_state_timeline)::text as projected,
              (select count(*) from "${prefix}production".events where event_type = 'WorkUnitStateChanged')::text as stored`,
    );
    if (row && row.projected === row.stored && (!eventIds || Number(row.projected) >= eventIds.length)) return;
    if (Date.now() > deadline) throw new Error(`the projection did not catch up: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function phase(
  db: Database,
  prefix: string,
  name: string,
  productionUrl: string,
  units: string[],
  since: () => string,
  seconds: number,
  perSecond: number | null,
): Promise<PhaseResult> {
  const started = Date.now();
  const { sent, httpMs } = await drive(productionUrl, units, since, seconds, perSecond);
  const sentSeconds = (Date.now() - started) / 1000;
  await waitForProjection(db, prefix, sent.map((item) => item.eventId));
  return summarise(db, prefix, name, perSecond, sent, httpMs, started, sentSeconds);
}

async function summarise(
  db: Database,
  prefix: string,
  name: string,
  perSecond: number | null,
  sent: Sent[],
  httpMs: number[],
  started: number,
  sentSeconds: number,
): Promise<PhaseResult> {
  const projected = await db.query<{ event_id: string; projected_ms: string }>(
    `select event_id, (extract(epoch from projected_at) * 1000)::bigint::text as projected_ms
       from "${prefix}gateway".work_unit_state_timeline where event_id = any($1::text[])`,
    [sent.map((item) => item.eventId)],
  );
  const projectedAt = new Map(projected.map((row) => [row.event_id, Number(row.projected_ms)]));
  const latencies = sent.map((item) => (projectedAt.get(item.eventId) ?? NaN) - item.sentAt).sort((a, b) => a - b);
  const lastProjected = projected.reduce((latest, row) => Math.max(latest, Number(row.projected_ms)), 0);
  const http = httpMs.sort((a, b) => a - b);
  return {
    phase: name,
    offeredPerSecond: perSecond,
    commands: sent.length,
    seconds: sentSeconds,
    commandsPerSecond: sent.length / sentSeconds,
    projectedPerSecond: sent.length / ((lastProjected - started) / 1000),
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: latencies[latencies.length - 1] ?? NaN,
    httpP50Ms: percentile(http, 50),
    httpP99Ms: percentile(http, 99),
  };
}

/**
 * Machine data in batches (`POST /work-units/state-changes`): 16 clients, each driving its own work units,
 * 48 state changes a request; as fast as they go, or paced so that together they offer `perSecond`.
 */
async function batchPhase(
  db: Database,
  prefix: string,
  productionUrl: string,
  units: string[],
  since: () => string,
  seconds: number,
  perSecond: number | null,
): Promise<PhaseResult> {
  const clients = 16;
  const batchSize = 48;
  // Each client's batches are due at fixed times; a late one is sent at once (no catching up in bursts).
  const intervalMs = perSecond ? (batchSize * clients * 1000) / perSecond : 0;
  const sent: Sent[] = [];
  const httpMs: number[] = [];
  const started = Date.now();
  const end = started + seconds * 1000;
  // Unique across phases: a message id seen before would be answered as a replay.
  const batchRun = `${perSecond ?? 'max'}-${started}`;
  let messageId = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const mine = units.filter((_, index) => index % clients === client);
      const count = new Map<string, number>();
      let due = started + (intervalMs * client) / clients;
      while (Date.now() < end) {
        if (intervalMs > 0) {
          const wait = due - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          due = Math.max(due + intervalMs, Date.now());
        }
        const changes = Array.from({ length: batchSize }, (_, i) => {
          const workUnitId = mine[i % mine.length] ?? '';
          const n = (count.get(workUnitId) ?? 0) + 1;
          count.set(workUnitId, n);
          const state = STATES[n % STATES.length] ?? 'Running';
          return { messageId: `bench-${batchRun}-${messageId++}`, workUnitId, state, since: since(), ...(state === 'Down' ? { reasonCode: 'BENCH' } : {}) };
        });
        const sentAt = Date.now();
        const response = await fetch(`${productionUrl}/work-units/state-changes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ changes }),
        });
        const answer = (await response.json()) as { results?: { eventId?: string }[]; message?: string };
        if (!response.ok || !answer.results) throw new Error(`state-changes answered ${response.status}: ${answer.message ?? ''}`);
        httpMs.push(Date.now() - sentAt);
        for (const result of answer.results) if (result.eventId) sent.push({ eventId: result.eventId, sentAt });
      }
    }),
  );
  const sentSeconds = (Date.now() - started) / 1000;
  await waitForProjection(db, prefix, sent.map((item) => item.eventId));
  const name = `HTTP batches of ${batchSize} state changes, 16 clients, ${perSecond ? `paced at ${perSecond.toLocaleString('en')} events/s` : 'as fast as they go'}`;
  return summarise(db, prefix, name, perSecond, sent, httpMs, started, sentSeconds);
}

/**
 * The pipeline without the HTTP edge: 16 writers append 10-event batches straight into production's event
 * store (as its command handler would), and the running services relay and project them.
 */
async function pipelinePhase(db: Database, databaseUrl: string, prefix: string, units: string[], since: () => string, seconds: number): Promise<PhaseResult> {
  const writerDb = await openDatabase(databaseUrl, { max: 16 });
  const store = new PostgresEventStore(writerDb, `${prefix}production`);
  const lastState = new Map<string, { version: number; state: string }>();
  const sent: Sent[] = [];
  const started = Date.now();
  const end = started + seconds * 1000;
  const free = [...units];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (Date.now() < end) {
        const unit = free.shift();
        if (!unit) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        const streamId = `equipment-${unit}`;
        let last = lastState.get(unit);
        if (!last) {
          const { version, events } = await store.readStream(streamId);
          const data = events[events.length - 1]?.data as { state?: string } | undefined;
          last = { version, state: data?.state ?? 'Unknown' };
        }
        const path = ['bench', 'bench-site', 'bench-area', 'bench-line', unit];
        let previous = last.state;
        const batch = Array.from({ length: 10 }, (_, i) => {
          const state = i % 2 === 0 ? 'Running' : 'Idle';
          const data = { workUnitId: unit, state, previousState: previous, since: since(), path };
          previous = state;
          return { event: { type: 'WorkUnitStateChanged', data }, metadata: { actor: 'bench' } };
        });
        const result = await store.appendToStream(streamId, batch, { expectedVersion: last.version });
        lastState.set(unit, { version: result.nextExpectedVersion, state: previous });
        const appendedAt = Date.now();
        for (const event of result.events) sent.push({ eventId: event.eventId, sentAt: appendedAt });
        free.push(unit);
      }
    }),
  );
  await writerDb.close();
  const sentSeconds = (Date.now() - started) / 1000;
  await waitForProjection(db, prefix, sent.map((item) => item.eventId));
  return summarise(db, prefix, '16 writers append 10-event batches to the store directly (no HTTP)', null, sent, [], started, sentSeconds);
}

function print(results: PhaseResult[]): void {
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log('\nEnd to end: HTTP command -> production store -> relay -> Kafka -> gateway projection (2 cores, all on this machine)\n');
  console.log('| phase | commands | events/s accepted | events/s projected | p50 ms | p99 ms | max ms | HTTP p50 / p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.phase} | ${r.commands} | ${r.commandsPerSecond.toFixed(0)} | ${r.projectedPerSecond.toFixed(0)} | ${r.latencyP50Ms.toFixed(0)} | ${r.latencyP99Ms.toFixed(0)} | ${r.latencyMaxMs.toFixed(0)} | ${r.httpP50Ms} / ${r.httpP99Ms} |`,
    );
  }
  console.log(`\nbench client RSS ${rss} MiB. Targets: >= 5,000 events/s sustained; p99 < 250 ms at 1,000 events/s.`);
}
