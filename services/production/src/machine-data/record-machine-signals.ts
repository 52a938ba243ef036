import { QuadrantError } from '@quadrant/event-sourcing';
import type { CountSignal, DisconnectedSignal, MachineSignal, StateSignal } from '@quadrant/sparkplug';
import type { RequestContext } from '@quadrant/platform';
import { workUnitStateCommand } from '../equipment/change-work-unit-state/change-work-unit-state.handler';
import { equipmentStreamId } from '../equipment/equipment.decider';
import { recordProductionCounts } from '../equipment/record-production-counts/record-production-count';
import type { ProductionStore } from '../outbox/production-store';
import { TOTALS_METADATA_KEY, type CounterTotals, type TotalsMetadata } from './counter-baselines';

export interface SignalRefusal {
  messageId: string;
  workUnitId: string;
  code: string;
  message: string;
}

const SPARKPLUG_ACTOR: RequestContext = { actor: 'sparkplug', correlationId: 'sparkplug' };

/** Work units recorded side by side, at most. */
const PARALLEL_WORK_UNITS = 16;

/**
 * Machine signals in the order they came: state changes and disconnections become work unit state changes
 * (a disconnection leaves the unit `Unknown`), counts are booked on the job order running on the unit.
 * Each state signal is its own command, idempotent by its message id, so a redelivered MQTT message changes
 * nothing; a unit's counts of the batch are added up first (`coalesceCounts`). The signals are split by
 * work unit, each unit's in their order, and the units are recorded side by side; a unit's state signals
 * go in one append, and so do its counts.
 *
 * A booked count carries the machine's cumulative totals in its event's metadata (the baseline after a
 * restart, moved exactly when the count is booked); when a unit's last count of the batch is not booked, its totals go to
 * `keepUnbookedTotals`. Answers the signals production refused (a rule, not a failure); a failure throws.
 */
export async function recordMachineSignals(
  production: ProductionStore,
  signals: readonly MachineSignal[],
  options: { keepUnbookedTotals?: (workUnitId: string, totals: CounterTotals) => Promise<void> } = {},
): Promise<SignalRefusal[]> {
  const byUnit = new Map<string, MachineSignal[]>();
  for (const signal of signals) {
    const own = byUnit.get(signal.workUnitId);
    if (own) own.push(signal);
    else byUnit.set(signal.workUnitId, [signal]);
  }
  const queues = [...byUnit.values()];
  const refusals: SignalRefusal[][] = [];
  const worker = async (): Promise<void> => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) refusals.push(await recordWorkUnitSignals(production, queue, options));
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_WORK_UNITS, queues.length) }, worker));
  return refusals.flat();
}

/**
 * One work unit's signals: its state changes in their order in one append to the unit's stream, and its
 * counts in their order in one append to the job order running on it. The two do not depend on each other
 * (a count is booked by the job order the unit runs, which state changes do not alter), so they go side by side.
 */
async function recordWorkUnitSignals(
  production: ProductionStore,
  signals: readonly MachineSignal[],
  options: { keepUnbookedTotals?: (workUnitId: string, totals: CounterTotals) => Promise<void> },
): Promise<SignalRefusal[]> {
  const states: (StateSignal | DisconnectedSignal)[] = [];
  const counts: CountSignal[] = [];
  for (const signal of signals) {
    if (signal.kind === 'count') counts.push(signal);
    else states.push(signal);
  }
  const [stateRefusals, countRefusals] = await Promise.all([recordStates(production, states), counts.length > 0 ? recordCounts(production, counts, options) : []]);
  return [...stateRefusals, ...countRefusals];
}

async function recordStates(production: ProductionStore, run: readonly (StateSignal | DisconnectedSignal)[]): Promise<SignalRefusal[]> {
  const first = run[0];
  if (!first) return [];
  const commands = run.map((s) =>
    workUnitStateCommand(
      s.workUnitId,
      s.kind === 'state' ? { state: s.state, since: s.since, ...(s.reasonCode ? { reasonCode: s.reasonCode } : {}) } : { state: 'Unknown', since: s.since },
      { ...SPARKPLUG_ACTOR, commandId: `sparkplug:${s.messageId}` },
    ),
  );
  const outcomes = await production.equipment.handleAll(equipmentStreamId(first.workUnitId), commands);
  const refusals: SignalRefusal[] = [];
  outcomes.forEach((outcome, i) => {
    const source = run[i];
    if (outcome.ok || !source) return;
    if (!(outcome.error instanceof QuadrantError)) throw outcome.error;
    refusals.push({ messageId: source.messageId, workUnitId: source.workUnitId, code: outcome.error.code, message: outcome.error.message });
  });
  return refusals;
}

/** The KPI grain: counts are added up within one of these, never across. */
const COUNT_BUCKET_MS = 15 * 60_000;

/**
 * A unit's counts of one batch, consecutive ones in the same 15-minute bucket added up into one count, at
 * the last one's time, with the last one's totals, under an id made of the first and last message ids (the
 * same batch handed again makes the same ids). Sparkplug counters are cumulative, so the sum books exactly
 * the parts of its messages, and its totals are the right baseline after a restart. A machine reporting
 * every second then writes one event per batch instead of one per message, through the store, Kafka and
 * every consumer, and the KPIs, kept by 15 minutes at the finest, do not see the difference.
 */
export function coalesceCounts(counts: readonly CountSignal[]): CountSignal[] {
  const merged: { count: CountSignal; firstId: string }[] = [];
  for (const count of counts) {
    const open = merged[merged.length - 1];
    if (open && open.count.workUnitId === count.workUnitId && bucketOf(open.count.at) === bucketOf(count.at)) {
      open.count = {
        kind: 'count',
        messageId: `${open.firstId}..${count.messageId}`,
        workUnitId: count.workUnitId,
        at: count.at,
        good: open.count.good + count.good,
        scrap: open.count.scrap + count.scrap,
        rework: open.count.rework + count.rework,
        totals: { ...open.count.totals, ...count.totals },
      };
    } else {
      merged.push({ count, firstId: count.messageId });
    }
  }
  return merged.map(({ count }) => count);
}

function bucketOf(at: string): number {
  return Math.floor(Date.parse(at) / COUNT_BUCKET_MS);
}

async function recordCounts(
  production: ProductionStore,
  signals: readonly CountSignal[],
  options: { keepUnbookedTotals?: (workUnitId: string, totals: CounterTotals) => Promise<void> },
): Promise<SignalRefusal[]> {
  const counts = coalesceCounts(signals);
  const outcomes = await recordProductionCounts(
    production,
    counts.map((signal) => ({
      message: { messageId: signal.messageId, workUnitId: signal.workUnitId, at: signal.at, good: signal.good, scrap: signal.scrap, rework: signal.rework },
      metadata: { [TOTALS_METADATA_KEY]: { workUnitId: signal.workUnitId, totals: signal.totals } satisfies TotalsMetadata },
    })),
    SPARKPLUG_ACTOR,
  );
  const refusals: SignalRefusal[] = [];
  counts.forEach((signal, i) => {
    const outcome = outcomes[i];
    if (outcome?.status === 'refused') refusals.push({ messageId: signal.messageId, workUnitId: signal.workUnitId, ...outcome.error });
  });
  // Parts made while nothing runs belong to no job order, but the baseline must move past them all the same.
  // Totals are cumulative, so only the last count matters: booked, its event carries them.
  const last = counts[counts.length - 1];
  const lastOutcome = outcomes[outcomes.length - 1];
  if (last && options.keepUnbookedTotals && (lastOutcome?.status === 'refused' || lastOutcome?.status === 'unchanged') && Object.keys(last.totals).length > 0) {
    await options.keepUnbookedTotals(last.workUnitId, last.totals);
  }
  return refusals;
}
