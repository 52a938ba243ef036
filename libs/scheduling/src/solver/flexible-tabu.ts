import type { CompiledProblem } from './compiled-problem';
import { applyMove, type Move, newUndo, undoMove } from './flexible-moves';
import { clonePlan, copyPlanInto, type Plan } from './plan';
import { Bound, PlanEvaluator } from './plan-evaluator';
import type { Rng } from './rng';
import { CLOCK_EVERY, type SearchEngine } from './search-engine';

/** Exact evaluations per iteration: beyond this a random sample of the neighbourhood is evaluated. */
const MAX_CANDIDATES = 48;

/**
 * Tabu search for the general problem (flexible routing, setups, windows, frozen operations, tardiness,
 * stability). Each iteration picks an operation that costs (the last one, the end of a tardy job, a moved
 * baseline operation), walks back the chain of constraints that fixed its start, and tries: shifting
 * chain operations within their unit block (swaps and moves to the block's ends, as in N7), moving them
 * to another eligible unit near the same time, and releasing or restoring baseline anchors. Every
 * candidate is timed exactly by the forward pass, so windows, setups and frozen operations need no
 * approximation. Tabu: a moved operation stays put for a randomized tenure unless that beats the best.
 */
export class FlexibleTabu implements SearchEngine {
  iterations = 0;
  bestCost: number;
  done = false;
  private readonly ev: PlanEvaluator;
  private readonly cur: Plan;
  private readonly best: Plan;
  private curCost: number;
  private readonly tabuUntil: Int32Array;
  private readonly chain: number[] = [];
  private readonly moves: Move[] = [];
  private nMoves = 0;
  private readonly undo = newUndo();
  private sinceBest = 0;
  private clock = 0;
  private readonly stagnation: number;

  constructor(private readonly cp: CompiledProblem, initial: Plan, private readonly rng: Rng, private readonly onImproved: () => void) {
    this.ev = new PlanEvaluator(cp);
    this.cur = clonePlan(initial);
    this.best = clonePlan(initial);
    this.ev.evaluate(this.cur);
    this.curCost = this.bestCost = this.ev.cost;
    this.tabuUntil = new Int32Array(cp.nOps);
    this.stagnation = 150 + cp.nOps;
    this.done = this.bestCost === 0;
  }

  bestPlan(): Plan {
    return clonePlan(this.best);
  }

  run(deadline: number, maxIterations: number): void {
    while (!this.done && this.iterations < maxIterations) {
      if (++this.clock % CLOCK_EVERY === 0 && performance.now() >= deadline) return;
      this.iterations++;
      this.step();
    }
  }

  private step(): void {
    const ev = this.ev;
    const sink = this.pickSink();
    if (sink < 0) { this.done = true; return; }
    this.collectMoves(sink);
    if (this.nMoves === 0) { this.restart(); return; }
    // Sample without replacement when the neighbourhood is large (partial Fisher-Yates on the prefix).
    const count = Math.min(this.nMoves, MAX_CANDIDATES);
    for (let i = 0; i < count; i++) {
      const j = i + this.rng.int(this.nMoves - i);
      const t = this.moves[i]; this.moves[i] = this.moves[j]; this.moves[j] = t;
    }
    const it = this.iterations;
    let pick = -1, pickCost = Infinity, ties = 0;
    for (let i = 0; i < count; i++) {
      const m = this.moves[i];
      applyMove(this.cp, this.cur, m, this.undo);
      const ok = ev.evaluate(this.cur);
      undoMove(this.cp, this.cur, this.undo);
      if (!ok) continue;
      const c = ev.cost;
      if (this.tabuUntil[m.op] > it && c >= this.bestCost) continue;
      if (c < pickCost) { pick = i; pickCost = c; ties = 1; }
      else if (c === pickCost && this.rng.int(++ties) === 0) pick = i;
    }
    if (pick < 0) { ev.evaluate(this.cur); this.countStagnation(); return; }
    const m = this.moves[pick];
    applyMove(this.cp, this.cur, m, this.undo);
    ev.evaluate(this.cur);
    this.curCost = ev.cost;
    const tenure = 3 + this.rng.int(Math.max(4, Math.floor(Math.sqrt(this.cp.nOps))));
    this.tabuUntil[m.op] = it + tenure;
    if (this.curCost < this.bestCost - 1e-9) {
      this.bestCost = this.curCost;
      copyPlanInto(this.cur, this.best);
      this.sinceBest = 0;
      this.onImproved();
    } else this.countStagnation();
  }

  private countStagnation(): void {
    if (++this.sinceBest > this.stagnation) this.restart();
  }

  /** Back to the best, shaken by a few random neighbourhood moves, with the tabu memory cleared. */
  private restart(): void {
    copyPlanInto(this.best, this.cur);
    this.ev.evaluate(this.cur);
    const shakes = 1 + this.rng.int(4);
    for (let s = 0; s < shakes; s++) {
      const sink = this.pickSink();
      if (sink < 0) break;
      this.collectMoves(sink);
      if (this.nMoves === 0) break;
      applyMove(this.cp, this.cur, this.moves[this.rng.int(this.nMoves)], this.undo);
      if (!this.ev.evaluate(this.cur)) { undoMove(this.cp, this.cur, this.undo); this.ev.evaluate(this.cur); }
    }
    this.curCost = this.ev.cost;
    this.tabuUntil.fill(0);
    this.sinceBest = 0;
  }

  /** An operation whose time costs: the last one, the end of a tardy job, or a baseline op that moved. */
  private pickSink(): number {
    const cp = this.cp, ev = this.ev, w = cp.weights;
    const kinds: number[] = [];
    if (w.makespan > 0) kinds.push(0);
    if (w.tardiness > 0 && ev.weightedTardiness > 0) kinds.push(1);
    if (w.stability > 0 && ev.instability > 0) kinds.push(2);
    if (kinds.length === 0) return -1;
    const kind = kinds[this.rng.int(kinds.length)];
    let pick = -1, ties = 0;
    if (kind === 0) {
      let last = -Infinity;
      for (let o = 0; o < cp.nOps; o++) {
        if (cp.frozen[o]) continue;
        if (ev.end[o] > last) { last = ev.end[o]; pick = o; ties = 1; }
        else if (ev.end[o] === last && this.rng.int(++ties) === 0) pick = o;
      }
      return pick;
    }
    if (kind === 1) {
      // Roulette over tardy jobs by weighted tardiness, then the job's last-ending movable operation.
      let target = this.rng.next() * ev.weightedTardiness, job = -1;
      for (let j = 0; j < cp.nJobs && job < 0; j++) {
        const late = ev.jobEnd[j] - cp.jobDue[j];
        if (late > 0) { target -= cp.jobWeight[j] * late; if (target <= 0) job = j; }
      }
      let last = -Infinity;
      for (let o = 0; o < cp.nOps; o++) if (cp.opJob[o] === job && !cp.frozen[o] && ev.end[o] > last) { last = ev.end[o]; pick = o; }
      return pick;
    }
    for (let o = 0; o < cp.nOps; o++) {
      if (cp.baseUnit[o] < 0) continue;
      if (ev.start[o] === cp.baseStart[o] && cp.altUnit[this.cur.alt[o]] === cp.baseUnit[o]) continue;
      if (this.rng.int(++ties) === 0) pick = o;
    }
    return pick;
  }

  private collectMoves(sink: number): void {
    const cp = this.cp, ev = this.ev, chain = this.chain;
    this.nMoves = 0;
    chain.length = 0;
    for (let x = sink; x >= 0 && chain.length < cp.nOps; x = ev.boundBy[x]) chain.push(x);
    // chain is latest-first; blocks are runs linked by the unit predecessor.
    for (let i = 0; i < chain.length; i++) {
      const x = chain[i];
      if (ev.bound[x] === Bound.Anchor) this.add(x, 'anchor', -1, -1, -1);
      if (cp.altStart[x + 1] - cp.altStart[x] > 1) this.reassignments(x);
      if (ev.bound[x] !== Bound.UnitPredecessor) continue;
      let k = i;
      while (k + 1 < chain.length && ev.bound[chain[k]] === Bound.UnitPredecessor && ev.boundBy[chain[k]] === chain[k + 1]) k++;
      if (k > i) this.blockMoves(chain[k], chain[i]);
      i = k;
    }
    if (cp.weights.stability > 0 && cp.baseUnit[sink] >= 0) {
      if (!this.cur.anchor[sink]) this.add(sink, 'anchor', -1, -1, -1);
      for (let a = cp.altStart[sink]; a < cp.altStart[sink + 1]; a++) {
        if (cp.altUnit[a] === cp.baseUnit[sink] && a !== this.cur.alt[sink]) this.insertNear(sink, a, cp.baseStart[sink]);
      }
    }
  }

  /** first..last run back to back on one unit (first earliest): N7-style shifts within the block. */
  private blockMoves(first: number, last: number): void {
    const cp = this.cp, plan = this.cur;
    const a = plan.alt[first];
    const unit = cp.altUnit[a];
    const seq = plan.seqs[unit];
    const ps = seq.indexOf(first), pe = seq.indexOf(last);
    for (let i = ps + 1; i <= pe; i++) {
      const u = seq[i];
      this.add(u, 'insert', plan.alt[u], unit, ps); // to the block's front
      if (i - 1 > ps) this.add(u, 'insert', plan.alt[u], unit, i - 1); // swap with its predecessor
    }
    for (let i = ps; i < pe; i++) {
      const u = seq[i];
      if (pe - ps > 1 || i !== ps) this.add(u, 'insert', plan.alt[u], unit, pe); // to the block's back
    }
  }

  private reassignments(x: number): void {
    const cp = this.cp;
    for (let a = cp.altStart[x]; a < cp.altStart[x + 1]; a++) {
      if (a === this.cur.alt[x]) continue;
      this.insertNear(x, a, this.ev.start[x]);
    }
  }

  /** Candidate positions for x on alternative a's unit: just before and after the ops around time t. */
  private insertNear(x: number, a: number, t: number): void {
    const cp = this.cp, unit = cp.altUnit[a], seq = this.cur.seqs[unit];
    const self = cp.altUnit[this.cur.alt[x]] === unit ? seq.indexOf(x) : -1;
    let i = 0;
    while (i < seq.length && (seq[i] === x || this.ev.start[seq[i]] < t)) i++;
    if (self >= 0 && self < i) i--; // index in the sequence without x
    this.add(x, 'insert', a, unit, i);
    if (i > 0) this.add(x, 'insert', a, unit, i - 1);
  }

  private add(op: number, kind: Move['kind'], alt: number, unit: number, index: number): void {
    if (this.cp.frozen[op]) return;
    if (this.nMoves === this.moves.length) this.moves.push({ op, kind, alt, unit, index });
    else {
      const m = this.moves[this.nMoves];
      m.op = op; m.kind = kind; m.alt = alt; m.unit = unit; m.index = index;
    }
    this.nMoves++;
  }
}
