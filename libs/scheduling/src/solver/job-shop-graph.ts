import type { CompiledProblem } from './compiled-problem';
import type { Plan } from './plan';

/**
 * The disjunctive graph of a classic job shop (one unit per operation, chained jobs, nothing else) in
 * typed arrays: job and machine neighbours, heads r (earliest start) and tails q (longest path after the
 * operation's end). Heads and tails are recomputed by one topological pass, O(n), with no allocation.
 */
export class JobShopGraph {
  readonly n: number;
  readonly m: number;
  readonly p: Int32Array;
  readonly jp: Int32Array;
  readonly js: Int32Array;
  readonly mach: Int32Array;
  /** Machine k's sequence is mseq[mOff[k] .. mOff[k+1]-1]; pos is an operation's index in it. */
  readonly mOff: Int32Array;
  readonly mseq: Int32Array;
  readonly pos: Int32Array;
  readonly r: Int32Array;
  readonly q: Int32Array;
  cmax = 0;
  private readonly indeg: Int32Array;
  private readonly topo: Int32Array;

  constructor(cp: CompiledProblem, plan: Plan) {
    const n = (this.n = cp.nOps);
    const m = (this.m = cp.nUnits);
    this.p = new Int32Array(n);
    this.jp = new Int32Array(n).fill(-1);
    this.js = new Int32Array(n).fill(-1);
    this.mach = new Int32Array(n);
    for (let o = 0; o < n; o++) {
      const a = cp.altStart[o];
      this.p[o] = cp.altDuration[a];
      this.mach[o] = cp.altUnit[a];
      if (cp.predStart[o + 1] > cp.predStart[o]) this.jp[o] = cp.predList[cp.predStart[o]];
      if (cp.succStart[o + 1] > cp.succStart[o]) this.js[o] = cp.succList[cp.succStart[o]];
    }
    this.mOff = new Int32Array(m + 1);
    for (let k = 0; k < m; k++) this.mOff[k + 1] = this.mOff[k] + plan.seqs[k].length;
    this.mseq = new Int32Array(n);
    this.pos = new Int32Array(n);
    for (let k = 0; k < m; k++) this.mseq.set(plan.seqs[k], this.mOff[k]);
    this.syncPositions();
    this.r = new Int32Array(n);
    this.q = new Int32Array(n);
    this.indeg = new Int32Array(n);
    this.topo = new Int32Array(n);
  }

  /** Loads machine sequences (same layout) and recomputes; false if they are cyclic. */
  load(mseq: Int32Array): boolean {
    this.mseq.set(mseq);
    this.syncPositions();
    return this.compute();
  }

  syncPositions(): void {
    for (let k = 0; k < this.m; k++) for (let i = this.mOff[k]; i < this.mOff[k + 1]; i++) this.pos[this.mseq[i]] = i - this.mOff[k];
  }

  machinePrev(o: number): number {
    const i = this.pos[o];
    return i > 0 ? this.mseq[this.mOff[this.mach[o]] + i - 1] : -1;
  }

  machineNext(o: number): number {
    const k = this.mach[o], i = this.mOff[k] + this.pos[o] + 1;
    return i < this.mOff[k + 1] ? this.mseq[i] : -1;
  }

  /** Heads, tails and makespan; false when the machine orders close a cycle. */
  compute(): boolean {
    const { n, p, jp, js, r, q, indeg, topo, mseq, mOff, mach, pos } = this;
    let tail = 0;
    for (let o = 0; o < n; o++) {
      indeg[o] = (jp[o] >= 0 ? 1 : 0) + (pos[o] > 0 ? 1 : 0);
      if (indeg[o] === 0) topo[tail++] = o;
    }
    let cmax = 0;
    for (let head = 0; head < tail; head++) {
      const o = topo[head];
      let h = 0;
      const a = jp[o];
      if (a >= 0) h = r[a] + p[a];
      const k = mach[o], i = mOff[k] + pos[o];
      if (pos[o] > 0) {
        const b = mseq[i - 1];
        const e = r[b] + p[b];
        if (e > h) h = e;
      }
      r[o] = h;
      if (h + p[o] > cmax) cmax = h + p[o];
      const s = js[o];
      if (s >= 0 && --indeg[s] === 0) topo[tail++] = s;
      if (i + 1 < mOff[k + 1]) {
        const t = mseq[i + 1];
        if (--indeg[t] === 0) topo[tail++] = t;
      }
    }
    if (tail < n) return false;
    for (let x = n - 1; x >= 0; x--) {
      const o = topo[x];
      let t = 0;
      const s = js[o];
      if (s >= 0) t = q[s] + p[s];
      const k = mach[o], i = mOff[k] + pos[o] + 1;
      if (i < mOff[k + 1]) {
        const b = mseq[i];
        const e = q[b] + p[b];
        if (e > t) t = e;
      }
      q[o] = t;
    }
    this.cmax = cmax;
    return true;
  }

  toPlan(cp: CompiledProblem): Plan {
    const alt = new Int32Array(this.n);
    for (let o = 0; o < this.n; o++) alt[o] = cp.altStart[o];
    const seqs: number[][] = [];
    for (let k = 0; k < this.m; k++) seqs.push(Array.from(this.mseq.subarray(this.mOff[k], this.mOff[k + 1])));
    return { alt, seqs, anchor: new Uint8Array(this.n) };
  }

  /** max(longest job, busiest machine): when the search reaches it, it stops. */
  lowerBound(): number {
    let lb = 0;
    const load = new Float64Array(this.m);
    for (let o = 0; o < this.n; o++) {
      load[this.mach[o]] += this.p[o];
      if (this.jp[o] < 0) {
        let len = 0;
        for (let x = o; x >= 0; x = this.js[x]) len += this.p[x];
        lb = Math.max(lb, len);
      }
    }
    for (let k = 0; k < this.m; k++) lb = Math.max(lb, load[k]);
    return lb;
  }
}

/** The fast path applies when the problem is a classic job shop: nothing but chains, units and durations. */
export function isClassicJobShop(cp: CompiledProblem): boolean {
  const w = cp.weights;
  if (w.makespan <= 0 || cp.hasSetups || cp.hasWorkingTime || cp.nOps === 0 || cp.nOps > 3000) return false;
  let total = 0;
  for (let o = 0; o < cp.nOps; o++) {
    if (cp.frozen[o] || cp.altStart[o + 1] - cp.altStart[o] !== 1) return false;
    if (cp.predStart[o + 1] - cp.predStart[o] > 1 || cp.succStart[o + 1] - cp.succStart[o] > 1) return false;
    if (cp.opRelease[o] !== cp.start) return false;
    if (w.stability > 0 && cp.baseUnit[o] >= 0) return false;
    const d = cp.altDuration[cp.altStart[o]];
    if (!Number.isInteger(d)) return false;
    total += d;
  }
  if (total >= 2 ** 30) return false;
  if (w.tardiness > 0) for (let j = 0; j < cp.nJobs; j++) if (Number.isFinite(cp.jobDue[j])) return false;
  return cp.blocked.every((b) => b.from.length === 0);
}
