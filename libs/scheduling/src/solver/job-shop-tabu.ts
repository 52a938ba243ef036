import type { CompiledProblem } from './compiled-problem';
import { JobShopGraph } from './job-shop-graph';
import type { Plan } from './plan';
import type { Rng } from './rng';
import { CLOCK_EVERY, type SearchEngine } from './search-engine';

const ELITE_SIZE = 8;

/**
 * Tabu search for the classic job shop on the disjunctive graph (Nowicki & Smutnicki's TSAB family):
 * - neighbourhood N7 (Zhang et al. 2007): in each critical block, move an operation to the block's front
 *   or back, or move the first/last operation into the block; only moves Balas & Vazacopoulos prove
 *   acyclic are generated, so no move ever needs undoing;
 * - each move is estimated from heads and tails over the moved segment only, O(block);
 * - tabu on the arcs a move reverses, randomized tenure, aspiration by the best makespan;
 * - after a stagnation the search jumps back to an elite solution, perturbed by a few random moves.
 */
export class JobShopTabu implements SearchEngine {
  iterations = 0;
  bestCost: number;
  done = false;
  private readonly g: JobShopGraph;
  private readonly tabu: Int32Array;
  private readonly best: Int32Array;
  private bestCmax: number;
  private readonly lowerBound: number;
  private readonly elite: { seq: Int32Array; cmax: number }[] = [];
  private clock = 0;
  private runBest: number;
  private sinceRunBest = 0;
  private readonly runBestSeq: Int32Array;
  private readonly tenureBase: number;
  private readonly stagnation: number;
  // Move list and scratch, sized once.
  private readonly path: Int32Array;
  private readonly mvU: Int32Array;
  private readonly mvV: Int32Array;
  private readonly mvFwd: Uint8Array;
  private readonly seg: Int32Array;
  private nMoves = 0;

  constructor(private readonly cp: CompiledProblem, initial: Plan, private readonly rng: Rng, private readonly onImproved: () => void) {
    const g = (this.g = new JobShopGraph(cp, initial));
    g.compute();
    const n = g.n;
    this.tabu = new Int32Array(n * n);
    this.best = g.mseq.slice();
    this.runBestSeq = g.mseq.slice();
    this.bestCmax = this.runBest = g.cmax;
    this.bestCost = cp.weights.makespan * g.cmax;
    this.lowerBound = g.lowerBound();
    this.done = g.cmax <= this.lowerBound;
    const jobs = cp.nJobs, machines = Math.max(1, cp.nUnits);
    this.tenureBase = 10 + Math.floor(jobs / machines);
    this.stagnation = 2000 + 10 * n;
    this.path = new Int32Array(n);
    this.mvU = new Int32Array(4 * n + 4);
    this.mvV = new Int32Array(4 * n + 4);
    this.mvFwd = new Uint8Array(4 * n + 4);
    this.seg = new Int32Array(n + 1);
  }

  bestPlan(): Plan {
    const g = new JobShopGraph(this.cp, this.g.toPlan(this.cp));
    g.load(this.best);
    return g.toPlan(this.cp);
  }

  run(deadline: number, maxIterations: number): void {
    while (!this.done && this.iterations < maxIterations) {
      if (++this.clock % CLOCK_EVERY === 0 && performance.now() >= deadline) return;
      this.iterations++;
      this.step();
    }
  }

  private step(): void {
    const g = this.g;
    this.collectMoves();
    if (this.nMoves === 0) {
      // A critical path without blocks is one job's chain: the current makespan is optimal.
      this.done = true;
      return;
    }
    const it = this.iterations;
    let pick = -1, pickEst = Infinity, ties = 0;
    for (let k = 0; k < this.nMoves; k++) {
      const u = this.mvU[k], v = this.mvV[k], fwd = this.mvFwd[k] === 1;
      const est = fwd ? this.estimateForward(u, v) : this.estimateBackward(u, v);
      if (est > pickEst) continue;
      if (est >= this.bestCmax && this.isTabu(u, v, fwd, it)) continue;
      if (est < pickEst) { pickEst = est; pick = k; ties = 1; }
      else if (this.rng.int(++ties) === 0) pick = k;
    }
    // Everything tabu and nothing aspirated: take any move, so the search keeps walking.
    if (pick < 0) pick = this.rng.int(this.nMoves);
    this.apply(this.mvU[pick], this.mvV[pick], this.mvFwd[pick] === 1, true);
    g.compute();
    if (g.cmax < this.runBest) {
      this.runBest = g.cmax;
      this.runBestSeq.set(g.mseq);
      this.sinceRunBest = 0;
      if (g.cmax < this.bestCmax) {
        this.bestCmax = g.cmax;
        this.bestCost = this.cp.weights.makespan * g.cmax;
        this.best.set(g.mseq);
        if (g.cmax <= this.lowerBound) this.done = true;
        this.onImproved();
      }
    } else if (++this.sinceRunBest > this.stagnation) {
      this.restart();
    }
  }

  /** Back-jump: remember this run's best among the elite, restart from an elite solution shaken a little. */
  private restart(): void {
    const g = this.g;
    this.remember(this.runBestSeq, this.runBest);
    const e = this.elite[Math.floor(this.rng.next() ** 2 * this.elite.length)];
    g.load(e.seq);
    const shakes = 2 + this.rng.int(Math.max(2, Math.floor(Math.sqrt(g.n) / 2)));
    for (let s = 0; s < shakes; s++) {
      this.collectMoves();
      if (this.nMoves === 0) break;
      const k = this.rng.int(this.nMoves);
      this.apply(this.mvU[k], this.mvV[k], this.mvFwd[k] === 1, false);
      g.compute();
    }
    // Forget the tabu memory, so the restart can undo what the previous run had fixed.
    this.tabu.fill(0);
    this.runBest = g.cmax;
    this.runBestSeq.set(g.mseq);
    this.sinceRunBest = 0;
  }

  private remember(seq: Int32Array, cmax: number): void {
    for (const e of this.elite) if (e.cmax === cmax && sameSequence(e.seq, seq)) return;
    if (this.elite.length < ELITE_SIZE) this.elite.push({ seq: seq.slice(), cmax });
    else {
      const worst = this.elite[this.elite.length - 1];
      if (cmax > worst.cmax) return;
      worst.seq.set(seq);
      worst.cmax = cmax;
    }
    this.elite.sort((a, b) => a.cmax - b.cmax);
  }

  /** One critical path (ties broken at random, for diversity) and the N7 moves of its blocks. */
  private collectMoves(): void {
    const g = this.g;
    const { r, p, jp } = g, path = this.path;
    let end = -1, ties = 0;
    for (let o = 0; o < g.n; o++) if (r[o] + p[o] === g.cmax && this.rng.int(++ties) === 0) end = o;
    let len = 0;
    for (let x = end; x >= 0; ) {
      path[len++] = x;
      const mp = g.machinePrev(x), j = jp[x];
      const viaMachine = mp >= 0 && r[mp] + p[mp] === r[x];
      const viaJob = j >= 0 && r[j] + p[j] === r[x];
      x = viaMachine && (!viaJob || this.rng.next() < 0.5) ? mp : viaJob ? j : -1;
    }
    this.nMoves = 0;
    // path is end-first; walk it forward in time, cutting it into blocks of machine-adjacent operations.
    let i = len - 1;
    while (i >= 0) {
      let k = i;
      while (k > 0 && g.machinePrev(path[k - 1]) === path[k]) k--;
      if (k < i) this.blockMoves(g.mach[path[i]], g.pos[path[i]], g.pos[path[k]]);
      i = k - 1;
    }
  }

  private blockMoves(machine: number, ps: number, pe: number): void {
    const g = this.g;
    const off = g.mOff[machine];
    const first = g.mseq[off + ps], last = g.mseq[off + pe];
    for (let i = ps + 1; i <= pe; i++) this.addBackward(g.mseq[off + i], first);
    const stop = pe - ps === 1 ? ps : pe; // with two operations, "first after last" is the same swap
    for (let i = ps; i < stop; i++) this.addForward(g.mseq[off + i], last);
    for (let i = ps + 1; i < pe; i++) {
      this.addForward(first, g.mseq[off + i]);
      this.addBackward(last, g.mseq[off + i]);
    }
  }

  /** u right after v (u before v now): acyclic when L(v, end) >= L(js(u), end). */
  private addForward(u: number, v: number): void {
    const g = this.g, s = g.js[u];
    if (s >= 0 && g.q[v] + g.p[v] < g.q[s] + g.p[s]) return;
    this.push(u, v, 1);
  }

  /** u right before v (u after v now): acyclic when r(v) + p(v) >= r(jp(u)) + p(jp(u)). */
  private addBackward(u: number, v: number): void {
    const g = this.g, a = g.jp[u];
    if (a >= 0 && g.r[v] + g.p[v] < g.r[a] + g.p[a]) return;
    this.push(u, v, 0);
  }

  private push(u: number, v: number, fwd: number): void {
    const k = this.nMoves++;
    this.mvU[k] = u;
    this.mvV[k] = v;
    this.mvFwd[k] = fwd;
  }

  private isTabu(u: number, v: number, fwd: boolean, it: number): boolean {
    const g = this.g, n = g.n, off = g.mOff[g.mach[u]], pu = g.pos[u], pv = g.pos[v];
    if (fwd) {
      for (let i = pu + 1; i <= pv; i++) if (this.tabu[g.mseq[off + i] * n + u] > it) return true;
    } else {
      for (let i = pv; i < pu; i++) if (this.tabu[u * n + g.mseq[off + i]] > it) return true;
    }
    return false;
  }

  /** Makespan estimate of moving u right after v: new heads forward over the segment, new tails back. */
  private estimateForward(u: number, v: number): number {
    const g = this.g, { r, q, p, jp, js, mseq } = g, seg = this.seg;
    const off = g.mOff[g.mach[u]], pu = g.pos[u], pv = g.pos[v], endOff = g.mOff[g.mach[u] + 1];
    let t = 0;
    if (pu > 0) { const a = mseq[off + pu - 1]; t = r[a] + p[a]; }
    let k = 0;
    for (let i = pu + 1; i <= pv; i++) {
      const w = mseq[off + i], a = jp[w];
      let h = a >= 0 ? r[a] + p[a] : 0;
      if (t > h) h = t;
      seg[k++] = h;
      t = h + p[w];
    }
    let ru = jp[u] >= 0 ? r[jp[u]] + p[jp[u]] : 0;
    if (t > ru) ru = t;
    t = 0;
    if (off + pv + 1 < endOff) { const b = mseq[off + pv + 1]; t = q[b] + p[b]; }
    let qu = js[u] >= 0 ? q[js[u]] + p[js[u]] : 0;
    if (t > qu) qu = t;
    let est = ru + p[u] + qu;
    t = qu + p[u];
    for (let i = pv; i > pu; i--) {
      const w = mseq[off + i], s = js[w];
      let qw = s >= 0 ? q[s] + p[s] : 0;
      if (t > qw) qw = t;
      const val = seg[--k] + p[w] + qw;
      if (val > est) est = val;
      t = qw + p[w];
    }
    return est;
  }

  /** Makespan estimate of moving u right before v (v earlier on the machine). */
  private estimateBackward(u: number, v: number): number {
    const g = this.g, { r, q, p, jp, js, mseq } = g, seg = this.seg;
    const off = g.mOff[g.mach[u]], pu = g.pos[u], pv = g.pos[v], endOff = g.mOff[g.mach[u] + 1];
    let t = 0;
    if (pv > 0) { const a = mseq[off + pv - 1]; t = r[a] + p[a]; }
    let ru = jp[u] >= 0 ? r[jp[u]] + p[jp[u]] : 0;
    if (t > ru) ru = t;
    t = ru + p[u];
    let k = 0;
    for (let i = pv; i < pu; i++) {
      const w = mseq[off + i], a = jp[w];
      let h = a >= 0 ? r[a] + p[a] : 0;
      if (t > h) h = t;
      seg[k++] = h;
      t = h + p[w];
    }
    t = 0;
    if (off + pu + 1 < endOff) { const b = mseq[off + pu + 1]; t = q[b] + p[b]; }
    let est = 0;
    for (let i = pu - 1; i >= pv; i--) {
      const w = mseq[off + i], s = js[w];
      let qw = s >= 0 ? q[s] + p[s] : 0;
      if (t > qw) qw = t;
      const val = seg[--k] + p[w] + qw;
      if (val > est) est = val;
      t = qw + p[w];
    }
    let qu = js[u] >= 0 ? q[js[u]] + p[js[u]] : 0;
    if (t > qu) qu = t;
    const val = ru + p[u] + qu;
    return val > est ? val : est;
  }

  /** Performs the move on the machine sequence; with `remember`, forbids re-creating the reversed arcs. */
  private apply(u: number, v: number, fwd: boolean, remember: boolean): void {
    const g = this.g, n = g.n, { mseq, pos } = g, off = g.mOff[g.mach[u]], pu = g.pos[u], pv = g.pos[v];
    const it = this.iterations;
    const tenure = this.tenureBase + this.rng.int(Math.max(1, (this.tenureBase >> 1) + 1));
    if (fwd) {
      for (let i = pu; i < pv; i++) {
        const w = mseq[off + i + 1];
        mseq[off + i] = w;
        pos[w] = i;
        if (remember) this.tabu[u * n + w] = it + tenure;
      }
      mseq[off + pv] = u;
      pos[u] = pv;
    } else {
      for (let i = pu; i > pv; i--) {
        const w = mseq[off + i - 1];
        mseq[off + i] = w;
        pos[w] = i;
        if (remember) this.tabu[w * n + u] = it + tenure;
      }
      mseq[off + pv] = u;
      pos[u] = pv;
    }
  }
}

function sameSequence(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
