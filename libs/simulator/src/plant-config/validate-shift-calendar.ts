import { shiftMinutes } from '../shift-calendar/shift-calendar';
import { arrayAt, objectAt, optionalCodeAt, optionalNumberAt, type Problems } from './config-checks';
import { WEEKDAYS, type ShiftCalendar, type ShiftConfig, type Weekday } from './plant-config';

const DAY_MINUTES = 24 * 60;
const TIME_FORMAT = 'must be a time of day HH:MM, from 00:00 to 24:00';

const isWeekday = (value: unknown): value is Weekday => WEEKDAYS.some((day) => day === value);

export function calendarAt(problems: Problems, field: string, value: unknown): ShiftCalendar | undefined {
  const input = objectAt(problems, field, value, ['shifts', 'days', 'utcOffsetMinutes', 'breakReasonCode', 'noShiftReasonCode']);
  if (!input) return undefined;
  const shifts = (arrayAt(problems, `${field}.shifts`, input['shifts'], { minLength: 1 }) ?? []).map((shift, i) => shiftAt(problems, `${field}.shifts[${i}]`, shift));
  let days: Weekday[] | undefined;
  if (input['days'] !== undefined) {
    const listed = arrayAt(problems, `${field}.days`, input['days'], { minLength: 1 }) ?? [];
    days = listed.filter(isWeekday);
    if (days.length !== listed.length) problems.add(`${field}.days`, `must list days among ${WEEKDAYS.join(', ')}`);
  }
  const utcOffsetMinutes = optionalNumberAt(problems, `${field}.utcOffsetMinutes`, input['utcOffsetMinutes'], { min: -14 * 60, max: 14 * 60, integer: true });
  const breakReasonCode = optionalCodeAt(problems, `${field}.breakReasonCode`, input['breakReasonCode']);
  const noShiftReasonCode = optionalCodeAt(problems, `${field}.noShiftReasonCode`, input['noShiftReasonCode']);
  const valid = shifts.filter((shift): shift is ShiftConfig => shift !== undefined);
  if (valid.length !== shifts.length) return undefined;
  overlappingShifts(problems, `${field}.shifts`, valid);
  return {
    shifts: valid,
    ...(days ? { days } : {}),
    ...(utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes }),
    ...(breakReasonCode ? { breakReasonCode } : {}),
    ...(noShiftReasonCode ? { noShiftReasonCode } : {}),
  };
}

function shiftAt(problems: Problems, field: string, value: unknown): ShiftConfig | undefined {
  const input = objectAt(problems, field, value, ['name', 'start', 'end', 'breaks']);
  if (!input) return undefined;
  const { name, start, end } = input;
  if (name !== undefined && typeof name !== 'string') problems.add(`${field}.name`, 'must be a string');
  if (typeof start !== 'string') return problems.add(`${field}.start`, TIME_FORMAT);
  if (typeof end !== 'string') return problems.add(`${field}.end`, TIME_FORMAT);
  const breaks = (input['breaks'] === undefined ? [] : (arrayAt(problems, `${field}.breaks`, input['breaks']) ?? [])).map((planned, i) => {
    const breakInput = objectAt(problems, `${field}.breaks[${i}]`, planned, ['start', 'end']);
    if (!breakInput) return undefined;
    if (typeof breakInput['start'] !== 'string') return problems.add(`${field}.breaks[${i}].start`, TIME_FORMAT);
    if (typeof breakInput['end'] !== 'string') return problems.add(`${field}.breaks[${i}].end`, TIME_FORMAT);
    return { start: breakInput['start'], end: breakInput['end'] };
  });
  const validBreaks = breaks.filter((planned): planned is { start: string; end: string } => planned !== undefined);
  if (validBreaks.length !== breaks.length) return undefined;
  const shift: ShiftConfig = { ...(typeof name === 'string' ? { name } : {}), start, end, ...(input['breaks'] === undefined ? {} : { breaks: validBreaks }) };
  const minutes = shiftMinutes(shift);
  if (!minutes) return problems.add(field, `start, end and every break ${TIME_FORMAT}`);
  if (minutes.start >= DAY_MINUTES) return problems.add(`${field}.start`, 'must be before 24:00');
  if (start === end) return problems.add(field, 'must not start and end at the same time; 00:00 to 24:00 is a whole day');
  let previousEnd = minutes.start;
  minutes.breaks.forEach((planned, i) => {
    if (planned.end <= planned.start || planned.end > minutes.end) problems.add(`${field}.breaks`, `break ${i + 1} (by start time) must end after it starts and within the shift ${start}-${end}`);
    else if (planned.start < previousEnd) problems.add(`${field}.breaks`, `break ${i + 1} (by start time) overlaps the break before it`);
    previousEnd = planned.end;
  });
  return shift;
}

/** Shifts repeat every day, so two overlap if they do on a 24-hour circle. */
function overlappingShifts(problems: Problems, field: string, shifts: ShiftConfig[]): void {
  const spans = shifts.map((shift) => shiftMinutes(shift)).filter((span) => span !== undefined);
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i];
      const b = spans[j];
      const aToB = (((b.start - a.start) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
      const bToA = (((a.start - b.start) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
      if (aToB < a.end - a.start || bToA < b.end - b.start) problems.add(field, `shifts ${i + 1} and ${j + 1} overlap`);
    }
  }
}
