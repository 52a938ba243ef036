import { searchFor } from './anytime-search';

/** A scheduler whose every slice takes `sliceMs` (0: it has nothing left to try and returns at once). */
function busyFor(sliceMs: number): { improve(budgetMs: number): boolean; slices: number } {
  return {
    slices: 0,
    improve(budgetMs: number): boolean {
      this.slices++;
      const until = performance.now() + Math.min(sliceMs, budgetMs);
      while (performance.now() < until);
      return false;
    },
  };
}

describe('anytime search', () => {
  it('searches in short slices for its budget', async () => {
    const scheduler = busyFor(40);
    const started = performance.now();
    await searchFor(scheduler, 200);
    expect(performance.now() - started).toBeLessThan(400);
    expect(scheduler.slices).toBeGreaterThanOrEqual(5);
  });

  it('ends in time when the scheduler has nothing left to try', async () => {
    const started = performance.now();
    await searchFor(busyFor(0), 200);
    await searchFor(busyFor(0), 200, { cancelled: false });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('takes a quarter of the time in the background, and stops when cancelled', async () => {
    const scheduler = busyFor(10);
    const started = performance.now();
    await searchFor(scheduler, 50, { cancelled: false });
    expect(performance.now() - started).toBeGreaterThan(150);
    const cancelled = { cancelled: false };
    const stopped = busyFor(10);
    const running = searchFor(stopped, 10_000, cancelled);
    await new Promise((resolve) => setTimeout(resolve, 100));
    cancelled.cancelled = true;
    await running;
    expect(stopped.slices).toBeLessThan(10);
  });
});
