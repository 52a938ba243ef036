/**
 * What the charts draw, computed from the API's answers. Pure (no DOM, no ECharts), so it is unit-tested.
 */
import { formatReason, formatState } from './format';
import type { DowntimeReason, OeeLossBreakdown } from './queries';

export interface WaterfallStep {
  label: string;
  /** Invisible part below the bar, in seconds. */
  base: number;
  /** The bar, in seconds. */
  value: number;
  kind: 'total' | 'loss' | 'result';
}

/**
 * Planned busy time, the losses taken from it one after the other, and what is left: fully productive time.
 * Setup appears only when it is shown apart from the availability loss (the definition says so) and not 0.
 */
export function waterfallSteps(losses: OeeLossBreakdown): WaterfallStep[] {
  const steps: WaterfallStep[] = [{ label: 'Planned busy time', base: 0, value: losses.plannedBusyTime, kind: 'total' }];
  let level = losses.plannedBusyTime;
  const lose = (label: string, seconds: number): void => {
    const value = Math.max(0, seconds);
    level -= value;
    steps.push({ label, base: Math.max(0, level), value, kind: 'loss' });
  };
  lose('Availability loss', losses.availabilityLoss);
  if (losses.setupTime > 0) lose('Setup', losses.setupTime);
  lose('Speed loss', losses.speedLoss);
  lose('Quality loss', losses.qualityLoss);
  steps.push({ label: 'Fully productive time', base: 0, value: losses.fullyProductiveTime, kind: 'result' });
  return steps;
}

export interface ParetoBar {
  label: string;
  state: string;
  reasonCode: string | null;
  durationSeconds: number;
  occurrences: number;
  /** Share of the time lost to the reasons shown, this one and the longer ones before it, 0-1. */
  cumulativeShare: number;
}

/** Longest first (as the API answers, sorted again to be sure), with the running share for the Pareto line. */
export function paretoBars(reasons: readonly DowntimeReason[]): ParetoBar[] {
  const sorted = [...reasons].sort((a, b) => b.durationSeconds - a.durationSeconds);
  const total = sorted.reduce((sum, reason) => sum + Math.max(0, reason.durationSeconds), 0);
  let running = 0;
  return sorted.map((reason) => {
    running += Math.max(0, reason.durationSeconds);
    return {
      label: `${formatState(reason.state)} · ${formatReason(reason.reasonCode)}`,
      state: reason.state,
      reasonCode: reason.reasonCode,
      durationSeconds: reason.durationSeconds,
      occurrences: reason.occurrences,
      cumulativeShare: total > 0 ? running / total : 0,
    };
  });
}

/** The lowest OEE first, those without an OEE (nothing planned) left out: the lines to look at. */
export function worstByOee<T extends { total: { oee: number | null } }>(summaries: readonly T[], count: number): T[] {
  return summaries
    .filter((summary) => summary.total.oee !== null)
    .sort((a, b) => (a.total.oee ?? 0) - (b.total.oee ?? 0))
    .slice(0, count);
}

/** Nothing to show for the range: no planned busy time and nothing produced. */
export function isEmptyRange(elements: { PBT: number; PQ: number }): boolean {
  return elements.PBT === 0 && elements.PQ === 0;
}
