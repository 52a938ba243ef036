import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '@quadrant/database';
import { PostgresEventStore } from '@quadrant/event-sourcing';
import { freePort, ServiceProcess } from '@quadrant/platform';
import type { SuiteOptions } from './options';
import { postJson } from './post-json';
import { microsecondsPerEvent, readCpu, stealTicks, type CpuGroups } from './proc-cpu';
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
  workUnitId: string;
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
  /** CPU spent per event during the phase (its catch-up included), by process group, in microseconds. */
  cpuMicrosecondsPerEvent?: CpuGroups;
  /** Share of the machine's time the hypervisor took back during the phase. */
  stealPercent?: number;
}


const PHASES = ['single', 'single1000', 'single300', 'batch', 'batch5000', 'batch1000', 'direct'] as const;
type Phase = (typeof PHASES)[number];

/** `BENCH_E2E_PHASES=batch,direct` runs only those phases, in that order; all of them by default. */
function phasesToRun(): Phase[] {
  const chosen = process.env['BENCH_E2E_PHASES'];
  if (!chosen) return [...PHASES];
  return chosen.split(',').map((name) => {
    const phase = PHASES.find((known) => known === name.trim());
    if (!phase) throw new Error(`BENCH_E2E_PHASES: unknown phase "${name}" (known: ${PHASES.join(', ')})`);
    return phase;
  });
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
  // The direct phase's writers; closed at the end, so that their connections' CPU is still counted then.
  const writers = await openDatabase(options.databaseUrl, { max: 16 });
  const results: PhaseResult[] = [];
  try {
    const units = await defineHierarchy(production.url);
    const clock = { next: Date.parse('2026-01-01T00:00:00Z') };
    const since = (): string => new Date((clock.next += 1000)).toISOString();

    const warmup = await drive(production.url, units, since, options.warmupSeconds, null);
    await waitForProjection(db, prefix, warmup.sent);
    const seconds = options.durationSeconds;
    const phases: Record<Phase, () => Promise<PhaseRun>> = {
      single: () => phase(db, prefix, 'saturation (64 clients, as fast as they go)', production.url, units, since, seconds, null),
      single1000: () => phase(db, prefix, 'paced at 1,000 commands/s', production.url, units, since, seconds, 1000),
      single300: () => phase(db, prefix, 'paced at 300 commands/s', production.url, units, since, seconds, 300),
      batch: () => batchPhase(db, prefix, production.url, units, since, seconds, null),
      batch5000: () => batchPhase(db, prefix, production.url, units, since, seconds, 5000),
      batch1000: () => batchPhase(db, prefix, production.url, units, since, seconds, 1000),
      direct: () => pipelinePhase(db, writers, prefix, units, since, seconds),
    };
    const services = new Map<number, string>();
    if (production.pid) services.set(production.pid, 'production');
    if (gateway.pid) services.set(gateway.pid, 'gateway');
    for (const name of phasesToRun()) {
      const cpuBefore = readCpu(services);
      const stealBefore = stealTicks();
      const run = await phases[name]();
      // Read once the projections caught up, before the bench reads the latencies back.
      const cpuAfter = readCpu(services);
      const stealAfter = stealTicks();
      const result = await run.summary();
      if (cpuBefore && cpuAfter) result.cpuMicrosecondsPerEvent = microsecondsPerEvent(cpuBefore, cpuAfter, result.commands);
      if (stealBefore && stealAfter) result.stealPercent = (100 * (stealAfter.steal - stealBefore.steal)) / Math.max(1, stealAfter.total - stealBefore.total);
      results.push(result);
    }
  } finally {
    await gateway.stop();
    await production.stop();
    for (const schema of ['production', 'gateway']) await db.exec(`drop schema if exists "${prefix}${schema}" cascade`);
    await writers.close();
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
  const response = await postJson<{ events?: { eventId: string }[]; message?: string }>(url, body);
  if (response.status >= 300) throw new Error(`${url} answered ${response.status}: ${response.body.message ?? ''}`);
  return { eventIds: (response.body.events ?? []).map((event) => event.eventId) };
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
 * The work units, each driven by one client at a time (so that its source timestamps only grow). A client
 * without a unit waits for one to come back, rather than polling every millisecond: with 64 clients and
 * 50 units, 14 of them polling took a share of the CPU from the services.
 */
class UnitPool {
  private readonly free: string[];
  private readonly waiting: ((unit: string) => void)[] = [];

  constructor(units: readonly string[]) {
    this.free = [...units];
  }

  take(): Promise<string> {
    const unit = this.free.shift();
    return unit === undefined ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve(unit);
  }

  give(unit: string): void {
    const next = this.waiting.shift();
    if (next) next(unit);
    else this.free.push(unit);
  }
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
  const pool = new UnitPool(units);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        if (perSecond !== null) {
          const due = started + (issued * 1000) / perSecond;
          issued++;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        }
        const unit = await pool.take();
        if (Date.now() >= end) {
          pool.give(unit);
          break;
        }
        const n = (stateOf.get(unit) ?? 0) + 1;
        stateOf.set(unit, n);
        const state = STATES[n % STATES.length] ?? 'Running';
        const sentAt = Date.now();
        const { eventIds } = await post(`${productionUrl}/work-units/${unit}/state`, { state, since: since(), ...(state === 'Down' ? { reasonCode: 'BENCH' } : {}) });
        httpMs.push(Date.now() - sentAt);
        for (const eventId of eventIds) sent.push({ eventId, workUnitId: unit, sentAt });
        pool.give(unit);
      }
    }),
  );
  return { sent, httpMs };
}

/** A phase run and caught up: what it sent, and its summary (latencies read back from the projection). */
interface PhaseRun {
  summary(): Promise<PhaseResult>;
}

/**
 * Waits until the last event sent for each work unit is projected, and until the KPI elements' consumer
 * group (which takes a batch at most every second) has taken everything the read models took, so that the
 * CPU of the phase includes its KPI work. A unit's events stay in order on one
 * partition and the projection applies a partition in order, so its earlier events are projected by then.
 * A few primary-key lookups every 100 ms: a count over the growing tables, 20 times a second, would take a
 * good share of PostgreSQL from the system under test.
 */
async function waitForProjection(db: Database, prefix: string, sent: Sent[]): Promise<void> {
  const lastOf = new Map<string, string>();
  for (const item of sent) lastOf.set(item.workUnitId, item.eventId);
  const last = [...lastOf.values()];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = await db.query<{ projected: number }>(
      `select count(*)::int as projected from "${prefix}gateway".work_unit_state_timeline where event_id = any($1::text[])`,
      [last],
    );
    if (row && row.projected === last.length) break;
    if (Date.now() > deadline) throw new Error(`the projection did not catch up: ${row?.projected ?? 0} of the ${last.length} last events`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The gateway's two consumer groups (PROJECTIONS_GROUP_ID and KPI_GROUP_ID) checkpoint each partition.
  for (;;) {
    const [behind] = await db.query<{ partitions: number }>(
      `select count(*)::int as partitions from "${prefix}gateway".consumer_checkpoints p
        left join "${prefix}gateway".consumer_checkpoints k on k.group_id = 'gateway-kpi-elements' and k.topic = p.topic and k.partition = p.partition
        where p.group_id = 'gateway-projections' and (k.next_offset is null or k.next_offset::numeric < p.next_offset::numeric)`,
    );
    if (behind?.partitions === 0) return;
    if (Date.now() > deadline) throw new Error(`the KPI elements did not catch up on ${behind?.partitions ?? '?'} partitions`);
    await new Promise((resolve) => setTimeout(resolve, 100));
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
): Promise<PhaseRun> {
  const started = Date.now();
  const { sent, httpMs } = await drive(productionUrl, units, since, seconds, perSecond);
  const sentSeconds = (Date.now() - started) / 1000;
  await waitForProjection(db, prefix, sent);
  return { summary: () => summarise(db, prefix, name, perSecond, sent, httpMs, started, sentSeconds) };
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
): Promise<PhaseRun> {
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
        const response = await postJson<{ results?: { eventId?: string }[]; message?: string }>(`${productionUrl}/work-units/state-changes`, { changes });
        const answer = response.body;
        if (response.status !== 200 || !answer.results) throw new Error(`state-changes answered ${response.status}: ${answer.message ?? ''}`);
        httpMs.push(Date.now() - sentAt);
        answer.results.forEach((result, i) => {
          if (result.eventId) sent.push({ eventId: result.eventId, workUnitId: changes[i]?.workUnitId ?? '', sentAt });
        });
      }
    }),
  );
  const sentSeconds = (Date.now() - started) / 1000;
  await waitForProjection(db, prefix, sent);
  const name = `HTTP batches of ${batchSize} state changes, 16 clients, ${perSecond ? `paced at ${perSecond.toLocaleString('en')} events/s` : 'as fast as they go'}`;
  return { summary: () => summarise(db, prefix, name, perSecond, sent, httpMs, started, sentSeconds) };
}

/**
 * The pipeline without the HTTP edge: 16 writers append 10-event batches straight into production's event
 * store (as its command handler would), and the running services relay and project them.
 */
async function pipelinePhase(db: Database, writerDb: Database, prefix: string, units: string[], since: () => string, seconds: number): Promise<PhaseRun> {
  const store = new PostgresEventStore(writerDb, `${prefix}production`);
  const lastState = new Map<string, { version: number; state: string }>();
  const sent: Sent[] = [];
  const started = Date.now();
  const end = started + seconds * 1000;
  const pool = new UnitPool(units);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (Date.now() < end) {
        const unit = await pool.take();
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
        for (const event of result.events) sent.push({ eventId: event.eventId, workUnitId: unit, sentAt: appendedAt });
        pool.give(unit);
      }
    }),
  );
  const sentSeconds = (Date.now() - started) / 1000;
  await waitForProjection(db, prefix, sent);
  return { summary: () => summarise(db, prefix, '16 writers append 10-event batches to the store directly (no HTTP)', null, sent, [], started, sentSeconds) };
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
  const groups = ['production', 'gateway', 'postgres', 'kafka', 'bench'];
  console.log('\nCPU per event, by process, in microseconds (the phase and its catch-up; bench = this load generator):\n');
  console.log(`| phase | ${groups.join(' | ')} | all | CPU steal |`);
  console.log(`| --- | ${groups.map(() => '---:').join(' | ')} | ---: | ---: |`);
  for (const r of results) {
    const cpu = r.cpuMicrosecondsPerEvent ?? {};
    const all = Object.values(cpu).reduce((sum, value) => sum + value, 0);
    console.log(`| ${r.phase} | ${groups.map((group) => cpu[group] ?? '—').join(' | ')} | ${all} | ${r.stealPercent === undefined ? '—' : `${r.stealPercent.toFixed(0)} %`} |`);
  }
  console.log(`\nbench client RSS ${rss} MiB. Targets: >= 5,000 events/s sustained; p99 < 250 ms at 1,000 events/s.`);
}
