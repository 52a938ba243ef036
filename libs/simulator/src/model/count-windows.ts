import { binomial } from '../random/distributions';
import type { RandomStream } from '../random/prng';

/** The units one run added to one count window; `index` numbers windows from the epoch. */
export interface WindowCount {
  index: number;
  good: number;
  scrap: number;
  rework: number;
}

export interface Run {
  start: number;
  end: number;
  cycles: { from: number; to: number };
}

/**
 * Shares a run's completed units among the count windows it spans, by where its cycle progress stands at
 * each window's edge (progress grows evenly over the run), then draws scrap and rework for each share.
 * Drawing per window and run is the same as drawing per unit, but costs little on fast machines.
 */
export function countsOfRun(run: Run, windowMs: number, rates: { scrapRate: number; reworkRate: number }, random: RandomStream): WindowCount[] {
  const counts: WindowCount[] = [];
  const { from, to } = run.cycles;
  const length = run.end - run.start;
  const completedBy = (at: number): number => (at >= run.end ? Math.floor(to) : Math.floor(from + ((to - from) * (at - run.start)) / length));
  // A rework draw among the units that are not scrap keeps the rework share of all units at reworkRate.
  const reworkAmongRest = rates.reworkRate / (1 - rates.scrapRate);
  for (let index = Math.floor(run.start / windowMs); index * windowMs < run.end; index++) {
    const units = completedBy(Math.min(run.end, (index + 1) * windowMs)) - completedBy(Math.max(run.start, index * windowMs));
    if (units <= 0) continue;
    const scrap = binomial(random, units, rates.scrapRate);
    const rework = binomial(random, units - scrap, reworkAmongRest);
    counts.push({ index, good: units - scrap - rework, scrap, rework });
  }
  return counts;
}
