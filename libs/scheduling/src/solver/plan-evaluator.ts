import type { CompiledProblem } from './compiled-problem';
import type { Plan } from './plan';
import { UnitTimeline } from './unit-timeline';

/** What fixed an operation's start: the search walks these links back from a costly operation. */
export const Bound = { Release: 0, JobPredecessor: 1, UnitPredecessor: 2, Blocked: 3, Anchor: 4 } as const;
export type Bound = (typeof Bound)[keyof typeof Bound];

/**
 * Exact earliest-start timing of a plan: one forward pass in topological order of precedence and unit
 * sequence arcs, honouring releases, setups, windows and frozen operations; then the cost. Buffers are
 * reused between calls, so an evaluation allocates nothing.
 */
export class PlanEvaluator {
  readonly setupStart: Float64Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly bound: Uint8Array;
  /** The operation behind `bound` (job or unit predecessor), else -1. */
  readonly boundBy: Int32Array;
  readonly unitPrev: Int32Array;
  readonly jobEnd: Float64Array;
  makespan = 0;
  weightedTardiness = 0;
  instability = 0;
  cost = 0;
  /** Operations left unscheduled by the last failed evaluation (they sit on or behind a cycle). */
  readonly stuck: number[] = [];
  private readonly unitOf: Int32Array;
  private readonly indegree: Int32Array;
  private readonly queue: Int32Array;
  private readonly timeline: UnitTimeline;
  private readonly unitNext: Int32Array;

  constructor(private readonly cp: CompiledProblem) {
    const n = cp.nOps;
    this.setupStart = new Float64Array(n);
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.bound = new Uint8Array(n);
    this.boundBy = new Int32Array(n);
    this.unitPrev = new Int32Array(n);
    this.unitNext = new Int32Array(n);
    this.unitOf = new Int32Array(n);
    this.indegree = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.jobEnd = new Float64Array(cp.nJobs);
    this.timeline = new UnitTimeline(cp);
  }

  /** Times the plan; false (and `stuck` filled) when its order is cyclic. */
  evaluate(plan: Plan): boolean {
    const cp = this.cp;
    const n = cp.nOps;
    const { unitPrev, unitNext, indegree, queue, start, end, setupStart, bound, boundBy, unitOf } = this;
    unitPrev.fill(-1);
    unitNext.fill(-1);
    for (let u = 0; u < plan.seqs.length; u++) {
      const s = plan.seqs[u];
      for (let i = 0; i < s.length; i++) {
        unitOf[s[i]] = u;
        if (i > 0) { unitPrev[s[i]] = s[i - 1]; unitNext[s[i - 1]] = s[i]; }
      }
    }
    let head = 0, tail = 0, nonFrozen = 0;
    for (let o = 0; o < n; o++) {
      if (cp.frozen[o]) {
        setupStart[o] = start[o] = cp.frozenStart[o];
        end[o] = cp.frozenEnd[o];
        continue;
      }
      nonFrozen++;
      let d = unitPrev[o] >= 0 ? 1 : 0;
      for (let k = cp.predStart[o]; k < cp.predStart[o + 1]; k++) if (!cp.frozen[cp.predList[k]]) d++;
      indegree[o] = d;
      if (d === 0) queue[tail++] = o;
    }
    const tl = this.timeline;
    tl.reset();
    while (head < tail) {
      const o = queue[head++];
      let est = cp.opRelease[o], kind: Bound = Bound.Release, by = -1;
      for (let k = cp.predStart[o]; k < cp.predStart[o + 1]; k++) {
        const p = cp.predList[k];
        if (end[p] > est) { est = end[p]; kind = Bound.JobPredecessor; by = p; }
      }
      if (plan.anchor[o] && cp.baseStart[o] > est) { est = cp.baseStart[o]; kind = Bound.Anchor; by = -1; }
      const a = plan.alt[o];
      const u = unitOf[o];
      tl.place(u, est, cp.altDuration[a], cp.altSetup[a], cp.opFamily[o]);
      tl.commit(u, cp.opFamily[o]);
      setupStart[o] = tl.setupStart;
      start[o] = tl.start;
      end[o] = tl.end;
      if (tl.unitBound) {
        kind = tl.pushedByBlock ? Bound.Blocked : unitPrev[o] >= 0 ? Bound.UnitPredecessor : Bound.Release;
        by = kind === Bound.UnitPredecessor ? unitPrev[o] : -1;
      }
      bound[o] = kind;
      boundBy[o] = by;
      const nx = unitNext[o];
      if (nx >= 0 && --indegree[nx] === 0) queue[tail++] = nx;
      for (let k = cp.succStart[o]; k < cp.succStart[o + 1]; k++) {
        const s = cp.succList[k];
        if (!cp.frozen[s] && --indegree[s] === 0) queue[tail++] = s;
      }
    }
    if (tail < nonFrozen) {
      this.stuck.length = 0;
      for (let o = 0; o < n; o++) if (!cp.frozen[o] && indegree[o] > 0) this.stuck.push(o);
      this.cost = Infinity;
      return false;
    }
    this.computeCost(plan);
    return true;
  }

  private computeCost(plan: Plan): void {
    const cp = this.cp;
    const w = cp.weights;
    const jobEnd = this.jobEnd;
    jobEnd.fill(-Infinity);
    let last = cp.start, instability = 0;
    for (let o = 0; o < cp.nOps; o++) {
      const e = this.end[o];
      if (e > last) last = e;
      const j = cp.opJob[o];
      if (e > jobEnd[j]) jobEnd[j] = e;
      const bu = cp.baseUnit[o];
      if (bu >= 0) {
        instability += Math.abs(this.start[o] - cp.baseStart[o]);
        if (cp.altUnit[plan.alt[o]] !== bu) instability += w.reassignment;
      }
    }
    let tardiness = 0;
    for (let j = 0; j < cp.nJobs; j++) {
      const late = jobEnd[j] - cp.jobDue[j];
      if (late > 0) tardiness += cp.jobWeight[j] * late;
    }
    this.makespan = last - cp.start;
    this.weightedTardiness = tardiness;
    this.instability = instability;
    this.cost = w.makespan * this.makespan + w.tardiness * tardiness + w.stability * instability;
  }
}
