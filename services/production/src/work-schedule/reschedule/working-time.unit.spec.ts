import type { PublishedWorkCalendar } from '@quadrant/contracts';
import { endAfterWorking, workingTimeOf } from './working-time';

const twoShifts: PublishedWorkCalendar = {
  timeZone: 'UTC',
  shifts: [
    { name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30' }] },
    { name: 'Late', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '14:00', end: '22:00' },
  ],
};
const hour = 3600;

describe('working time for the scheduler', () => {
  it('is the shifts without their breaks, back-to-back shifts in one stretch, in seconds from the origin', () => {
    // Monday 2 November 2026, 00:00 UTC.
    const windows = workingTimeOf(twoShifts, Date.parse('2026-11-02T00:00:00Z'));
    expect(windows.slice(0, 3)).toEqual([
      { from: 6 * hour, to: 10 * hour },
      { from: 10.5 * hour, to: 22 * hour },
      { from: 30 * hour, to: 34 * hour },
    ]);
    // Friday's late shift, then nothing until Monday.
    const friday = windows.find((w) => w.from === (4 * 24 + 10.5) * hour);
    const next = windows[windows.indexOf(friday ?? windows[0] ?? { from: 0, to: 0 }) + 1];
    expect(next).toEqual({ from: (7 * 24 + 6) * hour, to: (7 * 24 + 10) * hour });
  });

  it('pauses work outside working time, and runs round the clock without it', () => {
    const windows = [
      { from: 0, to: 100 },
      { from: 200, to: 300 },
    ];
    expect(endAfterWorking(windows, 50, 30)).toBe(80);
    expect(endAfterWorking(windows, 50, 100)).toBe(250);
    expect(endAfterWorking(windows, 120, 10)).toBe(210);
    expect(endAfterWorking(windows, 250, 100)).toBe(350);
    expect(endAfterWorking(undefined, 50, 100)).toBe(150);
  });
});
