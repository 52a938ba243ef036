/** What every benchmark suite gets from the command line (`node dist/bench/src/run.js <suite> [flags]`). */
export interface SuiteOptions {
  /** The server to benchmark against; a suite creates its own database on it. */
  databaseUrl: string;
  /** Measured duration of each timed workload. */
  durationSeconds: number;
  /** Unmeasured warm-up before each timed workload. */
  warmupSeconds: number;
  /** Also run the diagnostic variants that explain a gap (slower). */
  diagnose: boolean;
  /** Repeat every timed workload this many times (rotating the order) and report medians. */
  rounds: number;
  /** jssp: search time per instance. */
  timeLimitSeconds: number;
  /** jssp: the instances, comma-separated: names (`ft10`), ranges (`ta01-ta30`) or whole sets (`la`). */
  instances: string;
  /** jssp: the solver's seed, the same for every instance. */
  seed: number;
}

export const DEFAULT_JSSP_INSTANCES = 'ft10,la01-la40,ta01-ta30';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
