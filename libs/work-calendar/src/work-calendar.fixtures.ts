import type { WorkCalendarDefinition } from './work-calendar-definition';

/** Weekdays, two shifts: wall-clock breaks on the early shift, an elapsed-time break on the late one. */
export const twoShiftsParis: WorkCalendarDefinition = {
  timeZone: 'Europe/Paris',
  shifts: [
    {
      name: 'Early',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '06:00',
      end: '14:00',
      breaks: [
        { start: '09:00', end: '09:15', reason: 'coffee' },
        { start: '12:00', end: '12:30', reason: 'lunch' },
      ],
    },
    {
      name: 'Late',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '14:00',
      end: '22:00',
      breaks: [{ offsetMinutes: 240, durationMinutes: 30, reason: 'dinner' }],
    },
  ],
};

/** Round the clock, every day; the night shift has a wall-clock break at 02:00 and one 6 h after it starts. */
export function roundTheClock(timeZone: string): WorkCalendarDefinition {
  const everyDay = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
  return {
    timeZone,
    shifts: [
      { name: 'Early', days: everyDay, start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30' }] },
      { name: 'Late', days: everyDay, start: '14:00', end: '22:00', breaks: [{ start: '18:00', end: '18:30' }] },
      {
        name: 'Night',
        days: everyDay,
        start: '22:00',
        end: '06:00',
        breaks: [
          { start: '02:00', end: '02:30', reason: 'night meal' },
          { offsetMinutes: 360, durationMinutes: 15, reason: 'stretch' },
        ],
      },
    ],
  };
}

export const HOUR = 3600;
export const MINUTE = 60;
