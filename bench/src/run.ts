/**
 * Benchmark CLI: `node dist/bench/src/run.js [suite|all] [--duration-seconds N] [--warmup-seconds N] [--rounds N] [--diagnose]`
 * (`npm run bench -- store`); the jssp suite takes `[--time-limit SECONDS] [--instances LIST] [--seed N]`. DATABASE_URL names the PostgreSQL server (default
 * postgres://postgres@127.0.0.1:5432/test); each suite works in a database of its own on it.
 */
import '@quadrant/platform/production-mode';
import { DEFAULT_DATABASE_URL, DEFAULT_JSSP_INSTANCES, type SuiteOptions } from './options';
import { runE2eBench } from './e2e-bench';
import { runJsspBench } from './jssp-bench';
import { runKafkaCodecBench } from './kafka-codec-bench';
import { runRescheduleBench } from './reschedule-bench';
import { runKpiBench } from './kpi-bench';
import { runMqttBench } from './mqtt-bench';
import { runStoreBench } from './store-bench';

/** Every suite, by name; a new one is one more line here. */
const suites: Record<string, (options: SuiteOptions) => Promise<unknown>> = {
  store: runStoreBench,
  e2e: runE2eBench,
  'kafka-codec': runKafkaCodecBench,
  mqtt: runMqttBench,
  kpi: runKpiBench,
  jssp: runJsspBench,
  reschedule: runRescheduleBench,
};

function usage(): string {
  return `usage: run.js [${[...Object.keys(suites), 'all'].join('|')}] [--duration-seconds N] [--warmup-seconds N] [--rounds N] [--diagnose] [--time-limit SECONDS] [--instances LIST] [--seed N]`;
}

function positiveNumber(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isFinite(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive number\n${usage()}`);
  return parsed;
}

export function parseArguments(argv: readonly string[]): { suiteNames: string[]; options: SuiteOptions } {
  const options: SuiteOptions = {
    databaseUrl: process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL,
    durationSeconds: 10,
    warmupSeconds: 2,
    diagnose: false,
    rounds: 1,
    timeLimitSeconds: 10,
    instances: DEFAULT_JSSP_INSTANCES,
    seed: 1,
  };
  let suite = 'all';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--duration-seconds') options.durationSeconds = positiveNumber(arg, argv[++i]);
    else if (arg === '--warmup-seconds') options.warmupSeconds = positiveNumber(arg, argv[++i]);
    else if (arg === '--diagnose') options.diagnose = true;
    else if (arg === '--rounds') options.rounds = Math.round(positiveNumber(arg, argv[++i]));
    else if (arg === '--time-limit') options.timeLimitSeconds = positiveNumber(arg, argv[++i]);
    else if (arg === '--instances') options.instances = argv[++i] ?? '';
    else if (arg === '--seed') options.seed = Math.round(positiveNumber(arg, argv[++i]));
    else if (arg === '--help' || arg === '-h') throw new Error(usage());
    else if (arg !== undefined && !arg.startsWith('-')) suite = arg;
    else throw new Error(`unknown option ${arg}\n${usage()}`);
  }
  if (suite !== 'all' && !(suite in suites)) throw new Error(`unknown suite "${suite}"\n${usage()}`);
  return { suiteNames: suite === 'all' ? Object.keys(suites) : [suite], options };
}

async function main(): Promise<void> {
  const { suiteNames, options } = parseArguments(process.argv.slice(2));
  for (const name of suiteNames) {
    const run = suites[name];
    if (run) await run(options);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
