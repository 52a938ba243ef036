import type { DayOfWeek } from './work-calendar-definition';

export const DAY_MS = 86_400_000;
export const DAY_SECONDS = 86_400;

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const END_OF_DAY = /^24:00(?::00)?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An offset is required: without one, Date.parse would read the instant in the process's own time zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** JavaScript's getUTCDay numbering (Sunday = 0), so that a day number's weekday needs no mapping. */
export const WEEKDAY_NUMBER: Readonly<Record<DayOfWeek, number>> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

export function isDayOfWeek(value: unknown): value is DayOfWeek {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(WEEKDAY_NUMBER, value);
}

/** Seconds since local midnight, or undefined when the text is not a time of day. */
export function parseLocalTime(text: unknown, options: { endOfDayAllowed: boolean }): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (options.endOfDayAllowed && END_OF_DAY.test(text)) return DAY_SECONDS;
  const match = LOCAL_TIME.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
}

/** Days since 1970-01-01, or undefined when the text is not a real calendar date. */
export function parseLocalDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = LOCAL_DATE.exec(text);
  if (match === null) return undefined;
  const epochMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2024-02-30 over to March; a date that does not come back unchanged does not exist.
  return formatLocalDate(epochMs / DAY_MS) === text ? epochMs / DAY_MS : undefined;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Days since 1970-01-01 to `YYYY-MM-DD` by arithmetic (H. Hinnant's civil_from_days): a year expansion
 * formats thousands of instants, and Date#toISOString was the largest cost in it.
 */
export function formatLocalDate(dayNumber: number): string {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Milliseconds since the epoch, or undefined when the text is not an ISO instant with an offset. */
export function parseIsoInstant(text: unknown): number | undefined {
  if (typeof text !== 'string' || !ISO_INSTANT.test(text)) return undefined;
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) ? undefined : epochMs;
}

/** The same text as Date#toISOString for years 0000–9999, without building a Date. */
export function formatIsoInstant(epochMs: number): string {
  const dayNumber = Math.floor(epochMs / DAY_MS);
  return `${formatLocalDate(dayNumber)}T${formatTimeOfDay(epochMs - dayNumber * DAY_MS)}Z`;
}

function formatTimeOfDay(msOfDay: number): string {
  return `${pad(Math.floor(msOfDay / 3_600_000), 2)}:${pad(Math.floor(msOfDay / 60_000) % 60, 2)}:${pad(Math.floor(msOfDay / 1000) % 60, 2)}.${pad(msOfDay % 1000, 3)}`;
}

/**
 * formatIsoInstant with memory: an expansion repeats a few hundred dates and a handful of clock times
 * thousands of times, so it formats each once.
 */
export function memoizedIsoFormatter(): (epochMs: number) => string {
  const dates = new Map<number, string>();
  const times = new Map<number, string>();
  return (epochMs) => {
    const dayNumber = Math.floor(epochMs / DAY_MS);
    const msOfDay = epochMs - dayNumber * DAY_MS;
    let date = dates.get(dayNumber);
    if (date === undefined) dates.set(dayNumber, (date = formatLocalDate(dayNumber)));
    let time = times.get(msOfDay);
    if (time === undefined) times.set(msOfDay, (time = formatTimeOfDay(msOfDay)));
    return `${date}T${time}Z`;
  };
}
