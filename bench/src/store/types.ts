/**
 * What the store benchmark's parent process and its per-cell child processes exchange. Each cell (one
 * implementation on one workload) runs in a fresh Node process so that one implementation's module graph,
 * heap and global driver settings (Emmett's dumbo installs process-wide `pg` type parsers) cannot touch
 * another's figures.
 */
import type { WorkerReply } from '../worker-process';

/** The three compared implementations, then the diagnostic variants (`--diagnose`). */
export const MAIN_IMPLEMENTATIONS = ['quadrant', 'raw', 'emmett'] as const;
export const DIAGNOSTIC_IMPLEMENTATIONS = ['raw-tx', 'quadrant-cmd'] as const;
export type ImplementationName = (typeof MAIN_IMPLEMENTATIONS)[number] | (typeof DIAGNOSTIC_IMPLEMENTATIONS)[number];

export const IMPLEMENTATION_NOTES: Record<ImplementationName, string> = {
  quadrant: 'PostgresEventStore.appendToStream / readAll (one prepared statement: version claim and event insert as CTEs)',
  raw: 'bare SQL ceiling: one statement per append (streams upsert with version check + events insert in one CTE, autocommit); keyset read on global_position',
  emmett: '@event-driven-io/emmett-postgresql 0.42.0 getPostgreSQLEventStore().appendToStream / readMessagesBatch',
  'raw-tx': 'bare SQL as an explicit transaction: BEGIN, streams upsert, events insert, COMMIT (4 round trips, like Quadrant)',
  'quadrant-cmd': 'PostgresEventStore.appendToStream with a command id, as CommandHandler calls it (the command record is one more CTE)',
};

export interface Workload {
  id: string;
  label: string;
  eventsPerAppend: number;
  writers: number;
}

export const APPEND_WORKLOADS: readonly Workload[] = [
  { id: 'w1', label: '1. 1-event appends, 1 writer', eventsPerAppend: 1, writers: 1 },
  { id: 'w2', label: '2. 1-event appends, 16 writers', eventsPerAppend: 1, writers: 16 },
  { id: 'w3', label: '3. 10-event appends, 1 writer', eventsPerAppend: 10, writers: 1 },
  { id: 'w4', label: '4. 10-event appends, 16 writers', eventsPerAppend: 10, writers: 16 },
];
export const READ_WORKLOAD_ID = 'w5';
export const READ_WORKLOAD_LABEL = '5. global-log read, batches of 1000';

export const STREAMS_PER_WRITER = 100;
export const READ_BATCH_SIZE = 1000;
export const POOL_SIZE = 20;

export type CellTask =
  | {
      kind: 'append';
      implementation: ImplementationName;
      databaseUrl: string;
      workload: Workload;
      warmupMs: number;
      durationMs: number;
    }
  | { kind: 'read'; implementation: ImplementationName; databaseUrl: string };

export interface MemoryFigures {
  /** Highest resident set size sampled during the phase, MiB. */
  rssMiB: number;
  /** Highest V8 heapUsed sampled during the phase, MiB. */
  heapMiB: number;
  /** RSS once the implementation's modules were loaded and its pool opened, before any work, MiB. */
  baselineRssMiB: number;
}

export interface AppendCellResult extends MemoryFigures {
  kind: 'append';
  appends: number;
  events: number;
  elapsedSeconds: number;
  appendsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Every event written in the cell, warm-up included: what the read that follows must find. */
  eventsWrittenTotal: number;
  /** CPU time of this Node process per measured append (user + system), µs. */
  clientCpuUsPerAppend: number;
  /** CPU time of this cell's PostgreSQL backends per measured append (from /proc), µs; null if unreadable. */
  serverCpuUsPerAppend: number | null;
}

export interface ReadCellResult extends MemoryFigures {
  kind: 'read';
  events: number;
  batches: number;
  elapsedSeconds: number;
  /** Per-batch latency (every query, the last short or empty one included). */
  p50Ms: number;
  p99Ms: number;
  batchLatenciesMs: number[];
}

export type CellResult = AppendCellResult | ReadCellResult;

export type CellReply = WorkerReply<CellResult>;

/** One event as the benchmark's writers produce it; each adapter maps it to its store's shape. */
export interface BenchEvent {
  type: string;
  data: { workUnitId: string; sequence: number; state: string; reason: string; at: string };
  metadata: { occurredAt: string; correlationId: string; actor: string };
}

/** One implementation under test, living in a cell's child process. */
export interface StoreAdapter {
  /** The application_name of this adapter's connections, to find its PostgreSQL backends. */
  readonly applicationName: string;
  /** Drops whatever this implementation owns in the bench database and creates it afresh. */
  reset(): Promise<void>;
  /** Appends to `streamId`, which must be at `expectedVersion`; throws on a conflict. */
  append(streamId: string, events: readonly BenchEvent[], expectedVersion: number): Promise<void>;
  /** Reads the whole global log from the start in batches; reports each batch's size and latency. */
  readAll(batchSize: number, onBatch: (count: number, latencyMs: number) => void): Promise<void>;
  close(): Promise<void>;
}
