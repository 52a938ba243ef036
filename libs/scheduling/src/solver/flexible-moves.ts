import type { CompiledProblem } from './compiled-problem';
import type { Plan } from './plan';

/**
 * A move of the general search: take operation `op` out of its unit sequence and insert it on unit
 * `unit` (alternative `alt`) at `index` of that sequence (counted without `op`); or flip its anchor.
 * Shifts, swaps and reassignments are all this one shape, so one apply/undo pair serves them all.
 */
export interface Move {
  op: number;
  kind: 'insert' | 'anchor';
  alt: number;
  unit: number;
  index: number;
}

/** What apply() changed, for undo(). */
export interface Undo {
  op: number;
  kind: 'insert' | 'anchor';
  alt: number;
  unit: number;
  index: number;
}

export function applyMove(cp: CompiledProblem, plan: Plan, m: Move, undo: Undo): void {
  undo.op = m.op;
  undo.kind = m.kind;
  if (m.kind === 'anchor') {
    plan.anchor[m.op] ^= 1;
    return;
  }
  const fromAlt = plan.alt[m.op];
  const fromUnit = cp.altUnit[fromAlt];
  const seq = plan.seqs[fromUnit];
  const at = seq.indexOf(m.op);
  seq.splice(at, 1);
  plan.seqs[m.unit].splice(m.index, 0, m.op);
  plan.alt[m.op] = m.alt;
  undo.alt = fromAlt;
  undo.unit = fromUnit;
  undo.index = at;
}

export function undoMove(cp: CompiledProblem, plan: Plan, u: Undo): void {
  if (u.kind === 'anchor') {
    plan.anchor[u.op] ^= 1;
    return;
  }
  const seq = plan.seqs[cp.altUnit[plan.alt[u.op]]];
  seq.splice(seq.indexOf(u.op), 1);
  plan.seqs[u.unit].splice(u.index, 0, u.op);
  plan.alt[u.op] = u.alt;
}

export function newUndo(): Undo {
  return { op: -1, kind: 'insert', alt: -1, unit: -1, index: -1 };
}
