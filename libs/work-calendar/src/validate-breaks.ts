import type { WorkCalendarProblem } from './errors';
import { isList } from './is-list';
import { parseLocalTime } from './local-time';
import { spanOfWallBreak, type ShiftSpan } from './shift-span';
import type { ShiftBreak, ShiftDefinition } from './work-calendar-definition';

function spanOfBreak(shiftSpan: ShiftSpan, shiftBreak: ShiftBreak, field: string, problems: WorkCalendarProblem[]): ShiftSpan | undefined {
  if (typeof shiftBreak !== 'object' || shiftBreak === null) {
    problems.push({ field, message: 'must be a break: { start, end } or { offsetMinutes, durationMinutes }' });
    return undefined;
  }
  if ('offsetMinutes' in shiftBreak && 'start' in shiftBreak) {
    problems.push({ field, message: 'give either start and end, or offsetMinutes and durationMinutes, not both' });
    return undefined;
  }
  if ('offsetMinutes' in shiftBreak) {
    const { offsetMinutes, durationMinutes } = shiftBreak;
    if (typeof offsetMinutes !== 'number' || !Number.isFinite(offsetMinutes) || offsetMinutes < 0) {
      problems.push({ field: `${field}.offsetMinutes`, message: 'must be a number of minutes, zero or more' });
      return undefined;
    }
    if (typeof durationMinutes !== 'number' || !Number.isFinite(durationMinutes) || durationMinutes <= 0) {
      problems.push({ field: `${field}.durationMinutes`, message: 'must be a number of minutes above zero' });
      return undefined;
    }
    return { startSecond: shiftSpan.startSecond + offsetMinutes * 60, endSecond: shiftSpan.startSecond + (offsetMinutes + durationMinutes) * 60 };
  }
  const start = parseLocalTime(shiftBreak.start, { endOfDayAllowed: false });
  const end = parseLocalTime(shiftBreak.end, { endOfDayAllowed: true });
  if (start === undefined) problems.push({ field: `${field}.start`, message: `"${String(shiftBreak.start)}" is not a time of day (HH:MM or HH:MM:SS)` });
  if (end === undefined) problems.push({ field: `${field}.end`, message: `"${String(shiftBreak.end)}" is not a time of day (HH:MM, HH:MM:SS or 24:00)` });
  if (start === undefined || end === undefined) return undefined;
  const span = spanOfWallBreak(shiftSpan, start, end);
  if (span.endSecond <= span.startSecond) {
    problems.push({ field: `${field}.end`, message: `is not after the break's start ${shiftBreak.start}` });
    return undefined;
  }
  return span;
}

export function validateBreaks(shift: ShiftDefinition, shiftSpan: ShiftSpan, field: string, problems: WorkCalendarProblem[]): void {
  if (shift.breaks === undefined) return;
  if (!isList(shift.breaks)) {
    problems.push({ field: `${field}.breaks`, message: 'must be a list of breaks' });
    return;
  }
  const spans: { span: ShiftSpan; index: number }[] = [];
  shift.breaks.forEach((shiftBreak: ShiftBreak, index) => {
    const breakField = `${field}.breaks[${index}]`;
    if (typeof shiftBreak === 'object' && shiftBreak !== null && shiftBreak.reason !== undefined && (typeof shiftBreak.reason !== 'string' || shiftBreak.reason.trim() === '')) {
      problems.push({ field: `${breakField}.reason`, message: 'must be a non-empty text when given' });
    }
    const span = spanOfBreak(shiftSpan, shiftBreak, breakField, problems);
    if (span === undefined) return;
    if (span.startSecond < shiftSpan.startSecond || span.endSecond > shiftSpan.endSecond) {
      problems.push({ field: breakField, message: `lies outside its shift ${shift.start}–${shift.end}` });
      return;
    }
    const overlapped = spans.find((other) => other.span.startSecond < span.endSecond && span.startSecond < other.span.endSecond);
    if (overlapped !== undefined) problems.push({ field: breakField, message: `overlaps ${field}.breaks[${overlapped.index}]` });
    spans.push({ span, index });
  });
}
