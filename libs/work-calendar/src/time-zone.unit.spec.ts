import { DAY_MS } from './local-time';
import { isKnownTimeZone, wallTimeOf, ZoneClock } from './time-zone';

const wall = (localDateTime: string): number => Date.parse(`${localDateTime}Z`);
const instantOf = (timeZone: string, localDateTime: string): string => new Date(new ZoneClock(timeZone).toInstant(wall(localDateTime))).toISOString();

describe('ZoneClock', () => {
  describe.each([
    { timeZone: 'Europe/Paris', ordinary: ['2024-01-15T06:00:00', '2024-01-15T05:00:00.000Z'], skipped: ['2024-03-31T02:30:00', '2024-03-31T01:00:00.000Z'], repeated: ['2024-10-27T02:30:00', '2024-10-27T00:30:00.000Z'], afterRepeat: ['2024-10-27T03:00:00', '2024-10-27T02:00:00.000Z'] },
    { timeZone: 'America/Chicago', ordinary: ['2024-07-15T06:00:00', '2024-07-15T11:00:00.000Z'], skipped: ['2024-03-10T02:30:00', '2024-03-10T08:00:00.000Z'], repeated: ['2024-11-03T01:30:00', '2024-11-03T06:30:00.000Z'], afterRepeat: ['2024-11-03T02:00:00', '2024-11-03T08:00:00.000Z'] },
  ] as const)('given $timeZone', ({ timeZone, ordinary, skipped, repeated, afterRepeat }) => {
    it('when a wall time exists once, then it maps to its only instant', () => {
      expect(instantOf(timeZone, ordinary[0])).toBe(ordinary[1]);
    });

    it('when the spring-forward skips the wall time, then it maps to the instant the clock jumps', () => {
      expect(instantOf(timeZone, skipped[0])).toBe(skipped[1]);
    });

    it('when the fall-back repeats the wall time, then it maps to its first occurrence', () => {
      expect(instantOf(timeZone, repeated[0])).toBe(repeated[1]);
      expect(instantOf(timeZone, afterRepeat[0])).toBe(afterRepeat[1]);
    });

    it('when every quarter hour of the changing days is mapped, then the instants never go backwards and read back as the same wall time, or as the end of the skipped hour', () => {
      const clock = new ZoneClock(timeZone);
      for (const day of [skipped[0], repeated[0]]) {
        const midnight = wall(`${day.slice(0, 10)}T00:00:00`);
        let previous = -Infinity;
        for (let wallMs = midnight - DAY_MS; wallMs < midnight + 2 * DAY_MS; wallMs += 15 * 60_000) {
          const instant = clock.toInstant(wallMs);
          expect(instant).toBeGreaterThanOrEqual(previous);
          previous = instant;
          const readBack = wallTimeOf(timeZone, instant);
          expect(readBack === wallMs || (readBack > wallMs && readBack - wallMs <= 3_600_000 && clock.toInstant(readBack) === instant)).toBe(true);
        }
      }
    });
  });

  it.each(['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Apia', 'Pacific/Kiritimati', 'UTC'])(
    'given %s, when the local day of every quarter hour of a year is asked, then it is the day its wall clock reads',
    (timeZone) => {
      // Pacific/Apia skipped 30 December 2011 altogether; Lord Howe moves its clocks by half an hour.
      const clock = new ZoneClock(timeZone);
      const from = Date.parse(timeZone === 'Pacific/Apia' ? '2011-01-01T00:00:00Z' : '2025-01-01T00:00:00Z');
      for (let instant = from; instant < from + 366 * DAY_MS; instant += 15 * 60_000) {
        const day = clock.dayNumberOf(instant);
        if (day !== Math.floor(wallTimeOf(timeZone, instant) / DAY_MS)) throw new Error(`${timeZone}: ${new Date(instant).toISOString()} read as day ${day}`);
      }
    },
  );

  it('given names that are and are not IANA zones, when checked, then only the real ones are known', () => {
    expect(['Europe/Paris', 'America/Chicago', 'UTC'].map(isKnownTimeZone)).toEqual([true, true, true]);
    expect(['Europe/Lyon', 'CET+1', ''].map(isKnownTimeZone)).toEqual([false, false, false]);
  });
});
