import { DEFAULT_COUNT_INTERVAL_SECONDS, type PlantConfig } from '../plant-config/plant-config';
import { validatePlantConfig } from '../plant-config/validate-plant-config';
import { isoInstant, parseInstant, SimulationInputError, type MachineMessage } from './machine-message';
import { compileWorkUnit } from './compile-work-unit';
import { mergeRuns } from './merge-runs';
import { createWorkUnitStream } from './work-unit-stream';

export interface SimulationOptions {
  /** A 32-bit unsigned integer; it also appears in every message id. */
  seed: number;
  /** ISO 8601 with a zone: the first state messages carry this time. */
  start: string;
}

export interface PlantSimulation {
  readonly start: string;
  /** How far the simulation has been advanced: the start until the first call of `advance`. */
  readonly position: string;
  /**
   * Every message after the previous call up to and including `until`, ordered by time, then work unit
   * id. A time at or before the position returns nothing. However the calls divide the time, the
   * messages are the same.
   */
  advance(until: string): MachineMessage[];
}

export function createPlantSimulation(config: PlantConfig, options: SimulationOptions): PlantSimulation {
  const plant = validatePlantConfig(config);
  const { seed } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new SimulationInputError('seed', `must be a whole number from 0 to 4294967295, not ${seed}`);
  const start = parseInstant('start', options.start);
  const windowMs = (plant.countIntervalSeconds ?? DEFAULT_COUNT_INTERVAL_SECONDS) * 1000;
  // Sorted by id once: the merge breaks ties of time by position, so by work unit id.
  const units = [...plant.workUnits]
    .sort((a, b) => (a.workUnitId < b.workUnitId ? -1 : a.workUnitId > b.workUnitId ? 1 : 0))
    .map((unit) => createWorkUnitStream(compileWorkUnit(unit, plant.calendar), seed, start, windowMs));
  let advancedTo: number | undefined;

  return {
    start: isoInstant(start),
    get position() {
      return isoInstant(advancedTo ?? start);
    },
    advance(until) {
      const to = parseInstant('until', until);
      if (to < start || (advancedTo !== undefined && to <= advancedTo)) return [];
      advancedTo = to;
      return mergeRuns(units.map((unit) => unit.advance(to)));
    },
  };
}

/** Every message from `start` up to and including `end`, in one go. */
export function simulate(config: PlantConfig, options: SimulationOptions & { end: string }): MachineMessage[] {
  return createPlantSimulation(config, options).advance(options.end);
}
