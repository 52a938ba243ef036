import { QuadrantError } from '@quadrant/event-sourcing';
import type { DisconnectedSignal, MachineSignal, StateSignal } from '@quadrant/sparkplug';
import type { RequestContext } from '@quadrant/platform';
import { workUnitStateCommand } from '../equipment/change-work-unit-state/change-work-unit-state.handler';
import { equipmentStreamId } from '../equipment/equipment.decider';
import { recordProductionCount, type ProductionCountOutcome } from '../equipment/record-production-counts/record-production-count';
import type { ProductionStore } from '../outbox/production-store';
import { TOTALS_METADATA_KEY, type CounterTotals, type TotalsMetadata } from './counter-baselines';

export interface SignalRefusal {
  messageId: string;
  workUnitId: string;
  code: string;
  message: string;
}

const SPARKPLUG_ACTOR: RequestContext = { actor: 'sparkplug', correlationId: 'sparkplug' };

/**
 * Machine signals in the order they came: state changes and disconnections become work unit state changes
 * (a disconnection leaves the unit `Unknown`), counts are booked on the job order running on the unit.
 * Each signal is its own command, idempotent by its message id, so a redelivered MQTT message changes
 * nothing. A booked count carries the machine's cumulative totals in its event's metadata (the baseline
 * after a restart, moved exactly when the count is booked); the totals of a count not booked go to
 * `keepUnbookedTotals`. Answers the signals production refused (a rule, not a failure); a failure throws.
 */
export async function recordMachineSignals(
  production: ProductionStore,
  signals: readonly MachineSignal[],
  options: { keepUnbookedTotals?: (workUnitId: string, totals: CounterTotals) => Promise<void> } = {},
): Promise<SignalRefusal[]> {
  const refusals: SignalRefusal[] = [];
  let index = 0;
  while (index < signals.length) {
    const signal = signals[index];
    if (!signal) break;
    if (signal.kind === 'count') {
      const outcome: ProductionCountOutcome = await recordProductionCount(
        production,
        { messageId: signal.messageId, workUnitId: signal.workUnitId, at: signal.at, good: signal.good, scrap: signal.scrap, rework: signal.rework },
        SPARKPLUG_ACTOR,
        { metadata: { [TOTALS_METADATA_KEY]: { workUnitId: signal.workUnitId, totals: signal.totals } satisfies TotalsMetadata } },
      );
      if (outcome.status === 'refused') refusals.push({ messageId: signal.messageId, workUnitId: signal.workUnitId, ...outcome.error });
      // Parts made while nothing runs belong to no job order, but the baseline must move past them all the same.
      if ((outcome.status === 'refused' || outcome.status === 'unchanged') && options.keepUnbookedTotals && Object.keys(signal.totals).length > 0) {
        await options.keepUnbookedTotals(signal.workUnitId, signal.totals);
      }
      index++;
      continue;
    }
    // A run of state signals of one work unit goes in one append.
    const run: (StateSignal | DisconnectedSignal)[] = [];
    for (let next = signals[index]; next && next.kind !== 'count' && next.workUnitId === signal.workUnitId; next = signals[++index]) run.push(next);
    const commands = run.map((s) =>
      workUnitStateCommand(
        s.workUnitId,
        s.kind === 'state' ? { state: s.state, since: s.since, ...(s.reasonCode ? { reasonCode: s.reasonCode } : {}) } : { state: 'Unknown', since: s.since },
        { ...SPARKPLUG_ACTOR, commandId: `sparkplug:${s.messageId}` },
      ),
    );
    const outcomes = await production.equipment.handleAll(equipmentStreamId(signal.workUnitId), commands);
    outcomes.forEach((outcome, i) => {
      const source = run[i];
      if (outcome.ok || !source) return;
      if (!(outcome.error instanceof QuadrantError)) throw outcome.error;
      refusals.push({ messageId: source.messageId, workUnitId: source.workUnitId, code: outcome.error.code, message: outcome.error.message });
    });
  }
  return refusals;
}
