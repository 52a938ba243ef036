import type { SchedulingProblem, Solution } from '../problem';
import { validateProblem } from '../validation/validate-problem';
import { compileProblem, type CompiledProblem } from './compiled-problem';
import { construct, type DispatchRule } from './constructive';
import { FlexibleTabu } from './flexible-tabu';
import { isClassicJobShop } from './job-shop-graph';
import { JobShopTabu } from './job-shop-tabu';
import type { Plan } from './plan';
import { PlanEvaluator } from './plan-evaluator';
import { Rng } from './rng';
import type { SearchEngine } from './search-engine';
import { toSolution } from './to-solution';

const RULES: readonly DispatchRule[] = ['most-work-remaining', 'least-slack', 'baseline-order'];

export interface SchedulerOptions {
  seed?: number;
  /** Called with each new best; building the Solution costs O(n log n), so it is only built when asked. */
  onImproved?: (best: Solution) => void;
}

/**
 * Anytime scheduling for a service: a feasible schedule at once (the best of a few dispatching rules),
 * then improve(budgetMs) as often as there is time. The best never gets worse.
 */
export class Scheduler {
  private readonly cp: CompiledProblem;
  private readonly ev: PlanEvaluator;
  private readonly engine: SearchEngine;
  private cached: Solution | undefined;
  private improvementCount = 0;

  constructor(problem: SchedulingProblem, options: SchedulerOptions = {}) {
    validateProblem(problem);
    this.cp = compileProblem(problem);
    this.ev = new PlanEvaluator(this.cp);
    const initial = this.bestConstructive();
    const rng = new Rng(options.seed ?? 1);
    const onBest = (): void => {
      this.improvementCount++;
      this.cached = undefined;
      if (options.onImproved) options.onImproved(this.best);
    };
    this.engine = isClassicJobShop(this.cp)
      ? new JobShopTabu(this.cp, initial, rng, onBest)
      : new FlexibleTabu(this.cp, initial, rng, onBest);
  }

  get best(): Solution {
    if (!this.cached) {
      const plan = this.engine.bestPlan();
      this.ev.evaluate(plan);
      this.cached = toSolution(this.cp, plan, this.ev);
    }
    return this.cached;
  }

  get iterations(): number {
    return this.engine.iterations;
  }

  get improvements(): number {
    return this.improvementCount;
  }

  /** Searches for about budgetMs more; true if the best improved. */
  improve(budgetMs: number): boolean {
    const before = this.engine.bestCost;
    this.search(performance.now() + budgetMs, Infinity);
    return this.engine.bestCost < before;
  }

  /** Searches until the deadline (performance.now() clock) or the iteration cap, whichever first. */
  search(deadline: number, maxIterations: number): void {
    this.engine.run(deadline, maxIterations);
  }

  private bestConstructive(): Plan {
    let best: Plan | undefined;
    let bestCost = Infinity;
    for (const rule of RULES) {
      if (rule === 'least-slack' && !this.hasDueDates()) continue;
      if (rule === 'baseline-order' && !this.cp.baseUnit.some((u) => u >= 0)) continue;
      const plan = construct(this.cp, rule);
      if (this.ev.evaluate(plan) && this.ev.cost < bestCost) {
        best = plan;
        bestCost = this.ev.cost;
      }
    }
    if (!best) throw new Error('scheduler: no dispatching rule produced a schedule'); // cannot happen on a valid problem
    return best;
  }

  private hasDueDates(): boolean {
    return this.cp.jobDue.some((d) => Number.isFinite(d));
  }
}
