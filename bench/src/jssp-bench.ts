import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkFeasibility, jsspProblem, jsspResult, parseJsspInstance, solve } from '@quadrant/scheduling';
import type { SuiteOptions } from './options';

/**
 * The scheduler on the classic job-shop benchmarks: each instance solved in turn in this process (one core),
 * its makespan against the best known upper bound (bounds.json) and against the best of the dispatching rules
 * (pdr_baselines.json), the common yardstick of a scheduler that is not a research solver. Every schedule
 * is checked with checkFeasibility before it counts. Not a test: nothing here asserts.
 *
 * The data lives outside the repository (`../shared/bench/jssp`, see its SOURCE.md); JSSP_DIR overrides it.
 */
interface Bounds {
  readonly lower_bound: number;
  readonly upper_bound: number;
  readonly optimum: number | null;
}
type Baselines = Record<string, Record<string, number>>;

interface InstanceFigures {
  instance: string;
  group: string;
  jobs: number;
  machines: number;
  makespan: number;
  bestKnown: number | null;
  lowerBound: number | null;
  gapPercent: number | null;
  bestRule: string | null;
  bestRuleMakespan: number | null;
  bestRuleGapPercent: number | null;
  iterations: number;
  improvements: number;
  timeToBestMs: number;
  elapsedMs: number;
  violations: number;
}

interface GroupFigures {
  group: string;
  instances: number;
  meanGapPercent: number;
  meanBestRuleGapPercent: number;
  atBestKnown: number;
}

export async function runJsspBench(options: SuiteOptions): Promise<unknown> {
  const dataDir = process.env['JSSP_DIR'] || join(workspaceRoot(), '..', 'shared', 'bench', 'jssp');
  const instancesDir = join(dataDir, 'instances');
  if (!existsSync(instancesDir)) throw new Error(`no JSSP instances in ${instancesDir}; set JSSP_DIR to the folder holding instances/, bounds.json and pdr_baselines.json`);
  const available = readdirSync(instancesDir).filter((file) => file.endsWith('.txt')).map((file) => file.slice(0, -'.txt'.length));
  const names = selectInstances(options.instances, available);
  const bounds = readJson<Record<string, Bounds>>(join(dataDir, 'bounds.json'));
  const baselines = readJson<Record<string, Baselines>>(join(dataDir, 'pdr_baselines.json'));
  const startedAt = new Date().toISOString();
  process.stderr.write(`[jssp] ${names.length} instances, ${options.timeLimitSeconds} s each, seed ${options.seed}: about ${Math.ceil((names.length * options.timeLimitSeconds) / 60)} min\n`);

  const figures: InstanceFigures[] = [];
  for (const [i, name] of names.entries()) {
    const instance = parseJsspInstance(readFileSync(join(instancesDir, `${name}.txt`), 'utf8'), name);
    const problem = jsspProblem(instance);
    let timeToBestMs = 0;
    const solved = solve(problem, { timeLimitMs: options.timeLimitSeconds * 1000, seed: options.seed, onImproved: (_best, elapsedMs) => (timeToBestMs = elapsedMs) });
    const makespan = jsspResult(instance, solved).makespan;
    const violations = checkFeasibility(problem, solved.operations);
    const bound = bounds[name];
    const rule = bestRule(baselines[name]);
    const gap = (value: number, reference: number | undefined): number | null => (reference ? (100 * (value - reference)) / reference : null);
    const row: InstanceFigures = {
      instance: name,
      group: name.replace(/\d.*$/, ''),
      jobs: instance.jobs,
      machines: instance.machines,
      makespan,
      bestKnown: bound?.upper_bound ?? null,
      lowerBound: bound?.lower_bound ?? null,
      gapPercent: gap(makespan, bound?.upper_bound),
      bestRule: rule?.name ?? null,
      bestRuleMakespan: rule?.makespan ?? null,
      bestRuleGapPercent: rule ? gap(rule.makespan, bound?.upper_bound) : null,
      iterations: solved.iterations,
      improvements: solved.improvements,
      timeToBestMs: Math.round(timeToBestMs),
      elapsedMs: Math.round(solved.elapsedMs),
      violations: violations.length,
    };
    figures.push(row);
    const infeasible = violations.length > 0 ? ` INFEASIBLE (${violations.length} violations: ${violations[0]?.message ?? ''})` : '';
    process.stderr.write(`[jssp] ${i + 1}/${names.length} ${name} ${row.jobs}x${row.machines}: ${makespan} (best known ${row.bestKnown ?? '?'}, ${percent(row.gapPercent)}; best rule ${row.bestRuleMakespan ?? '?'})${infeasible}\n`);
    // Lets a pending signal or stdout flush through between instances: solve itself never yields.
    await new Promise((resolve) => setImmediate(resolve));
  }

  const groups = summarise(figures);
  printTables(options, figures, groups);
  const report = { suite: 'jssp', startedAt, node: process.version, timeLimitSeconds: options.timeLimitSeconds, seed: options.seed, instances: figures, groups };
  const resultsDir = join(workspaceRoot(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `jssp-${startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`[jssp] results written to ${file}\n`);
  return report;
}

/**
 * `ft10,la01-la40,ta`: names, ranges within a set (`ta1-10` and `ta01-ta10` alike; only the files that exist)
 * and whole sets, in the order given, each once. An item that names no file is an error rather than a gap in
 * the table.
 */
export function selectInstances(spec: string, available: readonly string[]): string[] {
  const numberOf = (name: string): number => Number(name.replace(/^[a-z]+/i, ''));
  const selected: string[] = [];
  for (const item of spec.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const range = /^([a-z]+)(\d+)-(?:\1)?(\d+)$/i.exec(item);
    const set = range?.[1] ?? (/^[a-z]+$/i.test(item) ? item : undefined);
    const inSet = set === undefined ? [] : available.filter((name) => new RegExp(`^${set}\\d+$`).test(name)).sort((a, b) => numberOf(a) - numberOf(b));
    const names = range
      ? inSet.filter((name) => numberOf(name) >= Number(range[2]) && numberOf(name) <= Number(range[3]))
      : set !== undefined
        ? inSet
        : available.filter((name) => name === item);
    if (names.length === 0) throw new Error(`--instances: "${item}" names no instance file`);
    for (const name of names) if (!selected.includes(name)) selected.push(name);
  }
  if (selected.length === 0) throw new Error('--instances: no instance selected');
  return selected;
}

/** The best dispatching rule over both schedule generators (`active MWKR`, `non_delay MOPNR`, …). */
function bestRule(baselines: Baselines | undefined): { name: string; makespan: number } | undefined {
  let best: { name: string; makespan: number } | undefined;
  for (const [generator, rules] of Object.entries(baselines ?? {})) {
    for (const [rule, makespan] of Object.entries(rules)) if (!best || makespan < best.makespan) best = { name: `${generator} ${rule}`, makespan };
  }
  return best;
}

function summarise(figures: readonly InstanceFigures[]): GroupFigures[] {
  const groups = [...new Set(figures.map((row) => row.group))];
  const mean = (values: readonly (number | null)[]): number => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : Number.NaN;
  };
  const summary = (group: string, rows: readonly InstanceFigures[]): GroupFigures => ({
    group,
    instances: rows.length,
    meanGapPercent: mean(rows.map((row) => row.gapPercent)),
    meanBestRuleGapPercent: mean(rows.map((row) => row.bestRuleGapPercent)),
    atBestKnown: rows.filter((row) => row.bestKnown !== null && row.makespan <= row.bestKnown).length,
  });
  const perGroup = groups.map((group) => summary(group, figures.filter((row) => row.group === group)));
  return groups.length > 1 ? [...perGroup, summary('all', figures)] : perGroup;
}

function printTables(options: SuiteOptions, figures: readonly InstanceFigures[], groups: readonly GroupFigures[]): void {
  console.log(`\nJob-shop benchmark: ${options.timeLimitSeconds} s per instance, seed ${options.seed}, one core, Node ${process.version}\n`);
  console.log('| instance | size | makespan | best known | gap % | best rule | its makespan | its gap % | iterations | time to best s |');
  console.log('| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const row of figures) {
    const flag = row.violations > 0 ? ' (infeasible)' : '';
    console.log(
      `| ${row.instance} | ${row.jobs}x${row.machines} | ${row.makespan}${flag} | ${row.bestKnown ?? '?'} | ${fixed(row.gapPercent)} | ${row.bestRule ?? '?'} | ${row.bestRuleMakespan ?? '?'} | ${fixed(row.bestRuleGapPercent)} | ${row.iterations.toLocaleString('en')} | ${(row.timeToBestMs / 1000).toFixed(1)} |`,
    );
  }
  console.log('\n| set | instances | mean gap % | mean gap % of the best rule | at best known |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const group of groups) console.log(`| ${group.group} | ${group.instances} | ${group.meanGapPercent.toFixed(2)} | ${group.meanBestRuleGapPercent.toFixed(2)} | ${group.atBestKnown} |`);
}

const fixed = (value: number | null): string => (value === null ? '?' : value.toFixed(2));
const percent = (value: number | null): string => (value === null ? 'no bound' : `${value >= 0 ? '+' : ''}${value.toFixed(2)} %`);

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The workspace root (the directory holding nx.json), wherever the compiled bench runs from. */
function workspaceRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}
