import { calendarTimes, shiftInstances } from './calendar-times';
import { HOUR, MINUTE, roundTheClock, twoShiftsParis } from './work-calendar.fixtures';
import type { WorkCalendarDefinition } from './work-calendar-definition';

describe('calendarTimes and shiftInstances', () => {
  describe('given two weekday shifts with 75 min of breaks a day', () => {
    it('when a Monday is measured, then POT is 16 h, PDOT 75 min and PBT the difference', () => {
      expect(calendarTimes(twoShiftsParis, '2024-01-14T23:00:00Z', '2024-01-15T23:00:00Z')).toEqual({
        plannedOperatingTime: 16 * HOUR,
        plannedDownTime: 75 * MINUTE,
        plannedBusyTime: 16 * HOUR - 75 * MINUTE,
      });
    });

    it('when a whole week is measured, then only the five weekdays count', () => {
      expect(calendarTimes(twoShiftsParis, '2024-01-14T23:00:00Z', '2024-01-21T23:00:00Z')).toMatchObject({ plannedOperatingTime: 80 * HOUR, plannedDownTime: 375 * MINUTE });
    });

    it('when the range starts inside the lunch break and ends inside the dinner break, then both shifts and both breaks are cut exactly there', () => {
      const from = '2024-01-15T11:10:00Z';
      const to = '2024-01-15T17:20:00Z';

      expect(calendarTimes(twoShiftsParis, from, to)).toEqual({ plannedOperatingTime: 370 * MINUTE, plannedDownTime: 40 * MINUTE, plannedBusyTime: 330 * MINUTE });
      expect(shiftInstances(twoShiftsParis, from, to)).toEqual([
        { shift: 'Early', date: '2024-01-15', start: '2024-01-15T11:10:00.000Z', end: '2024-01-15T13:00:00.000Z', plannedOperatingTime: 110 * MINUTE, plannedDownTime: 20 * MINUTE, plannedBusyTime: 90 * MINUTE },
        { shift: 'Late', date: '2024-01-15', start: '2024-01-15T13:00:00.000Z', end: '2024-01-15T17:20:00.000Z', plannedOperatingTime: 260 * MINUTE, plannedDownTime: 20 * MINUTE, plannedBusyTime: 240 * MINUTE },
      ]);
    });
  });

  describe('given a planned-maintenance window over part of the lunch break', () => {
    const calendar: WorkCalendarDefinition = {
      ...twoShiftsParis,
      plannedDowntime: [{ start: '2024-01-16T10:00:00Z', end: '2024-01-16T11:15:00Z', reason: 'planned maintenance' }],
    };

    it('when the early shift is measured, then PDOT is the union, coffee 15 + window 75 + rest of lunch 15 min, not 135 min', () => {
      const [early] = shiftInstances(calendar, '2024-01-16T05:00:00Z', '2024-01-16T13:00:00Z');

      expect(early).toMatchObject({ shift: 'Early', plannedOperatingTime: 8 * HOUR, plannedDownTime: 105 * MINUTE, plannedBusyTime: 8 * HOUR - 105 * MINUTE });
    });
  });

  describe('given Christmas Day as a non-working day of a round-the-clock calendar', () => {
    const calendar: WorkCalendarDefinition = { ...roundTheClock('Europe/Paris'), nonWorkingDays: [{ date: '2024-12-25', reason: 'Christmas' }] };

    it('when the local day is measured, then only the end of Christmas Eve night is POT, and the cancelled shifts are neither POT nor PDOT', () => {
      expect(calendarTimes(calendar, '2024-12-24T23:00:00Z', '2024-12-25T23:00:00Z')).toEqual({
        plannedOperatingTime: 6 * HOUR,
        plannedDownTime: 45 * MINUTE,
        plannedBusyTime: 6 * HOUR - 45 * MINUTE,
      });
    });
  });

  describe.each([
    { timeZone: 'Europe/Paris', springDay: { from: '2024-03-30T23:00:00Z', to: '2024-03-31T22:00:00Z' }, fallDay: { from: '2024-10-26T22:00:00Z', to: '2024-10-27T23:00:00Z' } },
    { timeZone: 'America/Chicago', springDay: { from: '2024-03-10T06:00:00Z', to: '2024-03-11T05:00:00Z' }, fallDay: { from: '2024-11-03T05:00:00Z', to: '2024-11-04T06:00:00Z' } },
  ])('given round-the-clock shifts in $timeZone', ({ timeZone, springDay, fallDay }) => {
    const calendar = roundTheClock(timeZone);

    it('when the local day the clocks spring forward is measured, then POT is 23 h and the skipped 02:00 break is not PDOT', () => {
      expect(calendarTimes(calendar, springDay.from, springDay.to)).toEqual({ plannedOperatingTime: 23 * HOUR, plannedDownTime: 75 * MINUTE, plannedBusyTime: 23 * HOUR - 75 * MINUTE });
    });

    it('when the local day the clocks fall back is measured, then POT is 25 h', () => {
      expect(calendarTimes(calendar, fallDay.from, fallDay.to)).toEqual({ plannedOperatingTime: 25 * HOUR, plannedDownTime: 105 * MINUTE, plannedBusyTime: 25 * HOUR - 105 * MINUTE });
    });
  });
});
