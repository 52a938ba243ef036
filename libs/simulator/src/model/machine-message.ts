import type { WorkUnitState } from '@quadrant/contracts';

/** The platform's work unit states, less `Unknown`: a simulated machine always knows its state. */
export type SimulatedState = Exclude<WorkUnitState, 'Unknown'>;

/** A change of state, sent only when state or reason differs from the unit's previous message. */
export interface StateMessage {
  kind: 'state';
  messageId: string;
  workUnitId: string;
  state: SimulatedState;
  reasonCode?: string;
  /** ISO 8601 UTC: when the unit entered the state. */
  since: string;
}

/** Units completed in the count window that ends at `at`; sent only for windows with any. */
export interface CountMessage {
  kind: 'count';
  messageId: string;
  workUnitId: string;
  /** ISO 8601 UTC: the end of the count window. */
  at: string;
  good: number;
  scrap: number;
  rework: number;
}

export type MachineMessage = StateMessage | CountMessage;

/** Where machine messages go: an HTTP endpoint, an MQTT broker, a test's array. */
export type Sink = (messages: MachineMessage[]) => Promise<void>;

export class SimulationInputError extends Error {
  readonly code = 'INVALID_SIMULATION_INPUT';
  constructor(readonly field: string, message: string) {
    super(`${field} ${message}`);
    this.name = 'SimulationInputError';
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO 8601 instant; the zone is required, as local time would differ by host. */
export function parseInstant(field: string, value: string): number {
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new SimulationInputError(field, `must be an ISO 8601 timestamp with a zone, e.g. 2026-01-05T06:00:00Z, not "${value}"`);
  return ms;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
let cachedDay = NaN;
let cachedDate = '';

// Count windows end on whole minutes, so their times of day repeat daily: one shared string each.
const minuteTimes: string[] = [];

/**
 * `new Date(ms).toISOString()` for whole milliseconds, at a fraction of its cost and garbage: a simulated
 * year is hundreds of thousands of timestamps a unit, nearly all on a day formatted just before.
 */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const ofDay = ms - day * DAY_MS;
  if (ofDay % 60_000 === 0) {
    const minute = ofDay / 60_000;
    return cachedDate + (minuteTimes[minute] ??= `${TWO_DIGITS[Math.floor(minute / 60)]}:${TWO_DIGITS[minute % 60]}:00.000Z`);
  }
  const hours = Math.floor(ofDay / 3_600_000);
  const minutes = Math.floor((ofDay % 3_600_000) / 60_000);
  const seconds = Math.floor((ofDay % 60_000) / 1000);
  return `${cachedDate}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[ofDay % 1000]}Z`;
}
