/**
 * One cell of the store benchmark, in its own process: `node worker.js '<CellTask JSON>'`, answering a
 * CellReply over IPC. Only the implementation under test is loaded (dynamic import), so the memory
 * figures are that implementation's and nothing else's.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { percentile } from './stats';
import {
  READ_BATCH_SIZE,
  STREAMS_PER_WRITER,
  type AppendCellResult,
  type BenchEvent,
  type CellReply,
  type CellTask,
  type ImplementationName,
  type MemoryFigures,
  type ReadCellResult,
  type StoreAdapter,
  type Workload,
} from './types';

const MiB = 1024 * 1024;

async function loadAdapter(implementation: ImplementationName, databaseUrl: string): Promise<StoreAdapter> {
  const applicationName = `bench-${implementation}`;
  switch (implementation) {
    case 'quadrant':
    case 'quadrant-cmd': {
      const { QuadrantAdapter } = await import('./quadrant-adapter');
      return QuadrantAdapter.open(databaseUrl, 'bench_quadrant', implementation === 'quadrant-cmd', applicationName);
    }
    case 'raw':
    case 'raw-tx': {
      const { RawSqlAdapter } = await import('./raw-adapter');
      return new RawSqlAdapter(databaseUrl, 'bench_raw', implementation === 'raw', applicationName);
    }
    case 'emmett': {
      const { EmmettAdapter } = await import('./emmett-adapter');
      return new EmmettAdapter(databaseUrl);
    }
  }
}

/** Samples RSS and heapUsed every 100 ms; `stop` answers the highest values seen. */
function memorySampler(baselineRss: number): { stop(): MemoryFigures } {
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { rssMiB: rss / MiB, heapMiB: heap / MiB, baselineRssMiB: baselineRss / MiB };
    },
  };
}

/** Linux reports process CPU times in USER_HZ ticks, 100 per second on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/** CPU time (ms) of a local process, from /proc/<pid>/stat; undefined when it cannot be read. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * CPU time of the PostgreSQL backends serving `applicationName`, per pid. Only meaningful when the server
 * runs on this machine (it does for the default 127.0.0.1); answers undefined otherwise.
 */
async function backendCpu(probe: Client, applicationName: string): Promise<Map<number, number> | undefined> {
  const { rows } = await probe.query<{ pid: number }>(`select pid from pg_stat_activity where application_name = $1`, [applicationName]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms === undefined) return undefined;
    cpu.set(pid, ms);
  }
  return cpu;
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

const STATES = ['Running', 'Idle', 'Blocked', 'Starved', 'Maintenance'];

function makeEvents(streamId: string, fromVersion: number, count: number): BenchEvent[] {
  const at = new Date().toISOString();
  const correlationId = randomUUID();
  const events: BenchEvent[] = [];
  for (let k = 1; k <= count; k++) {
    const sequence = fromVersion + k;
    events.push({
      type: 'WorkUnitStateChanged',
      data: { workUnitId: streamId, sequence, state: STATES[sequence % STATES.length] ?? 'Running', reason: 'bench', at },
      metadata: { occurredAt: at, correlationId, actor: 'bench' },
    });
  }
  return events;
}

async function runAppends(
  adapter: StoreAdapter,
  probe: Client,
  workload: Workload,
  warmupMs: number,
  durationMs: number,
  baselineRss: number,
): Promise<AppendCellResult> {
  const sampler = memorySampler(baselineRss);
  // CPU accounting starts with the measurement, once the warm-up has opened the pool's connections.
  const atMeasureStart = new Promise<{ client: NodeJS.CpuUsage; server: Map<number, number> | undefined }>((resolve, reject) => {
    setTimeout(() => {
      const client = process.cpuUsage();
      backendCpu(probe, adapter.applicationName).then((server) => resolve({ client, server }), reject);
    }, warmupMs);
  });
  const start = performance.now();
  const measureStart = start + warmupMs;
  const measureEnd = measureStart + durationMs;
  const latencies: number[] = [];
  let lastFinish = measureStart;
  let eventsWrittenTotal = 0;

  const writer = async (writerIndex: number): Promise<void> => {
    const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
    for (let i = 0; performance.now() < measureEnd; i++) {
      const streamIndex = i % STREAMS_PER_WRITER;
      const streamId = `bench-${writerIndex}_${streamIndex}`;
      const version = versions[streamIndex] ?? 0;
      const events = makeEvents(streamId, version, workload.eventsPerAppend);
      const started = performance.now();
      await adapter.append(streamId, events, version);
      const finished = performance.now();
      versions[streamIndex] = version + events.length;
      eventsWrittenTotal += events.length;
      if (started >= measureStart) {
        latencies.push(finished - started);
        lastFinish = Math.max(lastFinish, finished);
      }
    }
  };
  await Promise.all(Array.from({ length: workload.writers }, (_, index) => writer(index)));
  const cpuAtStart = await atMeasureStart;
  const clientCpu = process.cpuUsage(cpuAtStart.client);
  const serverAtEnd = await backendCpu(probe, adapter.applicationName);

  const memory = sampler.stop();
  const elapsedSeconds = (lastFinish - measureStart) / 1000;
  const appends = latencies.length;
  const events = appends * workload.eventsPerAppend;
  latencies.sort((a, b) => a - b);
  return {
    kind: 'append',
    appends,
    events,
    elapsedSeconds,
    appendsPerSecond: appends / elapsedSeconds,
    eventsPerSecond: events / elapsedSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    eventsWrittenTotal,
    clientCpuUsPerAppend: (clientCpu.user + clientCpu.system) / appends,
    serverCpuUsPerAppend:
      cpuAtStart.server && serverAtEnd ? (cpuDelta(cpuAtStart.server, serverAtEnd) * 1000) / appends : null,
    ...memory,
  };
}

async function runRead(adapter: StoreAdapter, baselineRss: number): Promise<ReadCellResult> {
  const sampler = memorySampler(baselineRss);
  const latencies: number[] = [];
  let events = 0;
  const started = performance.now();
  await adapter.readAll(READ_BATCH_SIZE, (count, latencyMs) => {
    events += count;
    latencies.push(latencyMs);
  });
  const elapsedSeconds = (performance.now() - started) / 1000;
  const memory = sampler.stop();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    kind: 'read',
    events,
    batches: latencies.length,
    elapsedSeconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    batchLatenciesMs: latencies,
    ...memory,
  };
}

async function runCell(task: CellTask): Promise<CellReply> {
  const adapter = await loadAdapter(task.implementation, task.databaseUrl);
  try {
    if (task.kind === 'append') {
      await adapter.reset();
      const probe = new Client({ connectionString: task.databaseUrl, application_name: 'bench-probe' });
      await probe.connect();
      try {
        const baselineRss = process.memoryUsage().rss;
        return { ok: true, result: await runAppends(adapter, probe, task.workload, task.warmupMs, task.durationMs, baselineRss) };
      } finally {
        await probe.end();
      }
    }
    const baselineRss = process.memoryUsage().rss;
    return { ok: true, result: await runRead(adapter, baselineRss) };
  } finally {
    await adapter.close();
  }
}

function reply(message: CellReply): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      console.log(JSON.stringify(message));
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: worker.js <cell task as JSON>');
  const task = JSON.parse(raw) as CellTask;
  let message: CellReply;
  try {
    message = await runCell(task);
  } catch (error) {
    message = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await reply(message);
  process.disconnect?.();
}

if (require.main === module) {
  void main();
}
