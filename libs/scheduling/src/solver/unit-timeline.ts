import { type CompiledProblem, WINDOW_FAMILY } from './compiled-problem';

/**
 * Where the next operation of each work unit can go, given what the unit did last. One placement rule
 * shared by the constructive heuristic and the exact evaluator, so that a sequence built by the one is
 * timed identically by the other.
 *
 * Rule: the setup (if the family differs from the unit's previous operation, frozen ones included) and
 * the operation run back to back in one gap free of windows and frozen operations; the setup may start
 * before the operation's predecessors end (it needs only the unit), never before the problem's start.
 */
export class UnitTimeline {
  /** When each unit is free, which family it is set up for, and the first blocked interval not yet passed. */
  private readonly free: Float64Array;
  private readonly family: Int32Array;
  private readonly next: Int32Array;
  // Outputs of place(): fields, not an object, because place() runs in the innermost loops.
  setupStart = 0;
  start = 0;
  end = 0;
  /** True when the start was pushed by a window or frozen operation rather than the unit's previous op. */
  pushedByBlock = false;
  private placedNext = 0;

  constructor(private readonly cp: CompiledProblem) {
    this.free = new Float64Array(cp.nUnits);
    this.family = new Int32Array(cp.nUnits);
    this.next = new Int32Array(cp.nUnits);
    this.reset();
  }

  reset(): void {
    this.free.fill(this.cp.start);
    this.family.set(this.cp.unitInitialFamily);
    this.next.fill(0);
  }

  freeAt(unit: number): number {
    return this.free[unit];
  }

  /** Times an operation of family `opFamily` on `unit`, not starting before `est`; does not commit. */
  place(unit: number, est: number, duration: number, setup: number, opFamily: number): void {
    const b = this.cp.blocked[unit];
    const nb = b.from.length;
    const free = this.free[unit];
    let lo = free;
    let fam = this.family[unit];
    let k = this.next[unit];
    let s = 0, st = 0, ss = 0, en = 0;
    for (;;) {
      s = opFamily >= 0 && fam === opFamily ? 0 : setup;
      st = Math.max(est, lo + s);
      ss = st - s;
      en = st + duration;
      if (k >= nb) break;
      const bf = b.family[k];
      if (b.to[k] <= ss) {
        // Passed entirely before the setup: only a frozen op's family carries over.
        if (bf !== WINDOW_FAMILY) fam = bf;
        if (b.to[k] > lo) lo = b.to[k];
        k++;
        continue;
      }
      if (b.from[k] >= en) break;
      if (bf !== WINDOW_FAMILY) fam = bf;
      if (b.to[k] > lo) lo = b.to[k];
      k++;
    }
    this.setupStart = ss;
    this.start = st;
    this.end = en;
    this.pushedByBlock = st > est && lo > free;
    this.placedNext = k;
  }

  /** Commits the last place() on `unit`. */
  commit(unit: number, opFamily: number): void {
    this.free[unit] = this.end;
    this.family[unit] = opFamily;
    this.next[unit] = this.placedNext;
  }
}
