import type { ObjectiveWeights, SchedulingProblem } from '../problem';
import { WorkingCalendar } from './working-calendar';

/**
 * The problem turned into dense integer indices and typed arrays, so that the search loops touch no
 * strings, maps or objects. Built once per solve; never mutated.
 */
export interface CompiledProblem {
  readonly problem: SchedulingProblem;
  readonly start: number;
  readonly weights: ObjectiveWeights;
  readonly nOps: number;
  readonly nUnits: number;
  readonly nJobs: number;
  readonly opIds: readonly string[];
  readonly opIndex: ReadonlyMap<string, number>;
  readonly opJob: Int32Array;
  /** Setup family as a small integer; -1 when the operation has none (then it always needs its setup). */
  readonly opFamily: Int32Array;
  /** Earliest start from the job's release and the problem's start. */
  readonly opRelease: Float64Array;
  /** Alternatives of op i are altStart[i] .. altStart[i+1]-1. */
  readonly altStart: Int32Array;
  readonly altUnit: Int32Array;
  readonly altDuration: Float64Array;
  readonly altSetup: Float64Array;
  /** Precedence in CSR form: predecessors of i are predList[predStart[i] .. predStart[i+1]-1]. */
  readonly predStart: Int32Array;
  readonly predList: Int32Array;
  readonly succStart: Int32Array;
  readonly succList: Int32Array;
  readonly jobIds: readonly string[];
  readonly jobDue: Float64Array;
  readonly jobWeight: Float64Array;
  readonly frozen: Uint8Array;
  readonly frozenUnit: Int32Array;
  readonly frozenStart: Float64Array;
  readonly frozenEnd: Float64Array;
  readonly unitIds: readonly string[];
  readonly unitIndex: ReadonlyMap<string, number>;
  /** Family the unit is set up for when its first schedulable operation comes (-1: none). */
  readonly unitInitialFamily: Int32Array;
  /** Per unit, sorted intervals nothing else may use: unavailability windows and frozen operations. */
  readonly blocked: readonly BlockedIntervals[];
  /** Per unit, its working time; undefined when it works round the clock (then timing is as without calendars). */
  readonly working: readonly (WorkingCalendar | undefined)[];
  /** Some unit has working time: the classic fast path, which knows nothing of pauses, is out. */
  readonly hasWorkingTime: boolean;
  /** Baseline unit (-1: not in the baseline) and start of each operation. */
  readonly baseUnit: Int32Array;
  readonly baseStart: Float64Array;
  readonly hasSetups: boolean;
}

/** `family` is -2 for a window (it leaves the unit's setup as it was), else the frozen op's family. */
export interface BlockedIntervals {
  readonly from: Float64Array;
  readonly to: Float64Array;
  readonly family: Int32Array;
}

export const WINDOW_FAMILY = -2;

/**
 * Defaults: makespan 1 and tardiness 1 (both are what a shop floor means by "late"); stability 1 so that a
 * baseline, when given, is only left when that pays; a change of unit counts as 60 time units of shift
 * (a minute in the service's seconds: a move to another unit disturbs people more than a small shift).
 */
export function resolveWeights(problem: SchedulingProblem): ObjectiveWeights {
  const w = problem.weights ?? {};
  return {
    makespan: w.makespan ?? 1,
    tardiness: w.tardiness ?? 1,
    stability: problem.baseline && problem.baseline.length > 0 ? w.stability ?? 1 : 0,
    reassignment: w.reassignment ?? 60,
  };
}

export function compileProblem(problem: SchedulingProblem): CompiledProblem {
  const unitIds = problem.workUnits.map((u) => u.id);
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const opIds: string[] = [];
  const opIndex = new Map<string, number>();
  for (const job of problem.jobs) for (const op of job.operations) { opIndex.set(op.id, opIds.length); opIds.push(op.id); }
  const nOps = opIds.length;
  const nUnits = unitIds.length;
  const families = new Map<string, number>();
  const familyOf = (f: string | undefined): number => {
    if (f === undefined) return -1;
    let id = families.get(f);
    if (id === undefined) { id = families.size; families.set(f, id); }
    return id;
  };
  const opJob = new Int32Array(nOps);
  const opFamily = new Int32Array(nOps);
  const opRelease = new Float64Array(nOps);
  const altStart = new Int32Array(nOps + 1);
  const units: number[] = [], durations: number[] = [], setups: number[] = [];
  const preds: number[][] = [];
  const jobDue = new Float64Array(problem.jobs.length);
  const jobWeight = new Float64Array(problem.jobs.length);
  let hasSetups = false;
  let k = 0;
  problem.jobs.forEach((job, j) => {
    jobDue[j] = job.due ?? Infinity;
    jobWeight[j] = job.weight ?? 1;
    job.operations.forEach((op, i) => {
      opJob[k] = j;
      opFamily[k] = familyOf(op.setupFamily);
      opRelease[k] = Math.max(problem.start, job.release ?? problem.start);
      altStart[k] = units.length;
      for (const alt of op.alternatives) {
        units.push(unitIndex.get(alt.workUnitId) ?? 0);
        durations.push(alt.duration);
        setups.push(alt.setup ?? 0);
        if ((alt.setup ?? 0) > 0) hasSetups = true;
      }
      const after = op.after ?? (i > 0 ? [job.operations[i - 1].id] : []);
      preds.push(after.map((id) => opIndex.get(id) ?? -1).filter((p) => p >= 0));
      k++;
    });
  });
  altStart[nOps] = units.length;
  const [predStart, predList] = csr(preds);
  const succs: number[][] = opIds.map(() => []);
  preds.forEach((ps, i) => ps.forEach((p) => succs[p].push(i)));
  const [succStart, succList] = csr(succs);

  const frozen = new Uint8Array(nOps);
  const frozenUnit = new Int32Array(nOps).fill(-1);
  const frozenStart = new Float64Array(nOps);
  const frozenEnd = new Float64Array(nOps);
  const unitBlocks: { from: number; to: number; family: number }[][] = unitIds.map(() => []);
  const unitInitialFamily = new Int32Array(nUnits);
  const lastFrozenEndBeforeStart = new Float64Array(nUnits).fill(-Infinity);
  problem.workUnits.forEach((u, i) => {
    unitInitialFamily[i] = familyOf(u.initialSetupFamily);
    for (const w of u.unavailable ?? []) if (w.to > w.from) unitBlocks[i].push({ from: w.from, to: w.to, family: WINDOW_FAMILY });
  });
  for (const f of problem.frozen ?? []) {
    const o = opIndex.get(f.operationId);
    const u = unitIndex.get(f.workUnitId);
    if (o === undefined || u === undefined) continue;
    frozen[o] = 1;
    frozenUnit[o] = u;
    frozenStart[o] = f.start;
    frozenEnd[o] = f.end;
    unitBlocks[u].push({ from: f.start, to: f.end, family: opFamily[o] });
    // A frozen op that is already over when the horizon starts leaves the unit set up for its family.
    if (f.end <= problem.start && f.end > lastFrozenEndBeforeStart[u]) {
      lastFrozenEndBeforeStart[u] = f.end;
      unitInitialFamily[u] = opFamily[o];
    }
  }
  const blocked = unitBlocks.map((list) => {
    list.sort((a, b) => a.from - b.from || a.to - b.to);
    return {
      from: Float64Array.from(list, (b) => b.from),
      to: Float64Array.from(list, (b) => b.to),
      family: Int32Array.from(list, (b) => b.family),
    };
  });
  const working = problem.workUnits.map((u) => (u.workingTime ? new WorkingCalendar(u.workingTime) : undefined));
  const baseUnit = new Int32Array(nOps).fill(-1);
  const baseStart = new Float64Array(nOps);
  for (const b of problem.baseline ?? []) {
    const o = opIndex.get(b.operationId);
    const u = unitIndex.get(b.workUnitId);
    if (o === undefined || u === undefined || frozen[o]) continue;
    baseUnit[o] = u;
    baseStart[o] = b.start;
  }
  return {
    problem, start: problem.start, weights: resolveWeights(problem), nOps, nUnits, nJobs: problem.jobs.length,
    opIds, opIndex, opJob, opFamily, opRelease, altStart,
    altUnit: Int32Array.from(units), altDuration: Float64Array.from(durations), altSetup: Float64Array.from(setups),
    predStart, predList, succStart, succList,
    jobIds: problem.jobs.map((j) => j.id), jobDue, jobWeight,
    frozen, frozenUnit, frozenStart, frozenEnd, unitIds, unitIndex, unitInitialFamily, blocked,
    working, hasWorkingTime: working.some((c) => c !== undefined),
    baseUnit, baseStart, hasSetups,
  };
}

function csr(lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i] + l.length));
  const flat = new Int32Array(start[lists.length]);
  lists.forEach((l, i) => flat.set(l, start[i]));
  return [start, flat];
}
