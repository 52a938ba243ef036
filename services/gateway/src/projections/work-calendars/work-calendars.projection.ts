import type { PublishedWorkCalendar } from '@quadrant/contracts';
import type { PlannedDowntimeWindow, WorkCalendarDefinition } from '@quadrant/work-calendar';
import type { Projected, ProductionFact } from '../production-facts';

/**
 * The current shift pattern of a site or work unit (ISA-95 Part 4 work calendar): one row per owner, the
 * highest version received. The booked windows are kept apart (PlannedDowntimeWindowRecord): in production
 * they belong to the owner's calendar stream, not to one version of the pattern, and outlive a revision.
 */
export interface WorkCalendarRecord {
  equipmentId: string;
  version: number;
  calendar: PublishedWorkCalendar;
  definedAt: string;
  /** Position in the owner's `work-calendar-<id>` stream of the definition written. */
  streamPosition: number;
  eventId: string;
}

/**
 * One planned-downtime window of an owner, booked or cancelled. A cancellation that arrives before its
 * booking is kept as a Cancelled row without times (the booking, earlier in the stream, is then stale).
 */
export interface PlannedDowntimeWindowRecord {
  equipmentId: string;
  windowId: string;
  status: 'Booked' | 'Cancelled';
  start: string | null;
  end: string | null;
  reason: string | null;
  bookedAt: string | null;
  cancelledAt: string | null;
  /** Position in the owner's stream of the latest event applied to this row: the ordering guard. */
  streamPosition: number;
  eventId: string;
}

/** A booked window as the planned-time computations read it, with the owner it was booked on. */
export interface BookedWindow {
  equipmentId: string;
  windowId: string;
  start: string;
  end: string;
  reason: string;
  streamPosition: number;
}

type WindowFact = Extract<ProductionFact, { type: 'PlannedDowntimeBooked' | 'PlannedDowntimeCancelled' }>;

function isWindowFact(fact: ProductionFact): fact is WindowFact {
  return fact.type === 'PlannedDowntimeBooked' || fact.type === 'PlannedDowntimeCancelled';
}

/** The owner whose calendar row a fact touches. */
export function workCalendarKeyOf(fact: ProductionFact): string | undefined {
  return fact.type === 'WorkCalendarDefined' ? fact.data.equipmentId : undefined;
}

export function windowKey(equipmentId: string, windowId: string): string {
  return JSON.stringify([equipmentId, windowId]);
}

/** The (owner, window) whose row a fact touches. */
export function plannedDowntimeWindowKeyOf(fact: ProductionFact): string | undefined {
  return isWindowFact(fact) ? windowKey(fact.data.equipmentId, fact.data.windowId) : undefined;
}

/**
 * The latest version wins: a definition at or below the row's version is a redelivery, or an older
 * revision arriving late, and is skipped. Versions count up by one per revision in the owner's stream.
 */
export function projectWorkCalendar(current: WorkCalendarRecord | null, fact: ProductionFact): Projected<WorkCalendarRecord> {
  if (fact.type !== 'WorkCalendarDefined') return { skip: `${fact.type} does not define a work calendar` };
  const { equipmentId, version, calendar, definedAt } = fact.data;
  if (current && version <= current.version) {
    return { skip: `stale: version ${version} of the calendar of "${equipmentId}" is not after version ${current.version}` };
  }
  return { write: { equipmentId, version, calendar, definedAt, streamPosition: fact.streamPosition, eventId: fact.eventId } };
}

/**
 * Booking and cancelling live in the owner's stream, so its position orders them: a fact at or below the
 * row's position is a redelivery or arrived late and is skipped. A window id may be booked again once
 * cancelled (production forgets cancelled windows), and then the row is booked again.
 */
export function projectPlannedDowntimeWindow(current: PlannedDowntimeWindowRecord | null, fact: ProductionFact): Projected<PlannedDowntimeWindowRecord> {
  if (!isWindowFact(fact)) return { skip: `${fact.type} does not book or cancel planned downtime` };
  const { equipmentId, windowId } = fact.data;
  if (current && fact.streamPosition <= current.streamPosition) {
    return { skip: `stale: position ${fact.streamPosition} is not after ${current.streamPosition} of window "${windowId}" of "${equipmentId}"` };
  }
  const applied = { streamPosition: fact.streamPosition, eventId: fact.eventId };
  if (fact.type === 'PlannedDowntimeBooked') {
    const { start, end, reason, bookedAt } = fact.data;
    return { write: { equipmentId, windowId, status: 'Booked', start, end, reason, bookedAt, cancelledAt: null, ...applied } };
  }
  const booking = current ?? { start: null, end: null, reason: null, bookedAt: null };
  const { start, end, reason, bookedAt } = booking;
  return { write: { equipmentId, windowId, status: 'Cancelled', start, end, reason, bookedAt, cancelledAt: fact.data.cancelledAt, ...applied } };
}

/**
 * The calendar as the work-calendar library reads it: the published shift pattern plus the booked
 * windows, in the order given. The same mapping as production's `effectiveCalendar` (its start guard and
 * its calendar endpoint), so that both sides compute the same POT and PDOT.
 */
export function workCalendarDefinitionOf(calendar: PublishedWorkCalendar, windows: readonly Pick<BookedWindow, 'start' | 'end' | 'reason'>[]): WorkCalendarDefinition {
  const plannedDowntime: PlannedDowntimeWindow[] = windows.map(({ start, end, reason }) => ({ start, end, reason }));
  return { ...calendar, plannedDowntime };
}

/** A work unit's effective calendar: whose pattern it follows, and the windows that apply to it. */
export interface ResolvedCalendar {
  /**
   * Identity of the effective calendar: units with equal keys have the same definition, so their planned
   * times are computed once. Made of the pattern's owner and version and of each window's owner, id and
   * position, so any change to one of them gives a new key.
   */
  readonly key: string;
  /** The owner of the shift pattern: the unit itself, or its site. */
  readonly ownerId: string;
  readonly inherited: boolean;
  readonly version: number;
  /** The unit's site (the second element of its path), when known. */
  readonly siteId: string | null;
  /** The booked windows of the unit and of its site, the unit's first, each in booking order. */
  readonly windows: readonly BookedWindow[];
  readonly definition: WorkCalendarDefinition;
}

/**
 * The unit's own calendar, else its site's (as production's start guard decides), with the planned
 * downtime booked on the unit AND on its site merged in (a site shutdown stops every unit, whichever
 * pattern it follows). Null when neither has a calendar.
 */
export function resolveCalendar(
  workUnitId: string,
  siteId: string | null,
  calendars: ReadonlyMap<string, WorkCalendarRecord>,
  bookedWindows: ReadonlyMap<string, readonly BookedWindow[]>,
): ResolvedCalendar | null {
  const own = calendars.get(workUnitId);
  const pattern = own ?? (siteId === null ? undefined : calendars.get(siteId));
  if (!pattern) return null;
  const owners = [...new Set([workUnitId, ...(siteId === null ? [] : [siteId])])];
  const windows = owners.flatMap((owner) => [...(bookedWindows.get(owner) ?? [])].sort((a, b) => a.streamPosition - b.streamPosition));
  return {
    key: JSON.stringify([pattern.equipmentId, pattern.version, windows.map((w) => [w.equipmentId, w.windowId, w.streamPosition])]),
    ownerId: pattern.equipmentId,
    inherited: own === undefined,
    version: pattern.version,
    siteId,
    windows,
    definition: workCalendarDefinitionOf(pattern.calendar, windows),
  };
}

/** The site of an element, as production reads it: the second element of its path (enterprise, site, …). */
export function siteOf(path: readonly string[]): string | null {
  return path[1] ?? null;
}
