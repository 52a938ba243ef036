import type { SchedulingProblem, Solution } from '../problem';
import { Scheduler } from './scheduler';

export interface SolveOptions {
  timeLimitMs: number;
  seed?: number;
  /** With a seed, the same cap gives the same result whatever the machine's speed. */
  maxIterations?: number;
  onImproved?: (best: Solution, elapsedMs: number) => void;
}

export interface SolveResult extends Solution {
  iterations: number;
  elapsedMs: number;
  improvements: number;
}

/** Builds a feasible schedule at once, then improves it until the time limit or the iteration cap. */
export function solve(problem: SchedulingProblem, options: SolveOptions): SolveResult {
  const t0 = performance.now();
  const { onImproved } = options;
  const scheduler = new Scheduler(problem, {
    seed: options.seed,
    onImproved: onImproved ? (best) => onImproved(best, performance.now() - t0) : undefined,
  });
  scheduler.search(t0 + options.timeLimitMs, options.maxIterations ?? Infinity);
  return {
    ...scheduler.best,
    iterations: scheduler.iterations,
    elapsedMs: performance.now() - t0,
    improvements: scheduler.improvements,
  };
}
