import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '@quadrant/database';
import { freePort, ServiceProcess } from '@quadrant/platform';
import { SparkplugEdgeNode } from '@quadrant/sparkplug';
import type { SuiteOptions } from './options';
import { percentile } from './store/stats';

/**
 * Machine data through MQTT Sparkplug B, as in full mode: edge nodes (in this process) publish device
 * state changes to the Mosquitto broker, the production service (its own process, the Sparkplug host)
 * records them in its event store, the relay publishes them to Kafka and the gateway (its own process)
 * projects them. Latency per event runs from the metric's timestamp (the edge node's clock when it
 * published, same machine) to the gateway's projection commit.
 */
const EDGE_NODES = Number(process.env['BENCH_EDGE_NODES'] ?? 10);
const DEVICES_PER_NODE = Number(process.env['BENCH_DEVICES_PER_NODE'] ?? 5);

interface PhaseResult {
  phase: string;
  offeredPerSecond: number | null;
  published: number;
  publishedPerSecond: number;
  projected: number;
  /** Published changes that never reached the projection (dropped by the broker; see waitForProjection). */
  lost: number;
  projectedPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
}


export async function runMqttBench(options: SuiteOptions): Promise<PhaseResult[]> {
  const brokers = process.env['KAFKA_BROKERS'];
  const mqttUrl = process.env['MQTT_URL'];
  if (!brokers || !mqttUrl) throw new Error('the mqtt benchmark needs Kafka and MQTT: KAFKA_BROKERS=127.0.0.1:9092 MQTT_URL=mqtt://127.0.0.1:1883');
  const prefix = `benchmqtt_${Date.now().toString(36)}_`;
  const group = prefix.replace(/_/g, '');
  const units: { node: string; device: string; workUnitId: string }[] = [];
  for (let n = 0; n < EDGE_NODES; n++) for (let d = 0; d < DEVICES_PER_NODE; d++) units.push({ node: `plc-${n}`, device: `m-${d}`, workUnitId: `mqtt-wu-${n}-${d}` });
  const mappingsFile = join(mkdtempSync(join(tmpdir(), 'quadrant-mqtt-bench-')), 'mappings.json');
  writeFileSync(
    mappingsFile,
    JSON.stringify(
      units.map((u) => ({
        groupId: group,
        edgeNodeId: u.node,
        deviceId: u.device,
        workUnitId: u.workUnitId,
        state: { metric: 'State', values: { '1': { state: 'Running' }, '2': { state: 'Idle' } } },
      })),
    ),
  );
  const env = {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: brokers,
    KAFKA_NAMESPACE: `${prefix}.`,
    QUADRANT_SCHEMA_PREFIX: prefix,
    SPARKPLUG_MQTT_URL: mqttUrl,
    SPARKPLUG_MAPPINGS: mappingsFile,
    SPARKPLUG_HOST_ID: `bench-${group}`,
    SPARKPLUG_WORKERS: process.env['SPARKPLUG_WORKERS'] ?? '8',
  };
  const production = new ServiceProcess('production', 'dist/services/production/src/main.js', await freePort(), env);
  await production.start();
  const gateway = new ServiceProcess('gateway', 'dist/services/gateway/src/main.js', await freePort(), { ...env, PRODUCTION_URL: production.url });
  await gateway.start();
  const db = await openDatabase(options.databaseUrl, { max: 2 });
  const nodes = new Map<string, SparkplugEdgeNode>();
  const results: PhaseResult[] = [];
  try {
    const define = async (equipmentId: string, level: string, parentId?: string): Promise<void> => {
      const response = await fetch(`${production.url}/equipment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ equipmentId, name: equipmentId, level, ...(parentId ? { parentId } : {}) }),
      });
      if (response.status !== 201) throw new Error(`defining ${equipmentId} answered ${response.status}: ${await response.text()}`);
    };
    await define('mqtt-bench', 'Enterprise');
    await define('mqtt-site', 'Site', 'mqtt-bench');
    await define('mqtt-area', 'Area', 'mqtt-site');
    await define('mqtt-line', 'WorkCenter', 'mqtt-area');
    for (const unit of units) await define(unit.workUnitId, 'WorkUnit', 'mqtt-line');
    for (let n = 0; n < EDGE_NODES; n++) {
      const node = new SparkplugEdgeNode({ url: mqttUrl, groupId: group, edgeNodeId: `plc-${n}`, qos: 1 });
      await node.connect();
      nodes.set(`plc-${n}`, node);
    }
    for (const unit of units) {
      await nodes.get(unit.node)?.birthDevice(unit.device, [{ name: 'State', datatype: 'Int32', value: 2 }]);
      stateOf.set(unit.workUnitId, 2);
    }
    if ((await waitForProjection(db, prefix, units.length)) > 0) throw new Error('the births were not all projected');

    await drive(units, nodes, options.warmupSeconds, 500);
    for (const rate of [1000, 2000, 3000, 5000]) results.push(await phase(db, prefix, units, nodes, options.durationSeconds, rate));
  } catch (error) {
    console.error(`production's last output:\n${production.log}`);
    throw error;
  } finally {
    for (const node of nodes.values()) await node.disconnect().catch(() => undefined);
    await gateway.stop();
    await production.stop();
    for (const schema of ['production', 'gateway']) await db.exec(`drop schema if exists "${prefix}${schema}" cascade`);
    await db.close();
  }
  print(results);
  mkdirSync(join('bench', 'results'), { recursive: true });
  const file = join('bench', 'results', `mqtt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine: { cores: 2 }, edgeNodes: EDGE_NODES, devicesPerNode: DEVICES_PER_NODE, results }, null, 2));
  console.log(`written to ${file}`);
  return results;
}

/** Each device's last published state, across phases: every publish must be a change, or nothing is recorded. */
const stateOf = new Map<string, number>();

/** State changes round robin over the devices, `perSecond` of them (null: as fast as QoS 1 publishing goes). */
async function drive(
  units: { node: string; device: string; workUnitId: string }[],
  nodes: Map<string, SparkplugEdgeNode>,
  seconds: number,
  perSecond: number | null,
): Promise<number> {
  const started = Date.now();
  const end = started + seconds * 1000;
  let published = 0;
  // One publisher per edge node: a node's messages keep their order (its seq).
  await Promise.all(
    [...nodes.entries()].map(async ([nodeId, node]) => {
      const mine = units.filter((u) => u.node === nodeId);
      let i = 0;
      let sentByMe = 0;
      while (Date.now() < end) {
        if (perSecond !== null) {
          const due = started + (sentByMe * 1000 * nodes.size) / perSecond;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        }
        const unit = mine[i++ % mine.length];
        if (!unit) break;
        const next = stateOf.get(unit.workUnitId) === 1 ? 2 : 1;
        stateOf.set(unit.workUnitId, next);
        await node.publishDeviceData(unit.device, { State: next });
        sentByMe++;
        published++;
      }
    }),
  );
  return published;
}

async function projectedCount(db: Database, prefix: string): Promise<number> {
  const [row] = await db.query<{ n: string }>(`select count(*)::text as n from "${prefix}gateway".work_unit_state_timeline`);
  return Number(row?.n ?? 0);
}

/**
 * Until every published change is projected, or nothing moved for 10 s: a broker that dropped messages
 * for a host that fell behind (Mosquitto's queue per client) leaves gaps the host answers with a rebirth,
 * which restores each unit's current state but not the changes in between. Answers how many are missing.
 */
async function waitForProjection(db: Database, prefix: string, expected: number): Promise<number> {
  const deadline = Date.now() + 180_000;
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const projected = await projectedCount(db, prefix);
    if (projected >= expected) return 0;
    if (projected !== last) [last, lastChange] = [projected, Date.now()];
    if (Date.now() > deadline || Date.now() - lastChange > 10_000) return expected - projected;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function phase(
  db: Database,
  prefix: string,
  units: { node: string; device: string; workUnitId: string }[],
  nodes: Map<string, SparkplugEdgeNode>,
  seconds: number,
  perSecond: number | null,
): Promise<PhaseResult> {
  const before = await projectedCount(db, prefix);
  const started = Date.now();
  const published = await drive(units, nodes, seconds, perSecond);
  const publishedSeconds = (Date.now() - started) / 1000;
  const lost = await waitForProjection(db, prefix, before + published);
  const rows = await db.query<{ latency_ms: string; projected_ms: string }>(
    `select (extract(epoch from projected_at - since) * 1000)::bigint::text as latency_ms, (extract(epoch from projected_at) * 1000)::bigint::text as projected_ms
       from "${prefix}gateway".work_unit_state_timeline where since >= $1::timestamptz`,
    [new Date(started).toISOString()],
  );
  const latencies = rows.map((row) => Number(row.latency_ms)).sort((a, b) => a - b);
  const lastProjected = rows.reduce((latest, row) => Math.max(latest, Number(row.projected_ms)), started);
  return {
    phase: perSecond ? `paced at ${perSecond.toLocaleString('en')} state changes/s` : 'as fast as the edge nodes publish (QoS 1)',
    offeredPerSecond: perSecond,
    published,
    publishedPerSecond: published / publishedSeconds,
    projected: rows.length,
    lost,
    projectedPerSecond: rows.length / ((lastProjected - started) / 1000),
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: latencies[latencies.length - 1] ?? NaN,
  };
}

function print(results: PhaseResult[]): void {
  const n = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '—');
  console.log(`\nMachine data: Sparkplug B over MQTT -> production (Sparkplug host) -> store -> relay -> Kafka -> gateway projection`);
  console.log(`(${EDGE_NODES} edge nodes x ${DEVICES_PER_NODE} devices, QoS 1, 2 cores, all on this machine)\n`);
  console.log('| phase | published | published/s | projected/s | lost | p50 ms | p99 ms | max ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(`| ${r.phase} | ${n(r.published)} | ${n(r.publishedPerSecond)} | ${n(r.projectedPerSecond)} | ${n(r.lost)} | ${n(r.latencyP50Ms)} | ${n(r.latencyP99Ms)} | ${n(r.latencyMaxMs)} |`);
  }
}
