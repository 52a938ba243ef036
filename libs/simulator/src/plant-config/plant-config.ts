import type { Distribution } from '../random/distributions';

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A time of day in the plant's local time, `HH:MM`; `24:00` closes a day. */
export type TimeOfDay = string;

export interface ShiftConfig {
  name?: string;
  start: TimeOfDay;
  /** At or before `start` means the shift ends the next day (a night shift, 22:00 to 06:00). */
  end: TimeOfDay;
  /** Planned breaks inside the shift: the unit is in `PlannedDowntime` with the break reason code. */
  breaks?: { start: TimeOfDay; end: TimeOfDay }[];
}

/**
 * When a work unit is planned to produce. Outside every shift it is in `PlannedDowntime` with the
 * no-shift reason code. A work unit without a calendar is planned to produce around the clock.
 */
export interface ShiftCalendar {
  shifts: ShiftConfig[];
  /** The days a shift may start on (a night shift belongs to the day it starts); every day by default. */
  days?: Weekday[];
  /** The plant's fixed offset from UTC; daylight saving time is not modelled. 0 by default. */
  utcOffsetMinutes?: number;
  breakReasonCode?: string;
  noShiftReasonCode?: string;
}

export interface BreakdownConfig {
  /** Running time between failures (MTBF is its mean); exponential for a unit with random failures. */
  timeToFailureSeconds: Distribution;
  /** Time to repair (MTTR is its mean); lognormal is the usual shape. */
  timeToRepairSeconds: Distribution;
  /** The reason code of each breakdown (`BEARING`, `JAM`, ...), drawn uniformly or by `reasonWeights`. */
  reasonCodes: string[];
  reasonWeights?: number[];
}

export interface MicroStopConfig {
  /** Chance that a cycle ends in a micro-stop. */
  probabilityPerCycle: number;
  durationSeconds: Distribution;
  /** `MICRO_STOP` by default; the unit shows `Idle` with it. */
  reasonCode?: string;
}

export interface SetupConfig {
  /** A changeover after this many units, or after this many minutes of running. */
  every: { units: number } | { runningMinutes: number };
  durationSeconds: Distribution;
  reasonCode?: string;
}

export interface WorkUnitConfig {
  workUnitId: string;
  /** Ideal cycle time per unit in seconds (ISO 22400 planned run time per item, PRI): no cycle beats it. */
  idealCycleTimeSeconds: number;
  /**
   * How far cycles fall behind the ideal: each cycle takes ideal × (1 + |N(0, jitter)|). 0 by default,
   * so the unit then runs exactly at its ideal rate.
   */
  cycleTimeJitter?: number;
  microStops?: MicroStopConfig;
  breakdowns?: BreakdownConfig;
  setups?: SetupConfig;
  /** Chance that a unit is scrap; 0 by default. */
  scrapRate?: number;
  /** Chance that a unit needs rework; 0 by default. Scrap, rework and good are exclusive. */
  reworkRate?: number;
  /** This unit's own calendar, in place of the plant's. */
  calendar?: ShiftCalendar;
}

export interface PlantConfig {
  /** Counts are totalled per work unit over windows of this length, aligned to the epoch; 60 by default. */
  countIntervalSeconds?: number;
  /** The calendar of every work unit that has none of its own. */
  calendar?: ShiftCalendar;
  workUnits: WorkUnitConfig[];
}

export const DEFAULT_COUNT_INTERVAL_SECONDS = 60;
export const DEFAULT_MICRO_STOP_REASON = 'MICRO_STOP';
export const DEFAULT_BREAK_REASON = 'BREAK';
export const DEFAULT_NO_SHIFT_REASON = 'NO_SHIFT';
