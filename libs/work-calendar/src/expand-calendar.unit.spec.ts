import { expandCalendar } from './expand-calendar';
import { roundTheClock, twoShiftsParis } from './work-calendar.fixtures';
import type { WorkCalendarDefinition } from './work-calendar-definition';

const hoursBetween = (start: string, end: string): number => (Date.parse(end) - Date.parse(start)) / 3_600_000;

describe('expandCalendar', () => {
  describe('given two weekday shifts with breaks in Europe/Paris (winter, UTC+1)', () => {
    it('when a Monday is expanded, then it lists both shifts and their breaks in UTC, in time order', () => {
      const expansion = expandCalendar(twoShiftsParis, '2024-01-14T23:00:00Z', '2024-01-15T23:00:00Z');

      expect(expansion.shifts).toEqual([
        { shift: 'Early', date: '2024-01-15', start: '2024-01-15T05:00:00.000Z', end: '2024-01-15T13:00:00.000Z' },
        { shift: 'Late', date: '2024-01-15', start: '2024-01-15T13:00:00.000Z', end: '2024-01-15T21:00:00.000Z' },
      ]);
      expect(expansion.plannedDowntime).toEqual([
        { shift: 'Early', date: '2024-01-15', start: '2024-01-15T08:00:00.000Z', end: '2024-01-15T08:15:00.000Z', reason: 'coffee', kind: 'break' },
        { shift: 'Early', date: '2024-01-15', start: '2024-01-15T11:00:00.000Z', end: '2024-01-15T11:30:00.000Z', reason: 'lunch', kind: 'break' },
        { shift: 'Late', date: '2024-01-15', start: '2024-01-15T17:00:00.000Z', end: '2024-01-15T17:30:00.000Z', reason: 'dinner', kind: 'break' },
      ]);
    });

    it('when a weekend is expanded, then there is nothing', () => {
      expect(expandCalendar(twoShiftsParis, '2024-01-12T23:00:00Z', '2024-01-14T23:00:00Z')).toEqual({ shifts: [], plannedDowntime: [] });
    });

    it('when the range is empty, then there is nothing', () => {
      expect(expandCalendar(twoShiftsParis, '2024-01-15T10:00:00Z', '2024-01-15T10:00:00Z')).toEqual({ shifts: [], plannedDowntime: [] });
    });
  });

  describe('given night shifts from Sunday to Thursday evening', () => {
    const nights: WorkCalendarDefinition = { timeZone: 'Europe/Paris', shifts: [{ name: 'Night', days: ['SUN', 'MON', 'TUE', 'WED', 'THU'], start: '22:00', end: '06:00' }] };

    it('when a Monday-to-Monday week is expanded, then Sunday night is cut at both ends of the week and each night keeps the date it started on', () => {
      const { shifts } = expandCalendar(nights, '2024-01-14T23:00:00Z', '2024-01-21T23:00:00Z');

      expect(shifts.map((instance) => [instance.date, instance.start, instance.end])).toEqual([
        ['2024-01-14', '2024-01-14T23:00:00.000Z', '2024-01-15T05:00:00.000Z'],
        ['2024-01-15', '2024-01-15T21:00:00.000Z', '2024-01-16T05:00:00.000Z'],
        ['2024-01-16', '2024-01-16T21:00:00.000Z', '2024-01-17T05:00:00.000Z'],
        ['2024-01-17', '2024-01-17T21:00:00.000Z', '2024-01-18T05:00:00.000Z'],
        ['2024-01-18', '2024-01-18T21:00:00.000Z', '2024-01-19T05:00:00.000Z'],
        ['2024-01-21', '2024-01-21T21:00:00.000Z', '2024-01-21T23:00:00.000Z'],
      ]);
    });

    it('when Friday night is expanded, then no shift starts, because Thursday night ended at 06:00', () => {
      expect(expandCalendar(nights, '2024-01-19T05:00:00Z', '2024-01-21T21:00:00Z').shifts).toEqual([]);
    });
  });

  describe.each([
    { timeZone: 'Europe/Paris', springEve: '2024-03-30', fallEve: '2024-10-26', spring: { start: '2024-03-30T21:00:00.000Z', end: '2024-03-31T04:00:00.000Z' }, fall: { start: '2024-10-26T20:00:00.000Z', end: '2024-10-27T05:00:00.000Z' }, fallNightMeal: '2024-10-27T00:00:00.000Z' },
    { timeZone: 'America/Chicago', springEve: '2024-03-09', fallEve: '2024-11-02', spring: { start: '2024-03-10T04:00:00.000Z', end: '2024-03-10T11:00:00.000Z' }, fall: { start: '2024-11-03T03:00:00.000Z', end: '2024-11-03T12:00:00.000Z' }, fallNightMeal: '2024-11-03T08:00:00.000Z' },
  ])('given round-the-clock shifts in $timeZone', ({ timeZone, springEve, fallEve, spring, fall, fallNightMeal }) => {
    const calendar = roundTheClock(timeZone);
    const nightOf = (date: string, range: { start: string; end: string }) => {
      const expansion = expandCalendar(calendar, range.start, range.end);
      return {
        night: expansion.shifts.find((instance) => instance.shift === 'Night' && instance.date === date),
        breaks: expansion.plannedDowntime.filter((piece) => piece.shift === 'Night' && piece.date === date),
      };
    };

    it('when the clocks spring forward, then the 22:00–06:00 night lasts 7 h and its 02:00 break, which the clock skips, vanishes', () => {
      const { night, breaks } = nightOf(springEve, spring);

      expect(night).toMatchObject(spring);
      expect(hoursBetween(night?.start ?? '', night?.end ?? '')).toBe(7);
      expect(breaks.map((piece) => piece.reason)).toEqual(['stretch']);
    });

    it('when the clocks fall back, then the night lasts 9 h, the 02:00 break takes the first 02:00, and the elapsed-time break still comes 6 h after the start', () => {
      const { night, breaks } = nightOf(fallEve, fall);

      expect(night).toMatchObject(fall);
      expect(hoursBetween(night?.start ?? '', night?.end ?? '')).toBe(9);
      const stretch = breaks.find((piece) => piece.reason === 'stretch');
      expect(hoursBetween(fall.start, stretch?.start ?? '')).toBe(6);
      expect(breaks.find((piece) => piece.reason === 'night meal')?.start).toBe(fallNightMeal);
    });

    it('when the day of a change is expanded, then the early and late shifts keep 8 h, because the clock changes before they start', () => {
      for (const sunday of [spring.end, fall.end]) {
        const { shifts } = expandCalendar(calendar, sunday, new Date(Date.parse(sunday) + 16 * 3_600_000).toISOString());
        expect(shifts.map((instance) => [instance.shift, hoursBetween(instance.start, instance.end)])).toEqual([['Early', 8], ['Late', 8]]);
      }
    });
  });

  describe('given a planned-maintenance window over part of the lunch break', () => {
    const calendar: WorkCalendarDefinition = {
      ...twoShiftsParis,
      plannedDowntime: [{ start: '2024-01-16T10:00:00Z', end: '2024-01-16T11:15:00Z', reason: 'planned maintenance' }],
    };

    it('when the day is expanded, then the window wins the overlap and the break keeps only the rest, so no second is counted twice', () => {
      const { plannedDowntime } = expandCalendar(calendar, '2024-01-16T05:00:00Z', '2024-01-16T13:00:00Z');

      expect(plannedDowntime.map((piece) => [piece.kind, piece.reason, piece.start, piece.end])).toEqual([
        ['break', 'coffee', '2024-01-16T08:00:00.000Z', '2024-01-16T08:15:00.000Z'],
        ['window', 'planned maintenance', '2024-01-16T10:00:00.000Z', '2024-01-16T11:15:00.000Z'],
        ['break', 'lunch', '2024-01-16T11:15:00.000Z', '2024-01-16T11:30:00.000Z'],
      ]);
    });
  });

  describe('given a planned-downtime window over the night, when no shift runs', () => {
    const calendar: WorkCalendarDefinition = {
      ...twoShiftsParis,
      plannedDowntime: [{ start: '2024-01-16T20:00:00Z', end: '2024-01-17T06:00:00Z', reason: 'planned maintenance' }],
    };

    it('when the days are expanded, then the window is kept only where it cuts into the late and the early shift', () => {
      const { plannedDowntime } = expandCalendar(calendar, '2024-01-16T13:00:00Z', '2024-01-17T13:00:00Z');

      expect(plannedDowntime.filter((piece) => piece.kind === 'window').map((piece) => [piece.shift, piece.date, piece.start, piece.end])).toEqual([
        ['Late', '2024-01-16', '2024-01-16T20:00:00.000Z', '2024-01-16T21:00:00.000Z'],
        ['Early', '2024-01-17', '2024-01-17T05:00:00.000Z', '2024-01-17T06:00:00.000Z'],
      ]);
    });
  });

  describe('given Christmas Day as a non-working day of a round-the-clock calendar', () => {
    const calendar: WorkCalendarDefinition = { ...roundTheClock('Europe/Paris'), nonWorkingDays: [{ date: '2024-12-25', reason: 'Christmas' }] };

    it('when the local day is expanded, then only the night that began on Christmas Eve runs, and the cancelled shifts show as non-working time', () => {
      const { shifts, plannedDowntime } = expandCalendar(calendar, '2024-12-24T23:00:00Z', '2024-12-25T23:00:00Z');

      expect(shifts).toEqual([{ shift: 'Night', date: '2024-12-24', start: '2024-12-24T23:00:00.000Z', end: '2024-12-25T05:00:00.000Z' }]);
      expect(plannedDowntime.filter((piece) => piece.kind === 'non-working-day').map((piece) => [piece.shift, piece.start, piece.end, piece.reason])).toEqual([
        ['Early', '2024-12-25T05:00:00.000Z', '2024-12-25T13:00:00.000Z', 'Christmas'],
        ['Late', '2024-12-25T13:00:00.000Z', '2024-12-25T21:00:00.000Z', 'Christmas'],
        ['Night', '2024-12-25T21:00:00.000Z', '2024-12-25T23:00:00.000Z', 'Christmas'],
      ]);
    });
  });
});
