import type { Alternative, FrozenOperation, Job, ObjectiveWeights, Operation, ScheduledOperation, SchedulingProblem, TimeWindow, WorkUnitCapacity } from '../problem';
import { predecessorsOf } from '../validation/predecessors';
import { randomShiftCalendar } from './random-shift-calendar';
import { SeededRandom } from './seeded-random';

export interface RandomProblemOptions {
  /** At most this many work units (default 4). */
  readonly maxUnits?: number;
  /** At most this many jobs (default 6). */
  readonly maxJobs?: number;
  /** At most this many operations per job (default 5). */
  readonly maxOperationsPerJob?: number;
  /** Chance that the problem's units get shift calendars (working time), each unit then with 0.7 (default 0.35). */
  readonly workingTimeChance?: number;
}

const FAMILIES = ['steel', 'alu', 'brass'];

/**
 * A small flexible job shop from a seed, valid by construction and meant to reach every rule of the model:
 * routings and small DAGs (some listed out of order), one to three eligible units, setup families with an
 * initial one per unit, unavailability windows (some before the start), releases, due dates, weights,
 * frozen prefixes placed as a shop floor would have them (running across the start, some longer than
 * planned, some inside a window) and a baseline. The same seed always gives the same problem.
 *
 * Some problems give units shift calendars (working time). Those are drawn from a second stream of the
 * same seed, so that every other draw, and hence the rest of each problem, is the one it was before
 * calendars existed.
 */
export function randomProblem(seed: number, options: RandomProblemOptions = {}): SchedulingProblem {
  const random = new SeededRandom(seed);
  const start = random.chance(0.5) ? 0 : random.int(0, 100);
  const unitIds = Array.from({ length: random.int(1, options.maxUnits ?? 4) }, (_, i) => `U${i + 1}`);
  const calendars = new SeededRandom(seed * 7919 + 104_729);
  const withCalendars = calendars.chance(options.workingTimeChance ?? 0.35);
  const workUnits = unitIds.map((id) => {
    const unit = randomUnit(random, id, start);
    return withCalendars && calendars.chance(0.7) ? { ...unit, workingTime: randomShiftCalendar(calendars, start) } : unit;
  });
  const jobs = Array.from({ length: random.int(1, options.maxJobs ?? 6) }, (_, j) => randomJob(random, `J${j + 1}`, unitIds, start, options.maxOperationsPerJob ?? 5));
  const frozen = random.chance(0.4) ? freezePrefixes(random, jobs, start) : [];
  const baseline = random.chance(0.3) ? randomBaseline(random, jobs, frozen, start) : undefined;
  return {
    start,
    workUnits,
    jobs,
    ...(frozen.length > 0 ? { frozen } : {}),
    ...(baseline ? { baseline } : {}),
    ...(random.chance(0.8) ? { weights: randomWeights(random) } : {}),
  };
}

function randomUnit(random: SeededRandom, id: string, start: number): WorkUnitCapacity {
  const unavailable: TimeWindow[] = [];
  if (random.chance(0.5)) {
    for (let i = random.int(1, 3); i > 0; i--) {
      const from = start + random.int(-20, 150);
      unavailable.push({ from, to: from + random.int(1, 30) });
    }
  }
  return {
    id,
    ...(unavailable.length > 0 ? { unavailable } : {}),
    ...(random.chance(0.5) ? { initialSetupFamily: random.pick(FAMILIES) } : {}),
  };
}

function randomJob(random: SeededRandom, id: string, unitIds: readonly string[], start: number, maxOperations: number): Job {
  const count = random.int(1, maxOperations);
  const dag = random.chance(0.4);
  let operations: Operation[] = [];
  for (let k = 0; k < count; k++) {
    const alternatives: Alternative[] = random.shuffle(unitIds).slice(0, random.int(1, Math.min(3, unitIds.length))).map((workUnitId) => ({
      workUnitId,
      duration: random.int(1, 20),
      ...(random.chance(0.5) ? { setup: random.int(0, 8) } : {}),
    }));
    // A DAG: each operation after any subset of the earlier ones, so some start the job in parallel.
    const after = dag ? operations.filter(() => random.chance(0.4)).map((operation) => operation.id) : undefined;
    operations.push({
      id: `${id}.${k + 1}`,
      alternatives,
      ...(after ? { after } : {}),
      ...(random.chance(0.7) ? { setupFamily: random.pick(FAMILIES) } : {}),
    });
  }
  // Explicit precedence does not depend on the order of the list; nothing may assume it is topological.
  if (dag && random.chance(0.5)) operations = random.shuffle(operations);
  const release = random.chance(0.4) ? start + random.int(-10, 60) : undefined;
  return {
    id,
    operations,
    ...(release !== undefined ? { release } : {}),
    ...(random.chance(0.6) ? { due: (release ?? start) + random.int(10, 120) } : {}),
    ...(random.chance(0.5) ? { weight: random.int(0, 3) } : {}),
  };
}

/**
 * Freezes, in some jobs, operations whose predecessors are all frozen, one after the other on each unit
 * from around the start, some running longer than planned (paused by an outage).
 */
function freezePrefixes(random: SeededRandom, jobs: readonly Job[], start: number): FrozenOperation[] {
  const frozen = new Map<string, FrozenOperation>();
  const unitFree = new Map<string, number>();
  for (const job of jobs) {
    if (!random.chance(0.6)) continue;
    let budget = random.int(1, 3);
    for (const index of topologicalOrder(job)) {
      const operation = job.operations[index];
      if (!operation || budget === 0) break;
      const predecessors = predecessorsOf(job, index).map((id) => frozen.get(id));
      if (!predecessors.every((entry) => entry !== undefined) || !random.chance(0.7)) continue;
      const alternative = random.pick(operation.alternatives);
      const free = unitFree.get(alternative.workUnitId) ?? start + random.int(-40, 20);
      const begin = Math.max(free, ...predecessors.map((entry) => entry?.end ?? free)) + random.int(0, 5);
      const end = begin + alternative.duration + (random.chance(0.2) ? random.int(1, 10) : 0);
      frozen.set(operation.id, { operationId: operation.id, workUnitId: alternative.workUnitId, start: begin, end });
      unitFree.set(alternative.workUnitId, end);
      budget--;
    }
  }
  return [...frozen.values()];
}

function topologicalOrder(job: Job): number[] {
  const indexOf = new Map(job.operations.map((operation, index) => [operation.id, index]));
  const order: number[] = [];
  const placed = new Set<number>();
  const visit = (index: number): void => {
    if (placed.has(index)) return;
    placed.add(index);
    for (const before of predecessorsOf(job, index)) {
      const at = indexOf.get(before);
      if (at !== undefined) visit(at);
    }
    order.push(index);
  };
  job.operations.forEach((_, index) => visit(index));
  return order;
}

/** The schedule of a previous revision: not feasible now, as after a breakdown; frozen entries too. */
function randomBaseline(random: SeededRandom, jobs: readonly Job[], frozen: readonly FrozenOperation[], start: number): ScheduledOperation[] {
  const frozenIds = new Set(frozen.map((entry) => entry.operationId));
  const baseline: ScheduledOperation[] = [];
  for (const job of jobs) {
    for (const operation of job.operations) {
      if (!random.chance(frozenIds.has(operation.id) ? 0.5 : 0.8)) continue;
      const alternative = random.pick(operation.alternatives);
      const begin = start + random.int(-10, 150);
      baseline.push({ operationId: operation.id, jobId: job.id, workUnitId: alternative.workUnitId, setupStart: begin, start: begin, end: begin + alternative.duration });
    }
  }
  return baseline;
}

function randomWeights(random: SeededRandom): Partial<ObjectiveWeights> {
  const weights: { -readonly [K in keyof ObjectiveWeights]?: number } = {};
  if (random.chance(0.8)) weights.makespan = random.int(0, 3);
  if (random.chance(0.8)) weights.tardiness = random.int(0, 5);
  if (random.chance(0.8)) weights.stability = random.int(0, 2);
  if (random.chance(0.8)) weights.reassignment = random.int(0, 20);
  return weights;
}
