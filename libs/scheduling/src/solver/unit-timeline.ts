import { type CompiledProblem, WINDOW_FAMILY } from './compiled-problem';
import { CalendarWalk, type WorkingCalendar } from './working-calendar';

/**
 * Where the next operation of each work unit can go, given what the unit did last. One placement rule
 * shared by the constructive heuristic and the exact evaluator, so that a sequence built by the one is
 * timed identically by the other.
 *
 * Rule: the setup (if the family differs from the unit's previous operation, frozen ones included) and
 * the operation run back to back in one gap free of windows and frozen operations; the setup may start
 * before the operation's predecessors end (it needs only the unit), never before the problem's start.
 * On a unit with working time, setup and operation count working time only: the setup starts at a
 * working instant, the operation at the next working instant after the setup's working time, and it ends
 * once its duration of working time has passed; the pauses in between belong to its busy span, which must
 * still miss every window and frozen operation (else it moves past the one it meets and tries again).
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
  /** True when the unit (its previous op, a window or a frozen op), not `est`, fixed the start. */
  unitBound = false;
  /** True when the start was pushed by a window or frozen operation rather than the unit's previous op. */
  pushedByBlock = false;
  private placedNext = 0;
  /** Per unit with working time, the calendar interval its free time falls in (or the next one). */
  private readonly calendarAt: Int32Array;
  private placedAt = 0;
  private readonly walk = new CalendarWalk();

  constructor(private readonly cp: CompiledProblem) {
    this.free = new Float64Array(cp.nUnits);
    this.family = new Int32Array(cp.nUnits);
    this.next = new Int32Array(cp.nUnits);
    this.calendarAt = new Int32Array(cp.nUnits);
    this.reset();
  }

  reset(): void {
    this.free.fill(this.cp.start);
    this.family.set(this.cp.unitInitialFamily);
    this.next.fill(0);
    this.calendarAt.fill(0);
  }

  freeAt(unit: number): number {
    return this.free[unit];
  }

  /** Times an operation of family `opFamily` on `unit`, not starting before `est`; does not commit. */
  place(unit: number, est: number, duration: number, setup: number, opFamily: number): void {
    const calendar = this.cp.working[unit];
    if (calendar) {
      this.placeInWorkingTime(calendar, unit, est, duration, setup, opFamily);
      return;
    }
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
      // Done when the next blocked interval starts after the end without having ended before the setup;
      // otherwise the op goes after it (a frozen op's family carries over, a window's does not) and tries again.
      if (b.to[k] > ss && b.from[k] >= en) break;
      const bf = b.family[k];
      if (bf !== WINDOW_FAMILY) fam = bf;
      if (b.to[k] > lo) lo = b.to[k];
      k++;
    }
    this.setupStart = ss;
    this.start = st;
    this.end = en;
    this.unitBound = st > est;
    this.pushedByBlock = st > est && lo > free;
    this.placedNext = k;
  }

  /** place() on a unit with working time: the same loop over blocked intervals, times walked on the calendar. */
  private placeInWorkingTime(cal: WorkingCalendar, unit: number, est: number, duration: number, setup: number, opFamily: number): void {
    const b = this.cp.blocked[unit];
    const nb = b.from.length;
    const free = this.free[unit];
    const walk = this.walk;
    let lo = free;
    let fam = this.family[unit];
    let k = this.next[unit];
    let ss = 0, st = 0, en = 0, byUnit = false, at = this.calendarAt[unit];
    for (;;) {
      const s = opFamily >= 0 && fam === opFamily ? 0 : setup;
      // Earliest start the unit allows: set up from its first working instant, start at the next one after.
      at = walk.seek(cal, lo, at);
      const setupFrom = walk.working(cal, lo, at);
      const unitStart = s > 0 ? walk.resume(cal, walk.advance(cal, setupFrom, walk.at, s)) : setupFrom;
      byUnit = unitStart > est;
      if (byUnit) {
        st = unitStart;
        ss = setupFrom;
      } else {
        st = walk.working(cal, est, walk.seek(cal, est, walk.at));
        const stAt = walk.at;
        ss = s > 0 ? walk.back(cal, st, stAt, s) : st;
        walk.at = stAt;
      }
      en = walk.advance(cal, st, walk.at, duration);
      if (k >= nb) break;
      if (b.to[k] > ss && b.from[k] >= en) break;
      const bf = b.family[k];
      if (bf !== WINDOW_FAMILY) fam = bf;
      if (b.to[k] > lo) lo = b.to[k];
      k++;
    }
    this.setupStart = ss;
    this.start = st;
    this.end = en;
    this.unitBound = byUnit;
    this.pushedByBlock = byUnit && lo > free;
    this.placedNext = k;
    this.placedAt = walk.at;
  }

  /** Commits the last place() on `unit`. */
  commit(unit: number, opFamily: number): void {
    this.free[unit] = this.end;
    this.family[unit] = opFamily;
    this.next[unit] = this.placedNext;
    // The interval the end fell in: the next placement on the unit walks on from there.
    if (this.cp.working[unit]) this.calendarAt[unit] = this.placedAt;
  }
}
