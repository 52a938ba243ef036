import type { CompiledProblem } from './compiled-problem';
import type { Plan } from './plan';
import { UnitTimeline } from './unit-timeline';

/** Dispatching rules: which of the operations that could start next goes first. */
export type DispatchRule = 'most-work-remaining' | 'least-slack' | 'baseline-order';

/**
 * Serial schedule generation in the manner of Giffler & Thompson: among the ready operations, find the
 * earliest possible completion T over all their alternatives; any ready operation that could start before
 * T competes, and the rule picks one, placed on its alternative that ends first. Quadratic in the number
 * of ready operations only, so 500 operations take a few milliseconds.
 */
export function construct(cp: CompiledProblem, rule: DispatchRule): Plan {
  const n = cp.nOps;
  const anchor = new Uint8Array(n);
  if (cp.weights.stability > 0) for (let o = 0; o < n; o++) anchor[o] = cp.baseUnit[o] >= 0 ? 1 : 0;
  const alt = new Int32Array(n).fill(-1);
  const seqs: number[][] = cp.unitIds.map(() => []);
  const work = remainingWork(cp);
  const end = new Float64Array(n);
  const waiting = new Int32Array(n);
  const ready: number[] = [];
  for (let o = 0; o < n; o++) {
    if (cp.frozen[o]) { end[o] = cp.frozenEnd[o]; continue; }
    for (let k = cp.predStart[o]; k < cp.predStart[o + 1]; k++) if (!cp.frozen[cp.predList[k]]) waiting[o]++;
    if (waiting[o] === 0) ready.push(o);
  }
  const tl = new UnitTimeline(cp);
  const placed = new Uint8Array(n);
  const bestAlt = new Int32Array(n), bestStart = new Float64Array(n), bestEnd = new Float64Array(n);
  while (ready.length > 0) {
    let horizon = Infinity;
    for (const o of ready) {
      if (placed[o]) { horizon = Math.min(horizon, bestEnd[o]); continue; }
      placed[o] = 1;
      let est = cp.opRelease[o];
      for (let k = cp.predStart[o]; k < cp.predStart[o + 1]; k++) est = Math.max(est, end[cp.predList[k]]);
      if (anchor[o]) est = Math.max(est, cp.baseStart[o]);
      bestEnd[o] = Infinity;
      for (let a = cp.altStart[o]; a < cp.altStart[o + 1]; a++) {
        tl.place(cp.altUnit[a], est, cp.altDuration[a], cp.altSetup[a], cp.opFamily[o]);
        const better = tl.end < bestEnd[o] || (tl.end === bestEnd[o] && rule === 'baseline-order' && cp.altUnit[a] === cp.baseUnit[o]);
        if (better) { bestEnd[o] = tl.end; bestStart[o] = tl.start; bestAlt[o] = a; }
      }
      horizon = Math.min(horizon, bestEnd[o]);
    }
    let pick = -1, pickIndex = -1;
    for (let i = 0; i < ready.length; i++) {
      const o = ready[i];
      if (bestStart[o] >= horizon) continue;
      if (pick < 0 || precedes(cp, rule, o, pick, work, bestStart)) { pick = o; pickIndex = i; }
    }
    const a = bestAlt[pick];
    const u = cp.altUnit[a];
    tl.place(u, bestStart[pick], cp.altDuration[a], cp.altSetup[a], cp.opFamily[pick]);
    tl.commit(u, cp.opFamily[pick]);
    end[pick] = tl.end;
    alt[pick] = a;
    seqs[u].push(pick);
    ready[pickIndex] = ready[ready.length - 1];
    ready.pop();
    // Only the ready operations that could use the unit just taken need placing again.
    for (const o of ready) {
      for (let b = cp.altStart[o]; b < cp.altStart[o + 1]; b++) if (cp.altUnit[b] === u) placed[o] = 0;
    }
    for (let k = cp.succStart[pick]; k < cp.succStart[pick + 1]; k++) {
      const s = cp.succList[k];
      if (!cp.frozen[s] && --waiting[s] === 0) ready.push(s);
    }
  }
  return { alt, seqs, anchor };
}

function precedes(cp: CompiledProblem, rule: DispatchRule, a: number, b: number, work: Float64Array, start: Float64Array): boolean {
  if (rule === 'least-slack') {
    const sa = cp.jobDue[cp.opJob[a]] - start[a] - work[a], sb = cp.jobDue[cp.opJob[b]] - start[b] - work[b];
    // Divide by weight so a heavy job's slack looks shorter; jobs without due date come last.
    const pa = sa / Math.max(cp.jobWeight[cp.opJob[a]], 1e-9), pb = sb / Math.max(cp.jobWeight[cp.opJob[b]], 1e-9);
    if (pa !== pb && !(Number.isNaN(pa) && Number.isNaN(pb))) return pa < pb || Number.isNaN(pb);
  } else if (rule === 'baseline-order') {
    const ba = cp.baseUnit[a] >= 0 ? cp.baseStart[a] : Infinity, bb = cp.baseUnit[b] >= 0 ? cp.baseStart[b] : Infinity;
    if (ba !== bb) return ba < bb;
  }
  if (work[a] !== work[b]) return work[a] > work[b];
  return a < b;
}

/** Longest chain of shortest durations from each operation to the end of its job: "work remaining". */
function remainingWork(cp: CompiledProblem): Float64Array {
  const n = cp.nOps;
  const work = new Float64Array(n);
  const pending = new Int32Array(n);
  const stack: number[] = [];
  for (let o = 0; o < n; o++) {
    pending[o] = cp.succStart[o + 1] - cp.succStart[o];
    if (pending[o] === 0) stack.push(o);
  }
  while (stack.length > 0) {
    const o = stack.pop() as number;
    let d = Infinity;
    for (let a = cp.altStart[o]; a < cp.altStart[o + 1]; a++) d = Math.min(d, cp.altDuration[a]);
    let after = 0;
    for (let k = cp.succStart[o]; k < cp.succStart[o + 1]; k++) after = Math.max(after, work[cp.succList[k]]);
    work[o] = (Number.isFinite(d) ? d : 0) + after;
    for (let k = cp.predStart[o]; k < cp.predStart[o + 1]; k++) if (--pending[cp.predList[k]] === 0) stack.push(cp.predList[k]);
  }
  return work;
}
