import {
  DEFAULT_BREAK_REASON,
  DEFAULT_NO_SHIFT_REASON,
  WEEKDAYS,
  type ShiftCalendar,
  type TimeOfDay,
} from '../plant-config/plant-config';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** A stretch of planned time: production, or planned downtime with its reason. */
export type PlannedWindow = { productive: true; end: number } | { productive: false; reasonCode: string; end: number };

/** A shift as offsets from the start of the local day it belongs to; a night shift ends past one day. */
interface DayShift {
  start: number;
  end: number;
  breaks: { start: number; end: number }[];
}

export interface CompiledCalendar {
  offsetMs: number;
  /** Indexed like `Date.getUTCDay()`: 0 is Sunday. */
  workingDays: boolean[];
  shifts: DayShift[];
  breakReasonCode: string;
  noShiftReasonCode: string;
}

/** Minutes since midnight, or undefined for anything but `HH:MM` from 00:00 to 24:00. */
export function parseTimeOfDay(time: TimeOfDay): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/**
 * A shift in minutes from the start of its day: an end at or before the start falls on the next day, and
 * so does any break time before the shift's start. Undefined where a time does not parse.
 */
export function shiftMinutes(shift: ShiftCalendar['shifts'][number]): DayShift | undefined {
  const start = parseTimeOfDay(shift.start);
  const end = parseTimeOfDay(shift.end);
  if (start === undefined || end === undefined) return undefined;
  const withinShift = (minutes: number): number => (minutes < start ? minutes + 24 * 60 : minutes);
  const breaks: DayShift['breaks'] = [];
  for (const planned of shift.breaks ?? []) {
    const breakStart = parseTimeOfDay(planned.start);
    const breakEnd = parseTimeOfDay(planned.end);
    if (breakStart === undefined || breakEnd === undefined) return undefined;
    breaks.push({ start: withinShift(breakStart), end: withinShift(breakEnd) });
  }
  return { start, end: end <= start ? end + 24 * 60 : end, breaks: breaks.sort((a, b) => a.start - b.start) };
}

/** Assumes a validated calendar. */
export function compileCalendar(calendar: ShiftCalendar): CompiledCalendar {
  const days = calendar.days ?? WEEKDAYS;
  const shifts: DayShift[] = [];
  for (const shift of calendar.shifts) {
    const minutes = shiftMinutes(shift);
    if (!minutes) throw new Error(`unvalidated shift ${shift.start}-${shift.end}`);
    shifts.push({
      start: minutes.start * MINUTE_MS,
      end: minutes.end * MINUTE_MS,
      breaks: minutes.breaks.map((planned) => ({ start: planned.start * MINUTE_MS, end: planned.end * MINUTE_MS })),
    });
  }
  return {
    offsetMs: (calendar.utcOffsetMinutes ?? 0) * MINUTE_MS,
    workingDays: WEEKDAYS.map((day) => days.includes(day)),
    shifts: shifts.sort((a, b) => a.start - b.start),
    breakReasonCode: calendar.breakReasonCode ?? DEFAULT_BREAK_REASON,
    noShiftReasonCode: calendar.noShiftReasonCode ?? DEFAULT_NO_SHIFT_REASON,
  };
}

// The epoch (day 0) was a Thursday.
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

/**
 * The planned window around a moment: where it ends and whether the unit is planned to produce. A
 * window may end where the next of the same kind begins (one shift handing over to the next); the
 * simulator reports only changes of state, so such a seam never shows.
 */
export function plannedWindowAt(calendar: CompiledCalendar | undefined, at: number): PlannedWindow {
  if (!calendar) return { productive: true, end: Infinity };
  const local = at + calendar.offsetMs;
  const today = Math.floor(local / DAY_MS);
  // A shift is at most a day long, so only yesterday's can still be running.
  for (let day = today - 1; day <= today; day++) {
    if (!calendar.workingDays[weekday(day)]) continue;
    for (const shift of calendar.shifts) {
      const start = day * DAY_MS + shift.start;
      const end = day * DAY_MS + shift.end;
      if (local < start || local >= end) continue;
      let productiveUntil = end;
      for (const planned of shift.breaks) {
        const breakStart = day * DAY_MS + planned.start;
        const breakEnd = day * DAY_MS + planned.end;
        if (local >= breakStart && local < breakEnd) return { productive: false, reasonCode: calendar.breakReasonCode, end: breakEnd - calendar.offsetMs };
        if (breakStart > local) productiveUntil = Math.min(productiveUntil, breakStart);
      }
      return { productive: true, end: productiveUntil - calendar.offsetMs };
    }
  }
  return { productive: false, reasonCode: calendar.noShiftReasonCode, end: nextShiftStart(calendar, local, today) - calendar.offsetMs };
}

function nextShiftStart(calendar: CompiledCalendar, local: number, today: number): number {
  // Within a week and a day every working weekday has come round once.
  for (let day = today; day <= today + 8; day++) {
    if (!calendar.workingDays[weekday(day)]) continue;
    for (const shift of calendar.shifts) if (day * DAY_MS + shift.start > local) return day * DAY_MS + shift.start;
  }
  return Infinity;
}
