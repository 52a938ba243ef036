import { DAY_MS, formatIsoInstant, formatLocalDate, parseLocalDate, weekdayOf } from './local-time';

describe('local-time formatting', () => {
  it('given instants across four centuries, when formatted, then the text is exactly what Date#toISOString gives', () => {
    const first = Date.parse('1900-01-01T00:00:00Z');
    const last = Date.parse('2300-12-31T23:59:59.999Z');
    const step = Math.floor((last - first) / 20_011);
    const mismatches: string[] = [];
    for (let instant = first; instant <= last; instant += step) {
      if (formatIsoInstant(instant) !== new Date(instant).toISOString()) mismatches.push(`${formatIsoInstant(instant)} ≠ ${new Date(instant).toISOString()}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('given leap days and century years, when a day number is formatted and its weekday taken, then both match the Gregorian calendar', () => {
    for (const date of ['2000-02-29', '2024-02-29', '1900-03-01', '2100-02-28', '1970-01-01', '1969-12-31']) {
      const dayNumber = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
      expect([formatLocalDate(dayNumber), weekdayOf(dayNumber)]).toEqual([date, new Date(dayNumber * DAY_MS).getUTCDay()]);
      expect(parseLocalDate(date)).toBe(dayNumber);
    }
  });
});
