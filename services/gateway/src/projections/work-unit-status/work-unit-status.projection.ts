import type { WorkUnitState } from '@quadrant/contracts';
import type { Projected, ProductionFact } from '../production-facts';

/** The current equipment state of one work unit. */
export interface WorkUnitStatusRecord {
  workUnitId: string;
  state: WorkUnitState;
  since: string;
  reasonCode: string | null;
  reasonText: string | null;
  /** The work unit's place in the hierarchy, enterprise first: what scope filters match on. */
  path: string[];
  /** Position in the work unit's stream of the event this row reflects: the ordering guard. */
  streamPosition: number;
  eventId: string;
}

export function workUnitStatusKeyOf(fact: ProductionFact): string | undefined {
  if (fact.type === 'WorkUnitStateChanged' || fact.type === 'WorkUnitStopReasonCorrected') return fact.data.workUnitId;
  return fact.type === 'EquipmentDefined' && fact.data.level === 'WorkUnit' ? fact.data.equipmentId : undefined;
}

/**
 * Evolves one work unit's current state. A unit is `Unknown` from its definition until its first report.
 * All its facts live in the work unit's own stream, so the stream position orders them: a fact at or below
 * the stored position is a redelivery or arrived late, and must not roll the state back.
 */
export function projectWorkUnitStatus(current: WorkUnitStatusRecord | null, fact: ProductionFact): Projected<WorkUnitStatusRecord> {
  if (fact.type !== 'EquipmentDefined' && fact.type !== 'WorkUnitStateChanged' && fact.type !== 'WorkUnitStopReasonCorrected') {
    return { skip: `${fact.type} does not change an equipment state` };
  }
  if (fact.type === 'EquipmentDefined' && fact.data.level !== 'WorkUnit') return { skip: `a ${fact.data.level} has no equipment state` };
  if (current && fact.streamPosition <= current.streamPosition) {
    return { skip: `stale: position ${fact.streamPosition} is not after ${current.streamPosition} of work unit "${current.workUnitId}"` };
  }
  const position = { streamPosition: fact.streamPosition, eventId: fact.eventId };
  if (fact.type === 'WorkUnitStopReasonCorrected') {
    const { data } = fact;
    // Only the stop under way shows here; an earlier one's correction is the timeline's business. The
    // instant, not its spelling, names the stop.
    if (!current || Date.parse(current.since) !== Date.parse(data.since) || current.state !== data.state) {
      return { skip: `the ${data.state} stop of work unit "${data.workUnitId}" at ${data.since} is not its current state` };
    }
    // A correction without a text has none: the old text described the old code.
    return { write: { ...current, reasonCode: data.reasonCode, reasonText: data.reasonText ?? null, ...position } };
  }
  if (fact.type === 'EquipmentDefined') {
    const { data } = fact;
    return { write: { workUnitId: data.equipmentId, state: 'Unknown', since: data.definedAt, reasonCode: null, reasonText: null, path: data.path, ...position } };
  }
  const { data } = fact;
  return {
    write: {
      workUnitId: data.workUnitId,
      state: data.state,
      since: data.since,
      reasonCode: data.reasonCode ?? null,
      reasonText: data.reasonText ?? null,
      path: data.path,
      ...position,
    },
  };
}
