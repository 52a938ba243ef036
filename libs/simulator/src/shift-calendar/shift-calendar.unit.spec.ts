import type { ShiftCalendar } from '../plant-config/plant-config';
import { compileCalendar, plannedWindowAt, type PlannedWindow } from './shift-calendar';

const twoShifts: ShiftCalendar = {
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  shifts: [
    { start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30' }] },
    { start: '14:00', end: '22:00' },
  ],
};

/** The window at a moment, with its end as an ISO string for readable expectations. */
const windowAt = (calendar: ShiftCalendar | undefined, at: string): { productive: boolean; reasonCode?: string; end: string } => {
  const window: PlannedWindow = plannedWindowAt(calendar && compileCalendar(calendar), Date.parse(at));
  return {
    productive: window.productive,
    ...(window.productive ? {} : { reasonCode: window.reasonCode }),
    end: Number.isFinite(window.end) ? new Date(window.end).toISOString() : 'never',
  };
};

describe('planned windows', () => {
  it('plans production around the clock for a unit without a calendar', () => {
    expect(windowAt(undefined, '2026-01-05T03:00:00Z')).toEqual({ productive: true, end: 'never' });
  });

  describe('given two weekday shifts with a break in the first (2026-01-05 is a Monday)', () => {
    it('plans production from a shift start until the break', () => {
      expect(windowAt(twoShifts, '2026-01-05T06:00:00Z')).toEqual({ productive: true, end: '2026-01-05T10:00:00.000Z' });
    });

    it('plans a break until it ends', () => {
      expect(windowAt(twoShifts, '2026-01-05T10:10:00Z')).toEqual({ productive: false, reasonCode: 'BREAK', end: '2026-01-05T10:30:00.000Z' });
    });

    it('ends the first shift where the second begins, the seam a unit runs through', () => {
      expect(windowAt(twoShifts, '2026-01-05T12:00:00Z')).toEqual({ productive: true, end: '2026-01-05T14:00:00.000Z' });
      expect(windowAt(twoShifts, '2026-01-05T14:00:00Z')).toEqual({ productive: true, end: '2026-01-05T22:00:00.000Z' });
    });

    it('plans no shift from the evening to the next morning', () => {
      expect(windowAt(twoShifts, '2026-01-05T22:00:00Z')).toEqual({ productive: false, reasonCode: 'NO_SHIFT', end: '2026-01-06T06:00:00.000Z' });
      expect(windowAt(twoShifts, '2026-01-06T05:59:59.999Z')).toEqual({ productive: false, reasonCode: 'NO_SHIFT', end: '2026-01-06T06:00:00.000Z' });
    });

    it('plans no shift over the weekend, from Friday evening to Monday morning', () => {
      expect(windowAt(twoShifts, '2026-01-09T23:00:00Z')).toEqual({ productive: false, reasonCode: 'NO_SHIFT', end: '2026-01-12T06:00:00.000Z' });
      expect(windowAt(twoShifts, '2026-01-10T12:00:00Z').reasonCode).toBe('NO_SHIFT');
    });
  });

  it('runs a night shift into the next day, with its break after midnight', () => {
    const nights: ShiftCalendar = { shifts: [{ start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:30' }] }] };
    expect(windowAt(nights, '2026-01-05T23:00:00Z')).toEqual({ productive: true, end: '2026-01-06T02:00:00.000Z' });
    expect(windowAt(nights, '2026-01-06T02:15:00Z')).toEqual({ productive: false, reasonCode: 'BREAK', end: '2026-01-06T02:30:00.000Z' });
    expect(windowAt(nights, '2026-01-06T03:00:00Z')).toEqual({ productive: true, end: '2026-01-06T06:00:00.000Z' });
    expect(windowAt(nights, '2026-01-06T06:00:00Z')).toEqual({ productive: false, reasonCode: 'NO_SHIFT', end: '2026-01-06T22:00:00.000Z' });
  });

  it('reads shift times in the plant time zone and uses the configured reason codes', () => {
    const cet: ShiftCalendar = { ...twoShifts, utcOffsetMinutes: 60, breakReasonCode: 'PAUSE', noShiftReasonCode: 'CLOSED' };
    expect(windowAt(cet, '2026-01-05T05:30:00Z')).toEqual({ productive: true, end: '2026-01-05T09:00:00.000Z' });
    expect(windowAt(cet, '2026-01-05T09:00:00Z')).toEqual({ productive: false, reasonCode: 'PAUSE', end: '2026-01-05T09:30:00.000Z' });
    expect(windowAt(cet, '2026-01-05T21:00:00Z')).toEqual({ productive: false, reasonCode: 'CLOSED', end: '2026-01-06T05:00:00.000Z' });
  });

  it('treats 00:00 to 24:00 as a whole day of production', () => {
    const allDay: ShiftCalendar = { days: ['Mon'], shifts: [{ start: '00:00', end: '24:00' }] };
    expect(windowAt(allDay, '2026-01-05T00:00:00Z')).toEqual({ productive: true, end: '2026-01-06T00:00:00.000Z' });
    expect(windowAt(allDay, '2026-01-06T00:00:00Z')).toEqual({ productive: false, reasonCode: 'NO_SHIFT', end: '2026-01-12T00:00:00.000Z' });
  });
});
