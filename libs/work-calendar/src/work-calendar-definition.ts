/**
 * A work calendar definition in the flavour of ISA-95 Part 4 clause 13 (WorkCalendarDefinition): a weekly
 * shift pattern in one IANA time zone, with dated exceptions. It is the source of the ISO 22400 planned
 * time elements (POT, PDOT, PBT) of the work units that use it.
 */

export type DayOfWeek = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';

/** Wall-clock time of day, `HH:MM` or `HH:MM:SS`. `24:00` is accepted as an end only. */
export type LocalTime = string;

/** Calendar date in the calendar's time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** An instant with an explicit offset (`Z` or `±HH:MM`), so that no process time zone can shift it. */
export type IsoInstant = string;

/**
 * A break follows the wall clock when given by local times, and elapsed time from the shift's start when
 * given by offset and duration: on a DST night the two readings differ, and the user picks the one meant.
 */
export type ShiftBreak =
  | { readonly start: LocalTime; readonly end: LocalTime; readonly reason?: string }
  | { readonly offsetMinutes: number; readonly durationMinutes: number; readonly reason?: string };

export interface ShiftDefinition {
  readonly name: string;
  /** The days on which the shift starts; a night shift belongs to the day of its evening. */
  readonly days: readonly DayOfWeek[];
  readonly start: LocalTime;
  /** At or before `start` means the next day: 22:00–06:00 crosses midnight. */
  readonly end: LocalTime;
  readonly breaks?: readonly ShiftBreak[];
}

/** A dated planned-downtime window, for example planned maintenance. */
export interface PlannedDowntimeWindow {
  readonly start: IsoInstant;
  readonly end: IsoInstant;
  readonly reason: string;
}

/** No shift starts on this local date (a holiday, a plant shutdown day). */
export interface NonWorkingDay {
  readonly date: LocalDate;
  readonly reason: string;
}

export interface WorkCalendarDefinition {
  readonly timeZone: string;
  readonly shifts: readonly ShiftDefinition[];
  readonly plannedDowntime?: readonly PlannedDowntimeWindow[];
  readonly nonWorkingDays?: readonly NonWorkingDay[];
}

export type PlannedDowntimeKind = 'break' | 'window' | 'non-working-day';

/** One occurrence of a shift, clipped to the asked range. `date` is the local date it starts on. */
export interface ShiftInstance {
  readonly shift: string;
  readonly date: LocalDate;
  readonly start: IsoInstant;
  readonly end: IsoInstant;
}

/**
 * Breaks and windows lie inside the shift instance named, never overlap each other, and add up to PDOT.
 * A non-working-day interval is the time a cancelled shift instance would have taken; it is outside POT.
 */
export interface PlannedDowntimeInterval {
  readonly shift: string;
  readonly date: LocalDate;
  readonly start: IsoInstant;
  readonly end: IsoInstant;
  readonly reason: string;
  readonly kind: PlannedDowntimeKind;
}

export interface CalendarExpansion {
  readonly shifts: readonly ShiftInstance[];
  readonly plannedDowntime: readonly PlannedDowntimeInterval[];
}

/** ISO 22400-2 planned time elements, in seconds. */
export interface CalendarTimes {
  readonly plannedOperatingTime: number;
  readonly plannedDownTime: number;
  readonly plannedBusyTime: number;
}

export type ShiftInstanceTimes = ShiftInstance & CalendarTimes;

export interface PlannedState {
  readonly inShift: boolean;
  readonly shift?: string;
  readonly plannedDowntime?: { readonly reason: string; readonly kind: PlannedDowntimeKind };
}
