import type { WorkUnitState } from '@quadrant/contracts';
import type { Projected, ProductionFact } from '../production-facts';

/** One recorded state change of a work unit: what downtime analysis and "what happened here?" read. */
export interface WorkUnitStateChangeRecord {
  eventId: string;
  workUnitId: string;
  state: WorkUnitState;
  previousState: WorkUnitState;
  since: string;
  reasonCode: string | null;
  reasonText: string | null;
  streamPosition: number;
}

/** Append-only: one entry per state change, keyed by event id and by stream position, so a replay adds nothing. */
export function projectWorkUnitStateTimeline(fact: ProductionFact): Projected<WorkUnitStateChangeRecord> {
  if (fact.type !== 'WorkUnitStateChanged') return { skip: `${fact.type} is not a state change` };
  const { data } = fact;
  return {
    write: {
      eventId: fact.eventId,
      workUnitId: data.workUnitId,
      state: data.state,
      previousState: data.previousState,
      since: data.since,
      reasonCode: data.reasonCode ?? null,
      reasonText: data.reasonText ?? null,
      streamPosition: fact.streamPosition,
    },
  };
}
