import { readFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '@quadrant/database';
import { freePort, ServiceProcess } from '@quadrant/platform';
import { createPlantSimulation, createSparkplugSink, demoPlantConfig, sparkplugLayout, sparkplugMappingsFor, type MachineMessage, type PlantSimulation } from '@quadrant/simulator';
import type { SuiteOptions } from './options';
import { percentile } from './store/stats';

/**
 * Machine data through MQTT Sparkplug B, as in full mode. The plant simulator's machines are the load:
 * `BENCH_WORK_UNITS` work units (demo archetypes: cycle times, micro-stops, breakdowns, setups, scrap,
 * shifts), each a Sparkplug device of an edge node, publishing state changes and cumulative counters at
 * QoS 0 as Sparkplug asks. The simulated history is replayed at a paced rate with each value dated when it
 * is published, so latency is measured on the wall clock: from the metric's timestamp to the gateway's
 * projection commit of the event it became (a state change in the timeline, a count in the job order's
 * history). Every work unit runs a job order, so every count is booked. Production adds up a unit's counts
 * of one batch into one event (see `coalesceCounts`): counts are followed by their parts, not their events,
 * and a count's latency is that of the last message of its event.
 *
 * Path: edge nodes (this process) -> Mosquitto -> production (its own process, the Sparkplug host) ->
 * event store -> relay -> Kafka -> gateway (its own process) -> projection.
 */
const WORK_UNITS = Number(process.env['BENCH_WORK_UNITS'] ?? 100);
const DEVICES_PER_NODE = Number(process.env['BENCH_DEVICES_PER_NODE'] ?? 10);
const RATES = (process.env['BENCH_MQTT_RATES'] ?? '1000,2500,5000,7500').split(',').map(Number);

interface PhaseResult {
  phase: string;
  offeredPerSecond: number;
  published: number;
  publishedStates: number;
  publishedCounts: number;
  publishedPerSecond: number;
  /** Machine messages the production service stored, per second from the phase's start to its last one. */
  storedPerSecond: number;
  /** The events the counts became (added up per unit and batch). */
  countEvents: number;
  /** Published state changes that never reached the projection (QoS 0 dropped by the broker, see below). */
  lostStates: number;
  /** Parts of published counts that never reached the projection. */
  lostParts: number;
  /** Machine messages whose effect reached the projection, per second from the phase's start to its last projection. */
  projectedPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  productionRssMiB: number;
  gatewayRssMiB: number;
}

export async function runMqttBench(options: SuiteOptions): Promise<PhaseResult[]> {
  const brokers = process.env['KAFKA_BROKERS'];
  const mqttUrl = process.env['MQTT_URL'];
  if (!brokers || !mqttUrl) throw new Error('the mqtt benchmark needs Kafka and MQTT: KAFKA_BROKERS=127.0.0.1:9092 MQTT_URL=mqtt://127.0.0.1:1883');
  const prefix = `benchmqtt_${Date.now().toString(36)}_`;
  const group = prefix.replace(/_/g, '');
  const workUnitIds = Array.from({ length: WORK_UNITS }, (_, i) => `mqtt-wu-${String(i).padStart(3, '0')}`);
  const layout = sparkplugLayout(workUnitIds, DEVICES_PER_NODE);
  const mappingsFile = join(mkdtempSync(join(tmpdir(), 'quadrant-mqtt-bench-')), 'mappings.json');
  writeFileSync(mappingsFile, JSON.stringify(sparkplugMappingsFor(group, layout)));
  const env = {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: brokers,
    KAFKA_NAMESPACE: `${prefix}.`,
    QUADRANT_SCHEMA_PREFIX: prefix,
    SPARKPLUG_MQTT_URL: mqttUrl,
    SPARKPLUG_MAPPINGS: mappingsFile,
    SPARKPLUG_HOST_ID: `bench-${group}`,
    ...(process.env['SPARKPLUG_WORKERS'] ? { SPARKPLUG_WORKERS: process.env['SPARKPLUG_WORKERS'] } : {}),
  };
  const production = new ServiceProcess('production', 'dist/services/production/src/main.js', await freePort(), env);
  await production.start();
  const gateway = new ServiceProcess('gateway', 'dist/services/gateway/src/main.js', await freePort(), { ...env, PRODUCTION_URL: production.url });
  await gateway.start();
  const db = await openDatabase(options.databaseUrl, { max: 2 });
  const { sink, close } = createSparkplugSink({ url: mqttUrl, groupId: group, layout, timestamps: 'publish' });
  const results: PhaseResult[] = [];
  try {
    await definePlant(production.url, workUnitIds);
    // A Monday at the early shift's start.
    const load = machineLoad(createPlantSimulation(demoPlantConfig(workUnitIds), { seed: 20261121, start: '2026-11-16T06:00:00Z' }));
    // Warm-up: every device born, the services' caches and the JIT warm.
    const before = await projectedSince(db, prefix, new Date(0));
    const warm = await drive(load, sink, Math.max(options.warmupSeconds, 3), 1000);
    const warmed = published(warm);
    await waitForProjection(db, prefix, new Date(0), { states: before.states + warmed.states, parts: before.parts + warmed.parts });
    for (const rate of RATES) results.push(await phase(db, prefix, load, sink, options.durationSeconds, rate, [production, gateway]));
  } catch (error) {
    console.error(`production's last output:\n${production.log}`);
    throw error;
  } finally {
    await close().catch(() => undefined);
    await gateway.stop();
    await production.stop();
    for (const schema of ['production', 'gateway']) await db.exec(`drop schema if exists "${prefix}${schema}" cascade`);
    await db.close();
  }
  print(results);
  mkdirSync(join('bench', 'results'), { recursive: true });
  const file = join('bench', 'results', `mqtt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine: { cores: 2 }, workUnits: WORK_UNITS, devicesPerNode: DEVICES_PER_NODE, results }, null, 2));
  console.log(`written to ${file}`);
  return results;
}

/** The hierarchy, and a running job order on every work unit (so that every count is booked). */
async function definePlant(productionUrl: string, workUnitIds: string[]): Promise<void> {
  const post = async (path: string, body: unknown): Promise<void> => {
    const response = await fetch(`${productionUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  };
  await post('/equipment', { equipmentId: 'mqtt-bench', name: 'MQTT bench', level: 'Enterprise' });
  await post('/equipment', { equipmentId: 'mqtt-site', name: 'MQTT site', level: 'Site', parentId: 'mqtt-bench' });
  await post('/equipment', { equipmentId: 'mqtt-area', name: 'MQTT area', level: 'Area', parentId: 'mqtt-site' });
  await post('/equipment', { equipmentId: 'mqtt-line', name: 'MQTT line', level: 'WorkCenter', parentId: 'mqtt-area' });
  for (const id of workUnitIds) await post('/equipment', { equipmentId: id, name: id, level: 'WorkUnit', parentId: 'mqtt-line' });
  await post('/products', { productId: 'mqtt-part', name: 'MQTT bench part', unitOfMeasure: 'pcs' });
  await post('/products/mqtt-part/routings', { segments: [{ segmentId: 'make', name: 'make', eligible: workUnitIds.map((workUnitId) => ({ workUnitId, idealCycleTimeSeconds: 10, setupTimeSeconds: 0 })) }] });
  const since = new Date().toISOString();
  for (const [index, workUnitId] of workUnitIds.entries()) {
    const jobOrderId = `mqtt-jo-${index}`;
    // Idle until the simulation's first state arrives (a job can start on an idle unit).
    await post(`/work-units/${workUnitId}/state`, { state: 'Idle', since });
    await post('/job-orders', { jobOrderId, productId: 'mqtt-part', quantity: 1_000_000_000, siteId: 'mqtt-site', priority: 5 });
    await post(`/job-orders/${jobOrderId}/release`, {});
    await post(`/job-orders/${jobOrderId}/dispatch`, { segmentId: 'make', workUnitId });
    await post(`/job-orders/${jobOrderId}/segments/make/start`, { workUnitId });
  }
}

interface MachineLoad {
  /** The next `count` messages of the simulated plant, in its order. */
  take(count: number): MachineMessage[];
}

/** The simulation advanced ten simulated minutes at a time, as far as the messages asked for need. */
function machineLoad(simulation: PlantSimulation): MachineLoad {
  let buffered: MachineMessage[] = [];
  let position = Date.parse(simulation.position);
  return {
    take(count) {
      while (buffered.length < count) {
        position += 10 * 60_000;
        buffered = buffered.concat(simulation.advance(new Date(position).toISOString()));
      }
      const taken = buffered.slice(0, count);
      buffered = buffered.slice(count);
      return taken;
    },
  };
}

/** `perSecond` machine messages a second for `seconds`, published in 10 ms ticks; answers what was sent. */
async function drive(load: MachineLoad, sink: (messages: MachineMessage[]) => Promise<void>, seconds: number, perSecond: number): Promise<MachineMessage[]> {
  const started = Date.now();
  const sent: MachineMessage[] = [];
  for (let now = started; now < started + seconds * 1000; now = Date.now()) {
    const due = Math.floor(((now - started) * perSecond) / 1000) - sent.length;
    if (due > 0) {
      const batch = load.take(due);
      await sink(batch);
      for (const message of batch) sent.push(message);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return sent;
}

interface Projected {
  /** State changes. */
  states: number;
  /** Parts counted (good, scrap and rework). */
  parts: number;
}

/** What a list of machine messages holds, as the projection is checked against it. */
function published(messages: readonly MachineMessage[]): Projected {
  let states = 0;
  let parts = 0;
  for (const message of messages) {
    if (message.kind === 'state') states++;
    else parts += message.good + message.scrap + message.rework;
  }
  return { states, parts };
}

/** What was projected since `from`: state changes in the timeline, counted parts in the job orders' history. */
async function projectedSince(db: Database, prefix: string, from: Date): Promise<Projected> {
  const [row] = await db.query<{ states: string; parts: string }>(
    `select (select count(*) from "${prefix}gateway".work_unit_state_timeline where since >= $1)::text as states,
            (select coalesce(sum((data->>'good')::float8 + (data->>'scrap')::float8 + (data->>'rework')::float8), 0)
               from "${prefix}gateway".job_order_history where type = 'ProductionReported' and occurred_at >= $1)::text as parts`,
    [from.toISOString()],
  );
  return { states: Number(row?.states ?? 0), parts: Number(row?.parts ?? 0) };
}

/**
 * Until the state changes and parts `expected` since `from` are projected, or nothing moved for 10 s.
 * Sparkplug data travels at QoS 0: a broker whose queue for a slow host overflows drops messages, the host
 * sees the seq gap and asks for a rebirth, which restores each unit's current state and counter totals (so
 * parts are not lost, they arrive in fewer counts) but not the state changes in between. Answers what is
 * missing.
 */
async function waitForProjection(db: Database, prefix: string, from: Date, expected: Projected): Promise<Projected> {
  const deadline = Date.now() + 180_000;
  let last = '';
  let lastChange = Date.now();
  for (;;) {
    const projected = await projectedSince(db, prefix, from);
    const missing = { states: Math.max(0, expected.states - projected.states), parts: Math.max(0, expected.parts - projected.parts) };
    if (missing.states === 0 && missing.parts === 0) return missing;
    const seen = JSON.stringify(projected);
    if (seen !== last) [last, lastChange] = [seen, Date.now()];
    if (Date.now() > deadline || Date.now() - lastChange > 10_000) return missing;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resident memory of a process, from /proc (Linux), in MiB; NaN elsewhere. */
function rssMiB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kib / 1024;
  } catch {
    return NaN;
  }
}

async function phase(
  db: Database,
  prefix: string,
  load: MachineLoad,
  sink: (messages: MachineMessage[]) => Promise<void>,
  seconds: number,
  perSecond: number,
  [production, gateway]: [ServiceProcess, ServiceProcess],
): Promise<PhaseResult> {
  const from = new Date();
  const started = Date.now();
  const sent = await drive(load, sink, seconds, perSecond);
  const publishedSeconds = (Date.now() - started) / 1000;
  const memory = { productionRssMiB: rssMiB(production.pid), gatewayRssMiB: rssMiB(gateway.pid) };
  const expected = published(sent);
  const lost = await waitForProjection(db, prefix, from, expected);
  const rows = await db.query<{ latency_ms: string; projected_ms: string }>(
    `select (extract(epoch from projected_at - since) * 1000)::bigint::text as latency_ms, (extract(epoch from projected_at) * 1000)::bigint::text as projected_ms
       from "${prefix}gateway".work_unit_state_timeline where since >= $1
     union all
     select (extract(epoch from projected_at - occurred_at) * 1000)::bigint::text, (extract(epoch from projected_at) * 1000)::bigint::text
       from "${prefix}gateway".job_order_history where type = 'ProductionReported' and occurred_at >= $1`,
    [from.toISOString()],
  );
  // Stored machine messages: each state change, and each count message whose parts an event holds.
  const [stored] = await db.query<{ states: string; parts: string; count_events: string; last_ms: string | null }>(
    `select count(*) filter (where event_type = 'WorkUnitStateChanged')::text as states,
            coalesce(sum((data->>'good')::float8 + (data->>'scrap')::float8 + (data->>'rework')::float8) filter (where event_type = 'ProductionReported'), 0)::text as parts,
            count(*) filter (where event_type = 'ProductionReported')::text as count_events,
            (extract(epoch from max(recorded_at)) * 1000)::bigint::text as last_ms
       from "${prefix}production".events where recorded_at >= $1 and event_type in ('WorkUnitStateChanged', 'ProductionReported')`,
    [from.toISOString()],
  );
  const latencies = rows.map((row) => Number(row.latency_ms)).sort((a, b) => a - b);
  const lastProjected = rows.reduce((latest, row) => Math.max(latest, Number(row.projected_ms)), started);
  const publishedStates = sent.filter((message) => message.kind === 'state').length;
  const publishedCounts = sent.length - publishedStates;
  // Count messages are followed by their parts: the share of the published parts that arrived.
  const countShare = (parts: number): number => (expected.parts > 0 ? Math.min(1, parts / expected.parts) : 1);
  const storedMessages = Number(stored?.states ?? 0) + publishedCounts * countShare(Number(stored?.parts ?? 0));
  const projectedMessages = expected.states - lost.states + publishedCounts * countShare(expected.parts - lost.parts);
  return {
    phase: `paced at ${perSecond.toLocaleString('en')} machine messages/s`,
    offeredPerSecond: perSecond,
    published: sent.length,
    publishedStates,
    publishedCounts,
    publishedPerSecond: sent.length / publishedSeconds,
    storedPerSecond: storedMessages / ((Number(stored?.last_ms ?? started) - started) / 1000),
    countEvents: Number(stored?.count_events ?? 0),
    lostStates: lost.states,
    lostParts: lost.parts,
    projectedPerSecond: projectedMessages / ((lastProjected - started) / 1000),
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: latencies[latencies.length - 1] ?? NaN,
    ...memory,
  };
}

function print(results: PhaseResult[]): void {
  const n = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '—');
  console.log(`\nMachine data: simulator -> Sparkplug B over MQTT (QoS 0) -> production (Sparkplug host) -> store -> relay -> Kafka -> gateway projection`);
  console.log(`(${WORK_UNITS} work units, ${DEVICES_PER_NODE} devices per edge node, 2 cores, all on this machine)\n`);
  console.log('| phase | published (states + counts) | published/s | stored/s | count events | projected/s | lost states / parts | p50 ms | p99 ms | max ms | production RSS MiB | gateway RSS MiB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.phase} | ${n(r.published)} (${n(r.publishedStates)} + ${n(r.publishedCounts)}) | ${n(r.publishedPerSecond)} | ${n(r.storedPerSecond)} | ${n(r.countEvents)} | ${n(r.projectedPerSecond)} | ${n(r.lostStates)} / ${n(r.lostParts)} | ${n(r.latencyP50Ms)} | ${n(r.latencyP99Ms)} | ${n(r.latencyMaxMs)} | ${n(r.productionRssMiB)} | ${n(r.gatewayRssMiB)} |`,
    );
  }
}
