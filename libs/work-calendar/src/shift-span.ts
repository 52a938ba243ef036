import type { WorkCalendarProblem } from './errors';
import { DAY_SECONDS, parseLocalTime } from './local-time';
import type { ShiftDefinition } from './work-calendar-definition';

/** A shift on the wall clock: seconds from its start day's midnight; `endSecond` may pass 24 h. */
export interface ShiftSpan {
  readonly startSecond: number;
  readonly endSecond: number;
}

/** The shift on the wall clock, or undefined with the problem reported. */
export function spanOfShift(shift: ShiftDefinition, field: string, problems: WorkCalendarProblem[]): ShiftSpan | undefined {
  const start = parseLocalTime(shift.start, { endOfDayAllowed: false });
  const end = parseLocalTime(shift.end, { endOfDayAllowed: true });
  if (start === undefined) problems.push({ field: `${field}.start`, message: `"${String(shift.start)}" is not a time of day (HH:MM or HH:MM:SS)` });
  if (end === undefined) problems.push({ field: `${field}.end`, message: `"${String(shift.end)}" is not a time of day (HH:MM, HH:MM:SS or 24:00)` });
  if (start === undefined || end === undefined) return undefined;
  if (start === end) {
    problems.push({ field: `${field}.end`, message: 'equals start: a shift needs a length (use 00:00–24:00 for a whole day)' });
    return undefined;
  }
  return { startSecond: start, endSecond: end > start ? end : end + DAY_SECONDS };
}

/** The break as wall seconds on its shift's timeline, for breaks given by local times only. */
export function spanOfWallBreak(span: ShiftSpan, start: number, end: number): ShiftSpan {
  const sinceShiftStart = (second: number): number => (((second - span.startSecond) % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
  const startOffset = sinceShiftStart(start);
  let endOffset = sinceShiftStart(end);
  // Only a whole-day shift can hold a break that ends on the clock time the shift started.
  if (endOffset === 0 && span.endSecond - span.startSecond === DAY_SECONDS) endOffset = DAY_SECONDS;
  return { startSecond: span.startSecond + startOffset, endSecond: span.startSecond + endOffset };
}
