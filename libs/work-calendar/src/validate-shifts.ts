import type { WorkCalendarProblem } from './errors';
import { isList } from './is-list';
import { DAY_SECONDS, isDayOfWeek, WEEKDAY_NUMBER } from './local-time';
import { spanOfShift } from './shift-span';
import { validateBreaks } from './validate-breaks';
import type { ShiftDefinition } from './work-calendar-definition';

const WEEK_SECONDS = 7 * DAY_SECONDS;

function validateDays(shift: ShiftDefinition, field: string, problems: WorkCalendarProblem[]): boolean {
  if (!isList(shift.days) || shift.days.length === 0) {
    problems.push({ field: `${field}.days`, message: 'must list at least one day (MON … SUN)' });
    return false;
  }
  let valid = true;
  shift.days.forEach((day: unknown, index) => {
    if (!isDayOfWeek(day)) {
      problems.push({ field: `${field}.days[${index}]`, message: `"${String(day)}" is not one of MON, TUE, WED, THU, FRI, SAT, SUN` });
      valid = false;
    } else if (shift.days.indexOf(day) !== index) {
      problems.push({ field: `${field}.days[${index}]`, message: `${day} is listed twice` });
    }
  });
  return valid;
}

/** One occurrence of a shift in the week, in seconds from Monday 00:00. */
interface WeekSlot {
  readonly index: number;
  readonly day: string;
  readonly start: number;
  readonly end: number;
}

// Sunday's night shift runs into Monday, so the week is a ring: compare each pair also a week apart.
function overlapsInWeek(a: WeekSlot, b: WeekSlot): boolean {
  return [-WEEK_SECONDS, 0, WEEK_SECONDS].some((shift) => a.start < b.end + shift && b.start + shift < a.end);
}

export function validateShifts(shifts: readonly ShiftDefinition[], problems: WorkCalendarProblem[]): void {
  if (!isList(shifts) || shifts.length === 0) {
    problems.push({ field: 'shifts', message: 'must list at least one shift' });
    return;
  }
  const slots: WeekSlot[] = [];
  shifts.forEach((shift, index) => {
    const field = `shifts[${index}]`;
    if (typeof shift !== 'object' || shift === null) {
      problems.push({ field, message: 'must be a shift: { name, days, start, end, breaks? }' });
      return;
    }
    if (typeof shift.name !== 'string' || shift.name.trim() === '') problems.push({ field: `${field}.name`, message: 'must be a non-empty text' });
    else if (shifts.findIndex((other) => other?.name === shift.name) !== index) problems.push({ field: `${field}.name`, message: `"${shift.name}" is the name of another shift` });
    const daysValid = validateDays(shift, field, problems);
    const span = spanOfShift(shift, field, problems);
    if (span === undefined) return;
    validateBreaks(shift, span, field, problems);
    if (!daysValid) return;
    for (const day of shift.days) {
      const mondayBased = (WEEKDAY_NUMBER[day] + 6) % 7;
      slots.push({ index, day, start: mondayBased * DAY_SECONDS + span.startSecond, end: mondayBased * DAY_SECONDS + span.endSecond });
    }
  });
  const reported = new Set<string>();
  for (const [position, slot] of slots.entries()) {
    for (const other of slots.slice(0, position)) {
      const pair = `${other.index}/${slot.index}`;
      if (other.index === slot.index || reported.has(pair) || !overlapsInWeek(slot, other)) continue;
      reported.add(pair);
      problems.push({ field: `shifts[${slot.index}]`, message: `overlaps shift "${shifts[other.index]?.name}" (shifts[${other.index}]) on ${slot.day}` });
    }
  }
}
