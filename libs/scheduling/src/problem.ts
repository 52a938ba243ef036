/**
 * The problem a finite-capacity scheduler solves: a flexible job shop with release times, due dates,
 * sequence-dependent setups, work-unit unavailability and frozen operations.
 *
 * Times are integers in the caller's unit. The classic benchmark uses its own time units; the production
 * service uses seconds from the start of the planning horizon.
 */

/** A half-open interval [from, to) of time. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/** A work unit (ISA-95) as the scheduler sees it: when it cannot work, and what it is set up for now. */
export interface WorkUnitCapacity {
  readonly id: string;
  /** Planned downtime and breakdowns (until their expected repair). Nothing may be set up or run in them. */
  readonly unavailable?: readonly TimeWindow[];
  /** The setup family the unit is set up for at the horizon's start; its first operation of that family needs no setup. */
  readonly initialSetupFamily?: string;
  /**
   * When the unit is staffed (its shift calendar): sorted, non-overlapping intervals, breaks, nights and
   * weekends left out. Absent: the unit works round the clock. Present, an operation's setup and processing
   * are counted in working time and pause outside it, because a shift hands the work on to the next one
   * rather than forcing a six-hour operation into one uninterrupted gap: setupStart and start lie inside
   * working time, `setup` + `duration` working time units pass between setupStart and end, and the unit
   * stays occupied over the pauses in between (a half-machined part sits in the machine overnight).
   * Unavailability windows are not pauses: nothing is set up or runs across one, pause or not.
   *
   * The calendar should reach past the horizon the caller cares about: after its last interval the unit is
   * taken to work round the clock, so that every operation still has a place (an operation that lands
   * there is overflow for a planner to look at, not a plan to follow). Before its first interval the unit
   * does not work.
   */
  readonly workingTime?: readonly TimeWindow[];
}

/** One way to run an operation: on this work unit, taking this long, after this setup. */
export interface Alternative {
  readonly workUnitId: string;
  /** Processing time on this work unit (> 0); working time when the unit has a `workingTime` calendar. */
  readonly duration: number;
  /**
   * Setup time on this work unit (>= 0, default 0; working time, as `duration`). It is needed unless the operation that runs just before
   * on the same unit (or the unit's initial setup) has the same setup family. Setup needs only the unit, not
   * the part, so it may run while the job's previous operation is still under way (anticipatory setup).
   */
  readonly setup?: number;
}

/**
 * An operation (a job order's segment): runs once on one of its alternatives, without interruption, except
 * for the pauses outside its unit's working time.
 */
export interface Operation {
  /** Unique over the whole problem. */
  readonly id: string;
  readonly alternatives: readonly Alternative[];
  /**
   * Operations (of the same job) that must end before this one starts. Omitted: the operation before it in
   * the job's list (a routing). An empty list: none.
   */
  readonly after?: readonly string[];
  /** Operations of one family run back to back on a unit without setup between them (e.g. the product). */
  readonly setupFamily?: string;
}

/** A job (a released job order): operations with precedence, a release time, a due date and a weight. */
export interface Job {
  readonly id: string;
  readonly operations: readonly Operation[];
  /** No operation of the job starts before this. Default: the problem's start. */
  readonly release?: number;
  /** Tardiness is counted after this. Default: none (the job is never tardy). */
  readonly due?: number;
  /** Weight of its tardiness (>= 0, default 1), e.g. the job order's priority. */
  readonly weight?: number;
}

/**
 * An operation that must not move: running, or locked by a planner. It occupies its unit over
 * [start, end) exactly as given (setup, if any, is already done), even inside an unavailability window
 * (a running operation the caller knows to be paused through an outage ends later) and whatever the unit's
 * working time says (the caller knows how it runs over its pauses). The operations
 * that precede a frozen operation must be frozen too, or absent (done).
 */
export interface FrozenOperation {
  readonly operationId: string;
  readonly workUnitId: string;
  readonly start: number;
  readonly end: number;
}

/** The weights of the objective: cost = makespan·w + weighted tardiness·w + stability·w. */
export interface ObjectiveWeights {
  /** Per time unit of the makespan (the last end, measured from the problem's start). */
  readonly makespan: number;
  /** Per time unit of each job's weighted tardiness. */
  readonly tardiness: number;
  /**
   * Per time unit an operation of the baseline starts away from where it was, plus `reassignment` time
   * units when it changes work unit: moving what did not need to move costs.
   */
  readonly stability: number;
  /** Time units of stability cost a change of work unit counts as (beside the shift in start). */
  readonly reassignment: number;
}

export interface SchedulingProblem {
  /** Now: nothing that is not frozen starts (or is set up) before it. */
  readonly start: number;
  readonly workUnits: readonly WorkUnitCapacity[];
  readonly jobs: readonly Job[];
  readonly frozen?: readonly FrozenOperation[];
  /** The schedule in force before this revision; the stability term measures moves away from it. */
  readonly baseline?: readonly ScheduledOperation[];
  readonly weights?: Partial<ObjectiveWeights>;
}

/**
 * Where and when one operation runs. The unit is busy over [setupStart, end), pauses outside its working
 * time included.
 */
export interface ScheduledOperation {
  readonly operationId: string;
  readonly jobId: string;
  readonly workUnitId: string;
  /** Equal to `start` when no setup is needed. */
  readonly setupStart: number;
  readonly start: number;
  readonly end: number;
}

/** A schedule and what it costs. */
export interface Solution {
  /** Every operation of the problem (frozen ones included), sorted by work unit then start. */
  readonly operations: readonly ScheduledOperation[];
  /** Last end minus the problem's start. */
  readonly makespan: number;
  /** Σ weight × max(0, job end − due). */
  readonly weightedTardiness: number;
  /** Σ over baseline operations of |Δstart| + reassignment × (unit changed). 0 without a baseline. */
  readonly instability: number;
  /** The weighted objective the search minimises. */
  readonly cost: number;
}
