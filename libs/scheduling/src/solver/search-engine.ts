import type { Plan } from './plan';

/**
 * An improvement search that can be run in slices: it keeps its state (current solution, tabu memory,
 * elite pool) between calls to run(), so a service can ask for "a bit more" whenever it likes.
 */
export interface SearchEngine {
  /** Searches until the deadline (a performance.now() value) or until `iterations` reaches the cap. */
  run(deadline: number, maxIterations: number): void;
  readonly iterations: number;
  readonly bestCost: number;
  bestPlan(): Plan;
  /** True when the best is provably optimal (equal to a lower bound): nothing more to search. */
  readonly done: boolean;
}

/** How often the hot loops read the clock: reading it is not free, and each iteration is microseconds. */
export const CLOCK_EVERY = 16;
