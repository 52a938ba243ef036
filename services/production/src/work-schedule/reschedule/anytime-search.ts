import type { Scheduler } from '@quadrant/scheduling';

/** Search slices short enough that HTTP requests and the relay keep being served in between. */
const SLICE_MS = 40;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Improves a schedule for `budgetMs` of search time, in slices. In the background it rests three times as
 * long as it searched after each slice: a quarter of a core, so commands, the relay and (embedded) the
 * gateway's consumers in the same process keep their pace. The clock bounds both ways: a slice that
 * returns at once (nothing left to try) still ends the search in time.
 */
export async function searchFor(scheduler: Pick<Scheduler, 'improve'>, budgetMs: number, background?: { cancelled: boolean }): Promise<void> {
  const deadline = performance.now() + (background ? budgetMs * 4 : budgetMs);
  for (let searched = 0; searched < budgetMs && performance.now() < deadline && !background?.cancelled; ) {
    const started = performance.now();
    scheduler.improve(Math.min(SLICE_MS, budgetMs - searched));
    const spent = performance.now() - started;
    searched += Math.max(spent, 1);
    await (background ? new Promise((resolve) => setTimeout(resolve, spent * 3)) : nextTurn());
  }
}
