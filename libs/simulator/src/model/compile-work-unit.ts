import type { BreakdownConfig, ShiftCalendar, WorkUnitConfig } from '../plant-config/plant-config';
import { DEFAULT_MICRO_STOP_REASON } from '../plant-config/plant-config';
import type { Distribution } from '../random/distributions';
import { randomStream, type RandomStream } from '../random/prng';
import { compileCalendar, MINUTE_MS, type CompiledCalendar } from '../shift-calendar/shift-calendar';

/** A work unit's config in the form the model steps with: milliseconds, defaults filled in. */
export interface WorkUnitModel {
  workUnitId: string;
  idealCycleMs: number;
  meanCycleMs: number;
  cycleSdMs: number;
  calendar: CompiledCalendar | undefined;
  breakdowns: BreakdownConfig | undefined;
  microStops: { probabilityPerCycle: number; durationSeconds: Distribution; reasonCode: string } | undefined;
  setups: { everyUnits: number; everyRunningMs: number; durationSeconds: Distribution; reasonCode: string | undefined } | undefined;
  scrapRate: number;
  reworkRate: number;
}

export function compileWorkUnit(unit: WorkUnitConfig, plantCalendar: ShiftCalendar | undefined): WorkUnitModel {
  const idealCycleMs = unit.idealCycleTimeSeconds * 1000;
  const jitter = unit.cycleTimeJitter ?? 0;
  const calendar = unit.calendar ?? plantCalendar;
  const every = unit.setups?.every;
  return {
    workUnitId: unit.workUnitId,
    idealCycleMs,
    // Moments of ideal × (1 + |N(0, jitter)|), the half-normal slowdown each cycle suffers.
    meanCycleMs: idealCycleMs * (1 + jitter * Math.sqrt(2 / Math.PI)),
    cycleSdMs: idealCycleMs * jitter * Math.sqrt(1 - 2 / Math.PI),
    calendar: calendar ? compileCalendar(calendar) : undefined,
    breakdowns: unit.breakdowns,
    microStops: unit.microStops && { ...unit.microStops, reasonCode: unit.microStops.reasonCode ?? DEFAULT_MICRO_STOP_REASON },
    setups: unit.setups && {
      everyUnits: every && 'units' in every ? every.units : Infinity,
      everyRunningMs: every && 'runningMinutes' in every ? Math.max(1, Math.round(every.runningMinutes * MINUTE_MS)) : Infinity,
      durationSeconds: unit.setups.durationSeconds,
      reasonCode: unit.setups.reasonCode,
    },
    scrapRate: unit.scrapRate ?? 0,
    reworkRate: unit.reworkRate ?? 0,
  };
}

/** One stream per concern, so that changing one setting leaves the draws of the others as they were. */
export interface WorkUnitStreams {
  failure: RandomStream;
  repair: RandomStream;
  cycle: RandomStream;
  microStop: RandomStream;
  setup: RandomStream;
  quality: RandomStream;
}

export const workUnitStreams = (seed: number, workUnitId: string): WorkUnitStreams => ({
  failure: randomStream(seed, `${workUnitId}/failure`),
  repair: randomStream(seed, `${workUnitId}/repair`),
  cycle: randomStream(seed, `${workUnitId}/cycle`),
  microStop: randomStream(seed, `${workUnitId}/micro-stop`),
  setup: randomStream(seed, `${workUnitId}/setup`),
  quality: randomStream(seed, `${workUnitId}/quality`),
});
