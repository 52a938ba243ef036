import { parseIsoInstant, parseLocalDate, parseLocalTime, WEEKDAY_NUMBER } from './local-time';
import { assertValidWorkCalendar } from './validate-work-calendar';
import { spanOfShift, spanOfWallBreak, type ShiftSpan } from './shift-span';
import type { ShiftBreak, WorkCalendarDefinition } from './work-calendar-definition';

export type CompiledBreak =
  | { readonly clock: 'wall'; readonly span: ShiftSpan; readonly reason: string }
  | { readonly clock: 'elapsed'; readonly offsetMs: number; readonly durationMs: number; readonly reason: string };

export interface CompiledShift {
  readonly name: string;
  readonly weekdays: ReadonlySet<number>;
  readonly span: ShiftSpan;
  readonly breaks: readonly CompiledBreak[];
}

export interface CompiledWindow {
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

/** The definition parsed once into numbers, so that expansion does no text handling per day. */
export interface CompiledCalendar {
  readonly timeZone: string;
  /** In order of start time, so that instances come out sorted. */
  readonly shifts: readonly CompiledShift[];
  readonly windows: readonly CompiledWindow[];
  readonly nonWorkingDays: ReadonlyMap<number, string>;
}

const DEFAULT_BREAK_REASON = 'break';

function compileBreak(span: ShiftSpan, shiftBreak: ShiftBreak): CompiledBreak {
  const reason = shiftBreak.reason ?? DEFAULT_BREAK_REASON;
  if ('offsetMinutes' in shiftBreak) {
    return { clock: 'elapsed', offsetMs: shiftBreak.offsetMinutes * 60_000, durationMs: shiftBreak.durationMinutes * 60_000, reason };
  }
  const start = parseLocalTime(shiftBreak.start, { endOfDayAllowed: false }) ?? 0;
  const end = parseLocalTime(shiftBreak.end, { endOfDayAllowed: true }) ?? 0;
  return { clock: 'wall', span: spanOfWallBreak(span, start, end), reason };
}

/** Throws InvalidWorkCalendarError for a bad definition; every fallback below is therefore unreachable. */
export function compileCalendar(definition: WorkCalendarDefinition): CompiledCalendar {
  assertValidWorkCalendar(definition);
  const shifts = definition.shifts.flatMap((shift): CompiledShift[] => {
    const span = spanOfShift(shift, '', []);
    if (span === undefined) return [];
    return [{
      name: shift.name,
      weekdays: new Set(shift.days.map((day) => WEEKDAY_NUMBER[day])),
      span,
      breaks: (shift.breaks ?? []).map((shiftBreak) => compileBreak(span, shiftBreak)),
    }];
  });
  return {
    timeZone: definition.timeZone,
    shifts: shifts.sort((a, b) => a.span.startSecond - b.span.startSecond),
    windows: (definition.plannedDowntime ?? []).map((window) => ({
      start: parseIsoInstant(window.start) ?? 0,
      end: parseIsoInstant(window.end) ?? 0,
      reason: window.reason,
    })),
    nonWorkingDays: new Map((definition.nonWorkingDays ?? []).map((day) => [parseLocalDate(day.date) ?? 0, day.reason])),
  };
}
