import { calendarTimes, shiftInstances } from './calendar-times';
import { expandCalendar } from './expand-calendar';
import { roundTheClock, twoShiftsParis } from './work-calendar.fixtures';
import type { WorkCalendarDefinition } from './work-calendar-definition';

/** mulberry32: a seeded generator, so that a failing case comes back on every run. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const YEAR_START = Date.parse('2024-01-01T00:00:00Z');
const YEAR_MS = 366 * 86_400_000;
const MAX_STEP_MS = 12 * 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

const calendars: Record<string, WorkCalendarDefinition> = {
  'two shifts, Paris, with maintenance over a break': {
    ...twoShiftsParis,
    plannedDowntime: [
      { start: '2024-03-12T10:00:00Z', end: '2024-03-12T11:15:00Z', reason: 'planned maintenance' },
      { start: '2024-07-01T00:00:00Z', end: '2024-07-08T00:00:00Z', reason: 'summer shutdown' },
    ],
  },
  'round the clock, Paris, with holidays': { ...roundTheClock('Europe/Paris'), nonWorkingDays: [{ date: '2024-03-31', reason: 'Easter' }, { date: '2024-12-25', reason: 'Christmas' }] },
  'round the clock, Chicago, with a window across the fall-back night': {
    ...roundTheClock('America/Chicago'),
    plannedDowntime: [{ start: '2024-11-03T04:30:00Z', end: '2024-11-03T09:10:00Z', reason: 'planned maintenance' }],
  },
};

describe.each(Object.entries(calendars))('given the calendar "%s"', (_name, calendar) => {
  const random = randomFrom(22400);
  // Millisecond boundaries land inside shifts and breaks, and DST nights fall in some of the ranges.
  const cases = Array.from({ length: 150 }, () => {
    const a = YEAR_START + Math.floor(random() * YEAR_MS);
    const b = a + Math.floor(random() * MAX_STEP_MS);
    const c = b + Math.floor(random() * MAX_STEP_MS);
    return [iso(a), iso(b), iso(c)] as const;
  });

  it('when [a, c) is split at any b, then POT and PDOT over [a, b) and [b, c) add up to those over [a, c)', () => {
    for (const [a, b, c] of cases) {
      const whole = calendarTimes(calendar, a, c);
      const left = calendarTimes(calendar, a, b);
      const right = calendarTimes(calendar, b, c);
      expect({ a, b, c, pot: left.plannedOperatingTime + right.plannedOperatingTime, pdot: left.plannedDownTime + right.plannedDownTime }).toEqual({
        a,
        b,
        c,
        pot: expect.closeTo(whole.plannedOperatingTime, 6),
        pdot: expect.closeTo(whole.plannedDownTime, 6),
      });
    }
  });

  it('when a range is rolled up by shift, then the shift instances add up to the range, and downtime never leaves its shift', () => {
    for (const [a, , c] of cases.slice(0, 40)) {
      const whole = calendarTimes(calendar, a, c);
      const instances = shiftInstances(calendar, a, c);
      expect(instances.reduce((sum, instance) => sum + instance.plannedOperatingTime, 0)).toBeCloseTo(whole.plannedOperatingTime, 6);
      expect(instances.reduce((sum, instance) => sum + instance.plannedDownTime, 0)).toBeCloseTo(whole.plannedDownTime, 6);
      const { shifts, plannedDowntime } = expandCalendar(calendar, a, c);
      for (const piece of plannedDowntime.filter((interval) => interval.kind !== 'non-working-day')) {
        const owner = shifts.find((instance) => instance.shift === piece.shift && instance.date === piece.date);
        expect(owner !== undefined && owner.start <= piece.start && piece.end <= owner.end).toBe(true);
      }
    }
  });
});
