/**
 * Event-store benchmark: Quadrant's PostgresEventStore against bare SQL (the ceiling) and Emmett 0.42.0,
 * on a database of its own (`quadrant_bench`, dropped and recreated, dropped again at the end). Prints a
 * Markdown report to stdout (progress goes to stderr) and writes the same figures as JSON to
 * bench/results/store-<ISO date>.json. Not a test: nothing here asserts.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { SuiteOptions } from './options';
import { median } from './store/stats';
import { runWorker } from './worker-process';
import { percentile } from './store/stats';
import {
  APPEND_WORKLOADS,
  DIAGNOSTIC_IMPLEMENTATIONS,
  IMPLEMENTATION_NOTES,
  MAIN_IMPLEMENTATIONS,
  POOL_SIZE,
  READ_BATCH_SIZE,
  READ_WORKLOAD_ID,
  READ_WORKLOAD_LABEL,
  STREAMS_PER_WRITER,
  type AppendCellResult,
  type CellResult,
  type CellTask,
  type ImplementationName,
  type ReadCellResult,
} from './store/types';

export const BENCH_DATABASE = 'quadrant_bench';

/** Appends: Quadrant must reach these shares of the others' throughput. */
export const TARGETS = { vsRaw: 0.8, vsEmmett: 1.2 } as const;

export interface StoreBenchRow {
  workloadId: string;
  workload: string;
  implementation: ImplementationName;
  /** Rounds measured; every figure below is the median over them (the read: totals over all reads). */
  rounds: number;
  events: number;
  elapsedSeconds: number;
  eventsPerSecond: number;
  /** Lowest and highest events/s over the rounds. */
  eventsPerSecondRange: [number, number];
  /** null for the read workload. */
  appendsPerSecond: number | null;
  /** Append latency; for the read workload, the latency of one batch. */
  p50Ms: number;
  p99Ms: number;
  rssMiB: number;
  heapMiB: number;
  baselineRssMiB: number;
  /** CPU per measured append, µs: this Node process, and its PostgreSQL backends. null for the read. */
  clientCpuUsPerAppend: number | null;
  serverCpuUsPerAppend: number | null;
}

export interface StoreBenchRatio {
  workloadId: string;
  workload: string;
  quadrantVsRaw: number | null;
  quadrantVsEmmett: number | null;
  /** Only the append workloads have targets. */
  meetsRawTarget: boolean | null;
  meetsEmmettTarget: boolean | null;
}

export interface StoreBenchReport {
  startedAt: string;
  finishedAt: string;
  environment: Record<string, string | number>;
  options: { durationSeconds: number; warmupSeconds: number; rounds: number; poolSize: number; streamsPerWriter: number; readBatchSize: number };
  order: string;
  implementations: Record<string, string>;
  cells: {
    round: number;
    workloadId: string;
    implementation: ImplementationName;
    append: AppendCellResult;
    read: Omit<ReadCellResult, 'batchLatenciesMs'>;
    /** Other applications' statements running in PostgreSQL during the append phase, and the load after it. */
    maxForeignActiveSessions: number;
    loadAverage1m: number;
  }[];
  rows: StoreBenchRow[];
  ratios: StoreBenchRatio[];
  diagnostics: { workloadId: string; workload: string; vsRaw: Partial<Record<ImplementationName, number>> }[];
  warnings: string[];
  markdown: string;
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The workspace root (the directory holding nx.json), wherever the compiled bench runs from. */
function workspaceRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Other people's load skews a run on a shared machine: while a cell runs, count the sessions of other
 * applications that are executing a statement in PostgreSQL (polled every 500 ms).
 */
function foreignLoadSampler(admin: Client): { stop(): Promise<{ maxForeignActiveSessions: number; loadAverage1m: number }> } {
  let max = 0;
  let pending: Promise<void> = Promise.resolve();
  const poll = (): void => {
    pending = admin
      .query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'
            and coalesce(application_name, '') not like 'bench%'`,
      )
      .then((result) => {
        max = Math.max(max, result.rows[0]?.n ?? 0);
      })
      .catch(() => undefined);
  };
  poll();
  const timer = setInterval(poll, 500);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      return { maxForeignActiveSessions: max, loadAverage1m: loadavg()[0] ?? 0 };
    },
  };
}


function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function runCell(task: CellTask, timeoutMs: number): Promise<CellResult> {
  return runWorker<CellResult>(join(__dirname, 'store', 'worker.js'), task, `${task.implementation} ${task.kind}`, timeoutMs);
}

const int = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string => value.toFixed(2);
const mib = (value: number): string => value.toFixed(1);
const ratio = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(2)}x`);
const verdict = (ok: boolean | null): string => (ok === null ? '—' : ok ? 'met' : 'MISSED');

function renderMarkdown(report: Omit<StoreBenchReport, 'markdown'>): string {
  const lines: string[] = [];
  const env = report.environment;
  lines.push(`## Event store benchmark (${report.startedAt})`, '');
  lines.push(
    `Machine: ${env['cpus']} CPU cores (${env['cpuModel']}), ${env['memoryGiB']} GiB RAM, Node ${env['node']}; ` +
      `${env['postgres']} on ${env['server']} (fsync ${env['fsync']}, synchronous_commit ${env['synchronousCommit']}, ` +
      `shared_buffers ${env['sharedBuffers']}). Node and PostgreSQL share the cores.`,
  );
  lines.push(
    `Each timed workload: ${report.options.warmupSeconds} s warm-up (not measured), then ${report.options.durationSeconds} s measured; ` +
      `pool of ${report.options.poolSize} connections; every writer appends to its own ${report.options.streamsPerWriter} streams ` +
      `round robin with the expected version; reads in batches of ${report.options.readBatchSize}.`,
  );
  lines.push(`Order: ${report.order}`, '');
  lines.push('Implementations:');
  for (const [name, note] of Object.entries(report.implementations)) lines.push(`- \`${name}\`: ${note}`);
  lines.push('');
  const multi = report.options.rounds > 1;
  if (multi) {
    lines.push(
      `Each cell ran ${report.options.rounds} times (order rotated each round); figures are medians, "range" the lowest and highest events/s.`,
      '',
    );
  }
  lines.push(`| Workload | Implementation | events/s |${multi ? ' range |' : ''} appends/s | p50 ms | p99 ms | RSS MiB | heap MiB |`);
  lines.push(`|---|---|---:|${multi ? '---:|' : ''}---:|---:|---:|---:|---:|`);
  for (const row of report.rows) {
    const range = multi ? ` ${int(row.eventsPerSecondRange[0])}–${int(row.eventsPerSecondRange[1])} |` : '';
    lines.push(
      `| ${row.workload} | ${row.implementation} | ${int(row.eventsPerSecond)} |${range} ` +
        `${row.appendsPerSecond === null ? '—' : int(row.appendsPerSecond)} | ${ms(row.p50Ms)} | ${ms(row.p99Ms)} | ` +
        `${mib(row.rssMiB)} | ${mib(row.heapMiB)} |`,
    );
  }
  lines.push('');
  lines.push(
    'p50/p99: per append; for the read, per batch of 1000. RSS/heap: highest value sampled (every 100 ms) in the ' +
      "cell's own process during that workload; the read row is the highest of its reads.",
  );
  lines.push('');
  lines.push(`Ratios (events/s; appends/s gives the same ratio). Targets for appends: Quadrant >= ${TARGETS.vsRaw}x raw SQL, >= ${TARGETS.vsEmmett}x Emmett.`, '');
  lines.push(`| Workload | Quadrant / raw | target >= ${TARGETS.vsRaw}x | Quadrant / Emmett | target >= ${TARGETS.vsEmmett}x |`);
  lines.push('|---|---:|---|---:|---|');
  for (const r of report.ratios) {
    lines.push(
      `| ${r.workload} | ${ratio(r.quadrantVsRaw)} | ${verdict(r.meetsRawTarget)} | ${ratio(r.quadrantVsEmmett)} | ${verdict(r.meetsEmmettTarget)} |`,
    );
  }
  lines.push('', 'CPU per append, µs (measured window only): the Node client process, and the PostgreSQL backends serving it (/proc).', '');
  lines.push('| Workload | Implementation | client µs/append | server µs/append | idle RSS MiB |');
  lines.push('|---|---|---:|---:|---:|');
  for (const row of report.rows) {
    if (row.clientCpuUsPerAppend === null) continue;
    const server = row.serverCpuUsPerAppend === null ? 'n/a' : int(row.serverCpuUsPerAppend);
    lines.push(`| ${row.workload} | ${row.implementation} | ${int(row.clientCpuUsPerAppend)} | ${server} | ${mib(row.baselineRssMiB)} |`);
  }
  lines.push('', 'idle RSS: the cell process after loading the implementation and creating its tables, before any append.');
  if (report.diagnostics.length > 0) {
    const names = Object.keys(report.diagnostics[0]?.vsRaw ?? {}) as ImplementationName[];
    lines.push('', 'Diagnostics: appends/s of each variant divided by raw SQL (single statement).', '');
    lines.push(`| Workload | ${names.join(' | ')} |`);
    lines.push(`|---|${names.map(() => '---:').join('|')}|`);
    for (const d of report.diagnostics) {
      lines.push(`| ${d.workload} | ${names.map((name) => ratio(d.vsRaw[name] ?? null)).join(' | ')} |`);
    }
  }
  if (report.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of report.warnings) lines.push(`- ${warning}`);
  }
  return lines.join('\n');
}

async function environment(admin: Client, serverUrl: string): Promise<Record<string, string | number>> {
  const setting = async (name: string): Promise<string> =>
    String((await admin.query<{ value: string }>(`select current_setting($1) as value`, [name])).rows[0]?.value);
  const version = (await admin.query<{ v: string }>(`select version() as v`)).rows[0]?.v ?? 'unknown';
  const url = new URL(serverUrl);
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    postgres: version.split(' on ')[0] ?? version,
    server: url.host,
    fsync: await setting('fsync'),
    synchronousCommit: await setting('synchronous_commit'),
    sharedBuffers: await setting('shared_buffers'),
  };
}

export async function runStoreBench(options: SuiteOptions): Promise<StoreBenchReport> {
  const startedAt = new Date().toISOString();
  const implementations: ImplementationName[] = options.diagnose
    ? [...MAIN_IMPLEMENTATIONS, ...DIAGNOSTIC_IMPLEMENTATIONS]
    : [...MAIN_IMPLEMENTATIONS];
  const benchUrl = databaseUrl(options.databaseUrl, BENCH_DATABASE);
  const warmupMs = options.warmupSeconds * 1000;
  const durationMs = options.durationSeconds * 1000;
  const cellTimeoutMs = (warmupMs + durationMs) * 3 + 180_000;

  const admin = new Client({ connectionString: databaseUrl(options.databaseUrl, 'postgres'), application_name: 'bench-admin' });
  await admin.connect();
  const cells: {
    round: number;
    workloadId: string;
    implementation: ImplementationName;
    append: AppendCellResult;
    read: ReadCellResult;
    maxForeignActiveSessions: number;
    loadAverage1m: number;
  }[] = [];
  const warnings: string[] = [];
  try {
    const env = await environment(admin, options.databaseUrl);
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin.query(`create database ${BENCH_DATABASE}`);

    for (let round = 0; round < options.rounds; round++) {
      for (const [index, workload] of APPEND_WORKLOADS.entries()) {
        for (const implementation of rotate(implementations, index + round)) {
          // Flush the previous cell's dirty pages first, so no cell pays for another's checkpoint.
          await admin.query('checkpoint').catch((error: unknown) => warnings.push(`checkpoint failed: ${String(error)}`));
          const roundText = options.rounds > 1 ? ` (round ${round + 1}/${options.rounds})` : '';
          process.stderr.write(`[store] ${workload.label} — ${implementation}${roundText}: appending… `);
          const foreign = foreignLoadSampler(admin);
          const append = await runCell({ kind: 'append', implementation, databaseUrl: benchUrl, workload, warmupMs, durationMs }, cellTimeoutMs);
          const { maxForeignActiveSessions, loadAverage1m } = await foreign.stop();
          if (append.kind !== 'append') throw new Error('append cell answered a read');
          process.stderr.write(`${int(append.eventsPerSecond)} events/s; reading… `);
          const read = await runCell({ kind: 'read', implementation, databaseUrl: benchUrl }, cellTimeoutMs);
          if (read.kind !== 'read') throw new Error('read cell answered an append');
          process.stderr.write(`${int(read.events / read.elapsedSeconds)} events/s\n`);
          if (read.events !== append.eventsWrittenTotal) {
            warnings.push(
              `${workload.id} ${implementation}${roundText}: wrote ${append.eventsWrittenTotal} events but the batch read delivered ${read.events}`,
            );
          }
          cells.push({ round, workloadId: workload.id, implementation, append, read, maxForeignActiveSessions, loadAverage1m });
        }
      }
    }
    const disturbed = cells.filter((c) => c.maxForeignActiveSessions > 0);
    if (disturbed.length > 0) {
      warnings.push(
        `shared machine: in ${disturbed.length} of ${cells.length} cells other applications had statements running in ` +
          `PostgreSQL during the measurement (up to ${Math.max(...disturbed.map((c) => c.maxForeignActiveSessions))} at once); ` +
          'figures carry that noise (see cells[].maxForeignActiveSessions in the JSON)',
      );
    }

    const rows: StoreBenchRow[] = [];
    for (const workload of APPEND_WORKLOADS) {
      for (const implementation of implementations) {
        const runs = cells.filter((c) => c.workloadId === workload.id && c.implementation === implementation).map((c) => c.append);
        if (runs.length === 0) continue;
        const of = (pick: (a: AppendCellResult) => number): number => median(runs.map(pick));
        const rates = runs.map((a) => a.eventsPerSecond);
        const server = runs.map((a) => a.serverCpuUsPerAppend);
        rows.push({
          workloadId: workload.id,
          workload: workload.label,
          implementation,
          rounds: runs.length,
          events: of((a) => a.events),
          elapsedSeconds: of((a) => a.elapsedSeconds),
          eventsPerSecond: of((a) => a.eventsPerSecond),
          eventsPerSecondRange: [Math.min(...rates), Math.max(...rates)],
          appendsPerSecond: of((a) => a.appendsPerSecond),
          p50Ms: of((a) => a.p50Ms),
          p99Ms: of((a) => a.p99Ms),
          rssMiB: of((a) => a.rssMiB),
          heapMiB: of((a) => a.heapMiB),
          baselineRssMiB: of((a) => a.baselineRssMiB),
          clientCpuUsPerAppend: of((a) => a.clientCpuUsPerAppend),
          serverCpuUsPerAppend: server.every((v): v is number => v !== null) ? median(server) : null,
        });
      }
    }
    const readLatencies = new Map<ImplementationName, number[]>();
    for (const implementation of implementations) {
      const reads = cells.filter((c) => c.implementation === implementation).map((c) => c.read);
      const latencies = readLatencies.get(implementation) ?? [];
      for (const read of reads) latencies.push(...read.batchLatenciesMs);
      latencies.sort((a, b) => a - b);
      const events = reads.reduce((sum, r) => sum + r.events, 0);
      const elapsedSeconds = reads.reduce((sum, r) => sum + r.elapsedSeconds, 0);
      const rates = reads.map((r) => r.events / r.elapsedSeconds);
      rows.push({
        workloadId: READ_WORKLOAD_ID,
        workload: READ_WORKLOAD_LABEL,
        implementation,
        rounds: options.rounds,
        events,
        elapsedSeconds,
        eventsPerSecond: events / elapsedSeconds,
        eventsPerSecondRange: [Math.min(...rates), Math.max(...rates)],
        appendsPerSecond: null,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        rssMiB: Math.max(...reads.map((r) => r.rssMiB)),
        heapMiB: Math.max(...reads.map((r) => r.heapMiB)),
        baselineRssMiB: Math.max(...reads.map((r) => r.baselineRssMiB)),
        clientCpuUsPerAppend: null,
        serverCpuUsPerAppend: null,
      });
    }

    const rate = (workloadId: string, implementation: ImplementationName): number | undefined =>
      rows.find((r) => r.workloadId === workloadId && r.implementation === implementation)?.eventsPerSecond;
    const workloadIds = [...APPEND_WORKLOADS.map((w) => ({ id: w.id, label: w.label })), { id: READ_WORKLOAD_ID, label: READ_WORKLOAD_LABEL }];
    const ratios: StoreBenchRatio[] = workloadIds.map(({ id, label }) => {
      const quadrant = rate(id, 'quadrant');
      const raw = rate(id, 'raw');
      const emmett = rate(id, 'emmett');
      const vsRaw = quadrant !== undefined && raw ? quadrant / raw : null;
      const vsEmmett = quadrant !== undefined && emmett ? quadrant / emmett : null;
      const isAppend = id !== READ_WORKLOAD_ID;
      return {
        workloadId: id,
        workload: label,
        quadrantVsRaw: vsRaw,
        quadrantVsEmmett: vsEmmett,
        meetsRawTarget: isAppend && vsRaw !== null ? vsRaw >= TARGETS.vsRaw : null,
        meetsEmmettTarget: isAppend && vsEmmett !== null ? vsEmmett >= TARGETS.vsEmmett : null,
      };
    });
    const diagnostics: StoreBenchReport['diagnostics'] = options.diagnose
      ? APPEND_WORKLOADS.map((w) => {
          const raw = rate(w.id, 'raw');
          const vsRaw: Partial<Record<ImplementationName, number>> = {};
          for (const name of ['raw-tx', 'quadrant', 'quadrant-cmd', 'emmett'] as const) {
            const value = rate(w.id, name);
            if (value !== undefined && raw) vsRaw[name] = value / raw;
          }
          return { workloadId: w.id, workload: w.label, vsRaw };
        })
      : [];

    const orderText =
      `interleaved: for workload k the implementations run back to back, the list ${implementations.join(', ')} ` +
      `rotated by k-1${options.rounds > 1 ? ' (+ r-1 in round r)' : ''} (so none always goes first or last); every cell (one implementation on one workload) starts on ` +
      'freshly created tables (its schema dropped and recreated) in a fresh Node process, after a CHECKPOINT. ' +
      "The read (5) runs right after each append cell, in another fresh process, over that cell's whole log " +
      `(warm-up included) from the start; row 5 adds up all ${APPEND_WORKLOADS.length * options.rounds} reads.`;
    const partial: Omit<StoreBenchReport, 'markdown'> = {
      startedAt,
      finishedAt: new Date().toISOString(),
      environment: env,
      options: {
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        rounds: options.rounds,
        poolSize: POOL_SIZE,
        streamsPerWriter: STREAMS_PER_WRITER,
        readBatchSize: READ_BATCH_SIZE,
      },
      order: orderText,
      implementations: Object.fromEntries(implementations.map((name) => [name, IMPLEMENTATION_NOTES[name]])),
      cells: cells.map((c) => ({ ...c, read: withoutLatencies(c.read) })),
      rows,
      ratios,
      diagnostics,
      warnings,
    };
    const report: StoreBenchReport = { ...partial, markdown: renderMarkdown(partial) };

    console.log(report.markdown);
    const resultsDir = join(workspaceRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `store-${startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`[store] results written to ${file}\n`);
    return report;
  } finally {
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`).catch((error: unknown) => {
      process.stderr.write(`[store] could not drop ${BENCH_DATABASE}: ${String(error)}\n`);
    });
    await admin.end();
  }
}

function withoutLatencies(read: ReadCellResult): Omit<ReadCellResult, 'batchLatenciesMs'> {
  const { batchLatenciesMs: _latencies, ...rest } = read;
  return rest;
}
