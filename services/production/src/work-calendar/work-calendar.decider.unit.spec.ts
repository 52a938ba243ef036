import type { PublishedWorkCalendar } from '@quadrant/contracts';
import { InvalidInputError, NotFoundError } from '@quadrant/event-sourcing';
import { DeciderSpecification } from '@quadrant/testing';
import { plannedStateAt } from '@quadrant/work-calendar';
import { effectiveCalendar, evolveWorkCalendar, PlannedDowntimeConflict, workCalendarDecider, type WorkCalendarState } from './work-calendar.decider';

const spec = DeciderSpecification(workCalendarDecider);
const at = '2026-11-02T06:00:00.000Z';
const twoShifts: PublishedWorkCalendar = {
  timeZone: 'Europe/Paris',
  shifts: [
    { name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:15', reason: 'coffee' }] },
    { name: 'Late', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '14:00', end: '22:00' },
  ],
};
const defined = { type: 'WorkCalendarDefined' as const, data: { equipmentId: 'lyon', version: 1, calendar: twoShifts, definedAt: at } };
const booked = { type: 'PlannedDowntimeBooked' as const, data: { equipmentId: 'lyon', windowId: 'pm-1', start: '2026-11-03T08:00:00.000Z', end: '2026-11-03T12:00:00.000Z', reason: 'planned maintenance', bookedAt: at } };
const book = { type: 'BookPlannedDowntime' as const, equipmentId: 'lyon', windowId: 'pm-1', start: booked.data.start, end: booked.data.end, reason: 'planned maintenance', at };

describe('work calendar', () => {
  it('is defined, and each revision is a new version', () => {
    spec.given([]).when({ type: 'DefineWorkCalendar', equipmentId: 'lyon', calendar: twoShifts, at }).then([defined]);
    const nights = { ...twoShifts, shifts: [...twoShifts.shifts, { name: 'Night', days: ['MON' as const], start: '22:00', end: '06:00' }] };
    spec.given([defined]).when({ type: 'DefineWorkCalendar', equipmentId: 'lyon', calendar: nights, at }).then([{ ...defined, data: { ...defined.data, version: 2, calendar: nights } }]);
    spec.given([defined]).when({ type: 'DefineWorkCalendar', equipmentId: 'lyon', calendar: twoShifts, at }).thenNothingHappens();
  });

  it('refuses a bad shift pattern, naming each field', () =>
    spec
      .given([])
      .when({ type: 'DefineWorkCalendar', equipmentId: 'lyon', calendar: { timeZone: 'Mars/Olympus', shifts: [{ name: 'Early', days: ['MON'], start: '25:00', end: '14:00' }] }, at })
      .thenThrows(InvalidInputError, (e) => expect(e.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['calendar.timeZone', 'calendar.shifts[0].start']))));

  it('books planned downtime once, and refuses another window under the same id', () => {
    spec.given([defined]).when(book).then([booked]);
    spec.given([defined, booked]).when(book).thenNothingHappens();
    spec.given([defined, booked]).when({ ...book, end: '2026-11-03T13:00:00.000Z' }).thenThrows(PlannedDowntimeConflict);
    spec.given([]).when(book).thenThrows(NotFoundError);
    spec.given([defined]).when({ ...book, end: '2026-11-03T07:00:00.000Z' }).thenThrows(InvalidInputError);
  });

  it('cancels a booked window, and a cancel sent again changes nothing', () => {
    const cancel = { type: 'CancelPlannedDowntime' as const, equipmentId: 'lyon', windowId: 'pm-1', at };
    const cancelled = { type: 'PlannedDowntimeCancelled' as const, data: { equipmentId: 'lyon', windowId: 'pm-1', cancelledAt: at } };
    spec.given([defined, booked]).when(cancel).then([cancelled]);
    spec.given([defined, booked, cancelled]).when(cancel).thenNothingHappens();
  });

  it('puts booked windows, breaks and time outside shifts into planned downtime for start enforcement', () => {
    const state = [defined, booked].reduce<WorkCalendarState>((s, e) => evolveWorkCalendar(s, e), workCalendarDecider.initialState());
    const calendar = effectiveCalendar(state);
    if (!calendar) throw new Error('no calendar');
    expect(plannedStateAt(calendar, '2026-11-03T09:00:00.000Z').plannedDowntime?.reason).toBe('planned maintenance');
    expect(plannedStateAt(calendar, '2026-11-02T09:05:00.000Z').plannedDowntime?.reason).toBe('coffee');
    expect(plannedStateAt(calendar, '2026-11-02T14:30:00.000Z')).toMatchObject({ inShift: true, shift: 'Late' });
    expect(plannedStateAt(calendar, '2026-11-01T12:00:00.000Z').inShift).toBe(false);
  });
});
