import { plannedStateAt } from './planned-state-at';
import { roundTheClock, twoShiftsParis } from './work-calendar.fixtures';
import type { WorkCalendarDefinition } from './work-calendar-definition';

describe('plannedStateAt', () => {
  describe('given two weekday shifts with a maintenance window over the lunch break and into the night', () => {
    const calendar: WorkCalendarDefinition = {
      ...twoShiftsParis,
      plannedDowntime: [
        { start: '2024-01-16T11:15:00Z', end: '2024-01-16T12:00:00Z', reason: 'planned maintenance' },
        { start: '2024-01-16T20:30:00Z', end: '2024-01-16T23:00:00Z', reason: 'die change' },
      ],
    };

    it.each([
      ['in a shift, outside any downtime', '2024-01-16T07:00:00Z', { inShift: true, shift: 'Early' }],
      ['in the coffee break', '2024-01-16T08:05:00Z', { inShift: true, shift: 'Early', plannedDowntime: { reason: 'coffee', kind: 'break' } }],
      ['where the window covers the break', '2024-01-16T11:20:00Z', { inShift: true, shift: 'Early', plannedDowntime: { reason: 'planned maintenance', kind: 'window' } }],
      ['at the start of the late shift, which ends the early one', '2024-01-16T13:00:00Z', { inShift: true, shift: 'Late' }],
      ['in the window after the late shift', '2024-01-16T22:00:00Z', { inShift: false, plannedDowntime: { reason: 'die change', kind: 'window' } }],
      ['at night, with nothing planned', '2024-01-17T02:00:00Z', { inShift: false }],
      ['on a Saturday', '2024-01-20T10:00:00Z', { inShift: false }],
    ])('when asked %s, then it answers the planned state', (_case, at, expected) => {
      expect(plannedStateAt(calendar, at)).toEqual(expected);
    });
  });

  describe('given a round-the-clock calendar with Christmas off', () => {
    const calendar: WorkCalendarDefinition = { ...roundTheClock('Europe/Paris'), nonWorkingDays: [{ date: '2024-12-25', reason: 'Christmas' }] };

    it('when asked during the night that began on Christmas Eve, then it is in shift', () => {
      expect(plannedStateAt(calendar, '2024-12-25T03:00:00+01:00')).toEqual({ inShift: true, shift: 'Night' });
    });

    it('when asked during a cancelled shift, then it is not in shift, and the non-working day is the reason', () => {
      expect(plannedStateAt(calendar, '2024-12-25T09:00:00+01:00')).toEqual({ inShift: false, plannedDowntime: { reason: 'Christmas', kind: 'non-working-day' } });
    });
  });
});
