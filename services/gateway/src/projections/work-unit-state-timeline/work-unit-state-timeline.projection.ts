import type { WorkUnitState } from '@quadrant/contracts';
import type { Projected, ProductionFact } from '../production-facts';

/** One recorded state change of a work unit: what downtime analysis and "what happened here?" read. */
export interface WorkUnitStateChangeRecord {
  eventId: string;
  workUnitId: string;
  state: WorkUnitState;
  previousState: WorkUnitState;
  since: string;
  /** The stop's reason as it now stands: the latest correction's, else the one reported with the change. */
  reasonCode: string | null;
  reasonText: string | null;
  /** The reason reported with the change, when a correction has replaced it with another; null when none was reported or none replaced. */
  originalReasonCode: string | null;
  streamPosition: number;
}

/** The latest reason of one stop (a Down or Idle period, named by its `since`), as corrected after the fact. */
export interface StopReasonRecord {
  workUnitId: string;
  since: string;
  state: 'Down' | 'Idle';
  reasonCode: string;
  reasonText: string | null;
  correctedAt: string;
  /** Position in the work unit's stream of the correction this reflects: the ordering guard. */
  streamPosition: number;
  eventId: string;
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
      originalReasonCode: null,
      streamPosition: fact.streamPosition,
    },
  };
}

/**
 * Which stop a correction names. The instant, not its spelling, identifies it: `...:00Z` and `...:00.000Z`
 * are the same stop, as they are to production's decider.
 */
export function stopKey(workUnitId: string, since: string): string {
  return `${workUnitId}@${Date.parse(since)}`;
}

/**
 * Evolves the latest reason of one stop. Corrections are kept apart from the timeline entries rather than
 * written over them: the entry keeps what was reported (the honest history), and a correction that arrives
 * before the change it corrects (a dead-lettered change replayed later) still finds it when it lands. A
 * correction at or below the stored position is a redelivery or late, and must not undo a later one.
 */
export function projectStopReason(current: StopReasonRecord | null, fact: ProductionFact): Projected<StopReasonRecord> {
  if (fact.type !== 'WorkUnitStopReasonCorrected') return { skip: `${fact.type} does not correct a stop reason` };
  if (current && fact.streamPosition <= current.streamPosition) {
    return { skip: `stale: position ${fact.streamPosition} is not after ${current.streamPosition} of the stop of "${current.workUnitId}" at ${current.since}` };
  }
  const { data } = fact;
  return {
    write: {
      workUnitId: data.workUnitId,
      since: data.since,
      state: data.state,
      reasonCode: data.reasonCode,
      // A correction without a text has none: the old text described the old code.
      reasonText: data.reasonText ?? null,
      correctedAt: data.correctedAt,
      streamPosition: fact.streamPosition,
      eventId: fact.eventId,
    },
  };
}

/** A timeline entry as read: with its stop's latest reason, when one was corrected (the store matches unit, since and state). */
export function withStopReason(entry: WorkUnitStateChangeRecord, reason: Pick<StopReasonRecord, 'reasonCode' | 'reasonText'> | null): WorkUnitStateChangeRecord {
  if (!reason) return entry;
  // Corrected back to what was reported: nothing stands replaced.
  const originalReasonCode = reason.reasonCode === entry.reasonCode ? null : entry.reasonCode;
  return { ...entry, reasonCode: reason.reasonCode, reasonText: reason.reasonText, originalReasonCode };
}
