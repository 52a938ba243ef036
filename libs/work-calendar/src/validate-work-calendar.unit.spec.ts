import { calendarTimes } from './calendar-times';
import { InvalidWorkCalendarError } from './errors';
import { expandCalendar } from './expand-calendar';
import { plannedStateAt } from './planned-state-at';
import { validateWorkCalendar } from './validate-work-calendar';
import { twoShiftsParis } from './work-calendar.fixtures';
import type { ShiftDefinition, WorkCalendarDefinition } from './work-calendar-definition';

const early: ShiftDefinition = { name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '14:00' };
const withShifts = (...shifts: ShiftDefinition[]): WorkCalendarDefinition => ({ timeZone: 'Europe/Paris', shifts });
const fieldsOf = (definition: WorkCalendarDefinition): string[] => validateWorkCalendar(definition).map((problem) => problem.field);

describe('validateWorkCalendar', () => {
  it('given the sample calendars, when validated, then there is no problem', () => {
    expect(validateWorkCalendar(twoShiftsParis)).toEqual([]);
    expect(validateWorkCalendar(withShifts({ name: 'All day', days: ['SUN'], start: '00:00', end: '24:00', breaks: [{ start: '23:30', end: '24:00' }] }))).toEqual([]);
  });

  it('given an unknown time zone, when validated, then timeZone is named', () => {
    expect(validateWorkCalendar({ ...twoShiftsParis, timeZone: 'Europe/Lyon' })).toEqual([{ field: 'timeZone', message: '"Europe/Lyon" is not an IANA time zone (e.g. Europe/Paris)' }]);
  });

  it.each([
    ['a time without its leading zero', { ...early, start: '6:00' }, 'shifts[0].start'],
    ['an hour past 23', { ...early, end: '25:00' }, 'shifts[0].end'],
    ['24:00 as a start', { ...early, start: '24:00' }, 'shifts[0].start'],
    ['an end equal to the start', { ...early, end: '06:00' }, 'shifts[0].end'],
    ['an unknown day', { ...early, days: ['MON', 'MONDAY'] }, 'shifts[0].days[1]'],
    ['no day', { ...early, days: [] }, 'shifts[0].days'],
    ['a day listed twice', { ...early, days: ['MON', 'MON'] }, 'shifts[0].days[1]'],
    ['an empty name', { ...early, name: ' ' }, 'shifts[0].name'],
    ['a break outside its shift', { ...early, breaks: [{ start: '13:45', end: '14:15' }] }, 'shifts[0].breaks[0]'],
    ['a break before its shift', { ...early, breaks: [{ start: '05:00', end: '05:30' }] }, 'shifts[0].breaks[0]'],
    ['a break ending before it starts', { ...early, breaks: [{ start: '10:30', end: '10:00' }] }, 'shifts[0].breaks[0].end'],
    ['a break with a bad time', { ...early, breaks: [{ start: '10h00', end: '10:30' }] }, 'shifts[0].breaks[0].start'],
    ['an offset break running past the shift', { ...early, breaks: [{ offsetMinutes: 470, durationMinutes: 15 }] }, 'shifts[0].breaks[0]'],
    ['a break of no duration', { ...early, breaks: [{ offsetMinutes: 60, durationMinutes: 0 }] }, 'shifts[0].breaks[0].durationMinutes'],
    ['overlapping breaks', { ...early, breaks: [{ start: '10:00', end: '10:30' }, { offsetMinutes: 260, durationMinutes: 15 }] }, 'shifts[0].breaks[1]'],
  ] as const)('given a shift with %s, when validated, then the field is named', (_case, shift, field) => {
    expect(fieldsOf(withShifts(shift as ShiftDefinition))).toEqual([field]);
  });

  it('given a break inside a night shift after midnight, when validated, then it is accepted', () => {
    expect(fieldsOf(withShifts({ name: 'Night', days: ['MON'], start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:30' }] }))).toEqual([]);
  });

  it.each([
    ['on the same day', { name: 'Late', days: ['WED'], start: '13:00', end: '21:00' }, 'WED'],
    ['after midnight, when a night shift runs into the next early shift', { name: 'Night', days: ['TUE'], start: '22:00', end: '06:30' }, 'TUE'],
    ['across the end of the week, when Sunday night runs into Monday morning', { name: 'Night', days: ['SUN'], start: '23:00', end: '07:00' }, 'SUN'],
  ] as const)('given shifts that overlap %s, when validated, then the later shift is named with the one it overlaps', (_case, other, day) => {
    expect(validateWorkCalendar(withShifts(early, other))).toEqual([{ field: 'shifts[1]', message: `overlaps shift "Early" (shifts[0]) on ${day}` }]);
  });

  it('given shifts that only touch, when validated, then they are accepted', () => {
    expect(fieldsOf(withShifts(early, { name: 'Night', days: ['SUN', 'MON', 'TUE', 'WED', 'THU'], start: '22:00', end: '06:00' }))).toEqual([]);
  });

  it('given two shifts with one name, when validated, then the second name is named', () => {
    expect(fieldsOf(withShifts(early, { ...early, days: ['SAT'] }))).toEqual(['shifts[1].name']);
  });

  it('given bad dated exceptions, when validated, then each bad field is named', () => {
    const definition: WorkCalendarDefinition = {
      ...twoShiftsParis,
      plannedDowntime: [
        { start: '2024-05-01T10:00:00Z', end: '2024-05-01T09:00:00Z', reason: 'planned maintenance' },
        { start: '2024-05-02T10:00:00', end: '2024-05-02T12:00:00+02:00', reason: '' },
      ],
      nonWorkingDays: [{ date: '2024-02-30', reason: 'holiday' }, { date: '2024-05-01', reason: 'Labour Day' }, { date: '2024-05-01', reason: 'again' }],
    };

    expect(fieldsOf(definition)).toEqual(['plannedDowntime[0].end', 'plannedDowntime[1].start', 'plannedDowntime[1].reason', 'nonWorkingDays[0].date', 'nonWorkingDays[2].date']);
  });

  it('given no shift at all, when validated, then shifts is named', () => {
    expect(fieldsOf(withShifts())).toEqual(['shifts']);
  });

  describe('given an invalid definition', () => {
    const invalid = { ...twoShiftsParis, timeZone: 'Mars/Olympus' };

    it.each([
      ['expandCalendar', () => expandCalendar(invalid, '2024-01-15T00:00:00Z', '2024-01-16T00:00:00Z')],
      ['calendarTimes', () => calendarTimes(invalid, '2024-01-15T00:00:00Z', '2024-01-16T00:00:00Z')],
      ['plannedStateAt', () => plannedStateAt(invalid, '2024-01-15T10:00:00Z')],
    ])('when %s is called, then it refuses with BAD_USER_INPUT naming the field', (_name, call) => {
      expect(call).toThrow(InvalidWorkCalendarError);
      expect(call).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field: 'timeZone' })] }));
    });
  });

  it.each([
    ['a range ending before it starts', '2024-01-16T00:00:00Z', '2024-01-15T00:00:00Z', ['to']],
    ['instants without an offset, which the process time zone would shift', '2024-01-15T00:00:00', '2024-01-16', ['from', 'to']],
  ])('given %s, when a valid calendar is expanded, then the range fields are named', (_case, from, to, fields) => {
    expect(() => expandCalendar(twoShiftsParis, from, to)).toThrow(expect.objectContaining({ problems: fields.map((field) => expect.objectContaining({ field })) }));
  });
});
