import { InvalidWorkCalendarError, type WorkCalendarProblem } from './errors';
import { isList } from './is-list';
import { parseIsoInstant, parseLocalDate } from './local-time';
import { isKnownTimeZone } from './time-zone';
import { validateShifts } from './validate-shifts';
import type { WorkCalendarDefinition } from './work-calendar-definition';

function isNonEmptyText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function validateWindows(definition: WorkCalendarDefinition, problems: WorkCalendarProblem[]): void {
  if (definition.plannedDowntime === undefined) return;
  if (!isList(definition.plannedDowntime)) {
    problems.push({ field: 'plannedDowntime', message: 'must be a list of windows' });
    return;
  }
  definition.plannedDowntime.forEach((window, index) => {
    const field = `plannedDowntime[${index}]`;
    const start = parseIsoInstant(window?.start);
    const end = parseIsoInstant(window?.end);
    if (start === undefined) problems.push({ field: `${field}.start`, message: `"${String(window?.start)}" is not an ISO instant with an offset (e.g. 2024-05-01T06:00:00Z)` });
    if (end === undefined) problems.push({ field: `${field}.end`, message: `"${String(window?.end)}" is not an ISO instant with an offset (e.g. 2024-05-01T14:00:00Z)` });
    if (start !== undefined && end !== undefined && end <= start) problems.push({ field: `${field}.end`, message: `is not after start ${window.start}` });
    if (!isNonEmptyText(window?.reason)) problems.push({ field: `${field}.reason`, message: 'must be a non-empty text' });
  });
}

function validateNonWorkingDays(definition: WorkCalendarDefinition, problems: WorkCalendarProblem[]): void {
  if (definition.nonWorkingDays === undefined) return;
  if (!isList(definition.nonWorkingDays)) {
    problems.push({ field: 'nonWorkingDays', message: 'must be a list of days' });
    return;
  }
  definition.nonWorkingDays.forEach((day, index) => {
    const field = `nonWorkingDays[${index}]`;
    if (parseLocalDate(day?.date) === undefined) problems.push({ field: `${field}.date`, message: `"${String(day?.date)}" is not a calendar date (YYYY-MM-DD)` });
    else if (definition.nonWorkingDays?.findIndex((other) => other?.date === day.date) !== index) problems.push({ field: `${field}.date`, message: `${day.date} is listed twice` });
    if (!isNonEmptyText(day?.reason)) problems.push({ field: `${field}.reason`, message: 'must be a non-empty text' });
  });
}

/** Every problem of the definition, each naming its field; empty when the definition is usable. */
export function validateWorkCalendar(definition: WorkCalendarDefinition): WorkCalendarProblem[] {
  const problems: WorkCalendarProblem[] = [];
  if (typeof definition !== 'object' || definition === null) return [{ field: '', message: 'must be a work calendar definition object' }];
  if (typeof definition.timeZone !== 'string' || !isKnownTimeZone(definition.timeZone)) {
    problems.push({ field: 'timeZone', message: `"${String(definition.timeZone)}" is not an IANA time zone (e.g. Europe/Paris)` });
  }
  validateShifts(definition.shifts, problems);
  validateWindows(definition, problems);
  validateNonWorkingDays(definition, problems);
  return problems;
}

export function assertValidWorkCalendar(definition: WorkCalendarDefinition): void {
  const problems = validateWorkCalendar(definition);
  if (problems.length > 0) throw new InvalidWorkCalendarError(problems);
}
