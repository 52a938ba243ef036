/**
 * A schedule as the search manipulates it: the chosen alternative of every operation and the order of the
 * operations on each unit. Times follow from it (earliest start), so every plan the search visits is
 * feasible by construction as long as the order is acyclic.
 */
export interface Plan {
  /** Global alternative index (into CompiledProblem.alt*) per operation; -1 for a frozen operation. */
  readonly alt: Int32Array;
  /** Non-frozen operations of each unit, in the order they run. */
  readonly seqs: number[][];
  /**
   * 1 where a baseline operation is held no earlier than its baseline start: a left-shift that nothing
   * needed would cost stability. The search may release an anchor when that pays.
   */
  readonly anchor: Uint8Array;
}

export function clonePlan(p: Plan): Plan {
  return { alt: p.alt.slice(), seqs: p.seqs.map((s) => s.slice()), anchor: p.anchor.slice() };
}

export function copyPlanInto(from: Plan, to: Plan): void {
  to.alt.set(from.alt);
  to.anchor.set(from.anchor);
  from.seqs.forEach((s, u) => {
    const t = to.seqs[u];
    t.length = s.length;
    for (let i = 0; i < s.length; i++) t[i] = s[i];
  });
}
