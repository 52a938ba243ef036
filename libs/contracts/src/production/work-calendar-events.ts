import type { DomainEvent } from '@quadrant/event-sourcing';

/** A weekly shift pattern as published: the ISA-95 Part 4 WorkCalendarDefinition of a site or work unit. */
export interface PublishedWorkCalendar {
  timeZone: string;
  shifts: {
    name: string;
    days: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN')[];
    start: string;
    end: string;
    breaks?: ({ start: string; end: string; reason?: string } | { offsetMinutes: number; durationMinutes: number; reason?: string })[];
  }[];
  nonWorkingDays?: { date: string; reason: string }[];
}

/** A new version of the shift pattern of a site or work unit (the unit's own calendar wins over its site's). */
export type WorkCalendarDefined = DomainEvent<
  'WorkCalendarDefined',
  { equipmentId: string; version: number; calendar: PublishedWorkCalendar; definedAt: string }
>;

/** Planned downtime booked on a calendar: planned maintenance, a shutdown. ISO 22400 PDOT. */
export type PlannedDowntimeBooked = DomainEvent<
  'PlannedDowntimeBooked',
  { equipmentId: string; windowId: string; start: string; end: string; reason: string; bookedAt: string }
>;

export type PlannedDowntimeCancelled = DomainEvent<'PlannedDowntimeCancelled', { equipmentId: string; windowId: string; cancelledAt: string }>;

export type WorkCalendarEvent = WorkCalendarDefined | PlannedDowntimeBooked | PlannedDowntimeCancelled;
