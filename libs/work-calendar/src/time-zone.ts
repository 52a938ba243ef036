import { DAY_MS } from './local-time';

/**
 * Time-zone arithmetic on Intl.DateTimeFormat alone. A "wall" time is the local clock reading written as
 * milliseconds since the epoch as if it were UTC, so that local dates and times add like plain numbers.
 */

// Real offsets lie within −12 h … +14 h, so a reading 15 h before midnight precedes all of that day.
const READING_BEFORE_MIDNIGHT_MS = 15 * 3_600_000;

// Building a formatter costs far more than using one, and the same few zones come back on every call.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const known = formatters.get(timeZone);
  if (known !== undefined) return known;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local clock reading of an instant, as a wall time. */
export function wallTimeOf(timeZone: string, instantMs: number): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const milliseconds = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second) + milliseconds;
}

function offsetAt(timeZone: string, instantMs: number): number {
  return wallTimeOf(timeZone, instantMs) - instantMs;
}

/**
 * The daily offset readings of each zone, shared by all its clocks (a reading never changes): after the
 * first query over a range, the next ones make no Intl call at all. At most this many days per zone.
 */
const sharedReadings = new Map<string, Map<number, number>>();
const READINGS_PER_ZONE = 200_000;

/**
 * Converts wall times to instants for one zone. It reads the offset once per day, at 15 h before each UTC
 * midnight, and takes a local day's offset as constant when the readings at both sides of it agree: one
 * Intl call a day instead of several per shift. That holds while offsets change at most once in three days,
 * true of every IANA zone in modern times.
 *
 * A wall time skipped by a spring-forward maps to the instant the clock jumps, and a wall time repeated by
 * a fall-back maps to its first occurrence. Both keep the mapping monotonic, so shifts that do not overlap
 * on the wall clock never overlap in real time either.
 */
export class ZoneClock {
  private readonly readings: Map<number, number>;

  constructor(readonly timeZone: string) {
    let readings = sharedReadings.get(timeZone);
    if (!readings) {
      readings = new Map();
      sharedReadings.set(timeZone, readings);
    }
    this.readings = readings;
  }

  toInstant(wallMs: number): number {
    const dayNumber = Math.floor(wallMs / DAY_MS);
    // Day N's instants lie within [N − 14 h, N + 1 day + 12 h]; readings N and N + 3 enclose them.
    const before = this.readingOn(dayNumber);
    const after = this.readingOn(dayNumber + 3);
    if (before === after) return wallMs - before;
    const valid = [before, after].map((offset) => wallMs - offset).filter((instant) => offsetAt(this.timeZone, instant) === wallMs - instant);
    if (valid.length > 0) return Math.min(...valid);
    return this.transitionBetween(readingInstant(dayNumber), readingInstant(dayNumber + 3), after);
  }

  /** The local day (days since the epoch, on the wall clock) of an instant. */
  dayNumberOf(instantMs: number): number {
    const utcDay = Math.floor(instantMs / DAY_MS);
    // Readings on day − 1 and day + 2 enclose the UTC day's instants: when they agree, so does its offset.
    const before = this.readingOn(utcDay - 1);
    if (before === this.readingOn(utcDay + 2)) return Math.floor((instantMs + before) / DAY_MS);
    return Math.floor(wallTimeOf(this.timeZone, instantMs) / DAY_MS);
  }

  private readingOn(dayNumber: number): number {
    const known = this.readings.get(dayNumber);
    if (known !== undefined) return known;
    const offset = offsetAt(this.timeZone, readingInstant(dayNumber));
    if (this.readings.size >= READINGS_PER_ZONE) this.readings.clear();
    this.readings.set(dayNumber, offset);
    return offset;
  }

  /** The first instant with the later offset; offsets change on whole seconds, so seconds suffice. */
  private transitionBetween(lowMs: number, highMs: number, after: number): number {
    let lowSeconds = Math.floor(lowMs / 1000);
    let highSeconds = Math.ceil(highMs / 1000);
    while (highSeconds - lowSeconds > 1) {
      const middle = Math.floor((lowSeconds + highSeconds) / 2);
      if (offsetAt(this.timeZone, middle * 1000) === after) highSeconds = middle;
      else lowSeconds = middle;
    }
    return highSeconds * 1000;
  }
}

function readingInstant(dayNumber: number): number {
  return dayNumber * DAY_MS - READING_BEFORE_MIDNIGHT_MS;
}
