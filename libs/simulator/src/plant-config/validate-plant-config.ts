import {
  arrayAt,
  codeAt,
  distributionAt,
  numberAt,
  objectAt,
  optionalCodeAt,
  optionalNumberAt,
  PlantConfigError,
  Problems,
} from './config-checks';
import type { BreakdownConfig, MicroStopConfig, PlantConfig, SetupConfig, WorkUnitConfig } from './plant-config';
import { calendarAt } from './validate-shift-calendar';

/** The platform's equipment id: what `POST /work-units/state-changes` accepts as a workUnitId. */
const EQUIPMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PROBABILITY = { min: 0, max: 1, belowMax: true };

/**
 * A plant config from anywhere (a TypeScript literal, a JSON file), checked field by field. Throws a
 * PlantConfigError that names every bad field, not just the first.
 */
export function validatePlantConfig(input: unknown): PlantConfig {
  const problems = new Problems();
  const plant = objectAt(problems, 'config', input, ['countIntervalSeconds', 'calendar', 'workUnits']);
  if (!plant) throw new PlantConfigError(problems.list);
  const countIntervalSeconds = optionalNumberAt(problems, 'countIntervalSeconds', plant['countIntervalSeconds'], { min: 1, integer: true });
  const calendar = plant['calendar'] === undefined ? undefined : calendarAt(problems, 'calendar', plant['calendar']);
  const workUnits = (arrayAt(problems, 'workUnits', plant['workUnits'], { minLength: 1 }) ?? []).map((unit, i) => workUnitAt(problems, `workUnits[${i}]`, unit));
  const seen = new Set<string>();
  workUnits.forEach((unit, i) => {
    if (unit && seen.has(unit.workUnitId)) problems.add(`workUnits[${i}].workUnitId`, `"${unit.workUnitId}" appears more than once`);
    if (unit) seen.add(unit.workUnitId);
  });
  const valid = workUnits.filter((unit): unit is WorkUnitConfig => unit !== undefined);
  if (problems.list.length > 0 || valid.length !== workUnits.length) throw new PlantConfigError(problems.list);
  return {
    ...(countIntervalSeconds === undefined ? {} : { countIntervalSeconds }),
    ...(calendar ? { calendar } : {}),
    workUnits: valid,
  };
}

function workUnitAt(problems: Problems, field: string, value: unknown): WorkUnitConfig | undefined {
  const unit = objectAt(problems, field, value, [
    'workUnitId',
    'idealCycleTimeSeconds',
    'cycleTimeJitter',
    'microStops',
    'breakdowns',
    'setups',
    'scrapRate',
    'reworkRate',
    'calendar',
  ]);
  if (!unit) return undefined;
  const workUnitId = unit['workUnitId'];
  if (typeof workUnitId !== 'string' || !EQUIPMENT_ID.test(workUnitId)) {
    return problems.add(`${field}.workUnitId`, 'must be an equipment id: 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  const idealCycleTimeSeconds = numberAt(problems, `${field}.idealCycleTimeSeconds`, unit['idealCycleTimeSeconds'], { min: 0, aboveMin: true });
  const cycleTimeJitter = optionalNumberAt(problems, `${field}.cycleTimeJitter`, unit['cycleTimeJitter'], { min: 0, max: 1 });
  const scrapRate = optionalNumberAt(problems, `${field}.scrapRate`, unit['scrapRate'], PROBABILITY);
  const reworkRate = optionalNumberAt(problems, `${field}.reworkRate`, unit['reworkRate'], PROBABILITY);
  if ((scrapRate ?? 0) + (reworkRate ?? 0) >= 1) problems.add(`${field}.reworkRate`, 'plus scrapRate must stay below 1, or no unit would be good');
  const microStops = unit['microStops'] === undefined ? undefined : microStopsAt(problems, `${field}.microStops`, unit['microStops']);
  const breakdowns = unit['breakdowns'] === undefined ? undefined : breakdownsAt(problems, `${field}.breakdowns`, unit['breakdowns']);
  const setups = unit['setups'] === undefined ? undefined : setupsAt(problems, `${field}.setups`, unit['setups']);
  const calendar = unit['calendar'] === undefined ? undefined : calendarAt(problems, `${field}.calendar`, unit['calendar']);
  if (idealCycleTimeSeconds === undefined) return undefined;
  const optional = <K extends keyof WorkUnitConfig>(key: K, setting: WorkUnitConfig[K] | undefined): Partial<WorkUnitConfig> =>
    setting === undefined ? {} : { [key]: setting };
  return {
    workUnitId,
    idealCycleTimeSeconds,
    ...optional('cycleTimeJitter', cycleTimeJitter),
    ...optional('microStops', microStops),
    ...optional('breakdowns', breakdowns),
    ...optional('setups', setups),
    ...optional('scrapRate', scrapRate),
    ...optional('reworkRate', reworkRate),
    ...optional('calendar', calendar),
  };
}

function microStopsAt(problems: Problems, field: string, value: unknown): MicroStopConfig | undefined {
  const input = objectAt(problems, field, value, ['probabilityPerCycle', 'durationSeconds', 'reasonCode']);
  if (!input) return undefined;
  const probabilityPerCycle = numberAt(problems, `${field}.probabilityPerCycle`, input['probabilityPerCycle'], { min: 0, max: 1 });
  const durationSeconds = distributionAt(problems, `${field}.durationSeconds`, input['durationSeconds']);
  const reasonCode = optionalCodeAt(problems, `${field}.reasonCode`, input['reasonCode']);
  if (probabilityPerCycle === undefined || !durationSeconds) return undefined;
  return { probabilityPerCycle, durationSeconds, ...(reasonCode ? { reasonCode } : {}) };
}

function breakdownsAt(problems: Problems, field: string, value: unknown): BreakdownConfig | undefined {
  const input = objectAt(problems, field, value, ['timeToFailureSeconds', 'timeToRepairSeconds', 'reasonCodes', 'reasonWeights']);
  if (!input) return undefined;
  const timeToFailureSeconds = distributionAt(problems, `${field}.timeToFailureSeconds`, input['timeToFailureSeconds']);
  const timeToRepairSeconds = distributionAt(problems, `${field}.timeToRepairSeconds`, input['timeToRepairSeconds']);
  const codes = arrayAt(problems, `${field}.reasonCodes`, input['reasonCodes'], { minLength: 1 }) ?? [];
  const reasonCodes = codes.map((code, i) => codeAt(problems, `${field}.reasonCodes[${i}]`, code));
  let reasonWeights: number[] | undefined;
  if (input['reasonWeights'] !== undefined) {
    const weights = arrayAt(problems, `${field}.reasonWeights`, input['reasonWeights']) ?? [];
    if (weights.length !== codes.length) problems.add(`${field}.reasonWeights`, `must have one weight per reason code (${codes.length})`);
    reasonWeights = weights.map((weight, i) => numberAt(problems, `${field}.reasonWeights[${i}]`, weight, { min: 0, aboveMin: true }) ?? 0);
  }
  const validCodes = reasonCodes.filter((code): code is string => code !== undefined);
  if (!timeToFailureSeconds || !timeToRepairSeconds || validCodes.length === 0 || validCodes.length !== reasonCodes.length) return undefined;
  return { timeToFailureSeconds, timeToRepairSeconds, reasonCodes: validCodes, ...(reasonWeights ? { reasonWeights } : {}) };
}

function setupsAt(problems: Problems, field: string, value: unknown): SetupConfig | undefined {
  const input = objectAt(problems, field, value, ['every', 'durationSeconds', 'reasonCode']);
  if (!input) return undefined;
  const every = objectAt(problems, `${field}.every`, input['every'], ['units', 'runningMinutes']);
  const durationSeconds = distributionAt(problems, `${field}.durationSeconds`, input['durationSeconds']);
  const reasonCode = optionalCodeAt(problems, `${field}.reasonCode`, input['reasonCode']);
  if (!every) return undefined;
  const hasUnits = every['units'] !== undefined;
  if (hasUnits === (every['runningMinutes'] !== undefined)) return problems.add(`${field}.every`, 'must give exactly one of units or runningMinutes');
  const cadence = hasUnits
    ? { units: numberAt(problems, `${field}.every.units`, every['units'], { min: 1, integer: true }) }
    : { runningMinutes: numberAt(problems, `${field}.every.runningMinutes`, every['runningMinutes'], { min: 0, aboveMin: true }) };
  if (!durationSeconds) return undefined;
  if ('units' in cadence) return cadence.units === undefined ? undefined : { every: { units: cadence.units }, durationSeconds, ...(reasonCode ? { reasonCode } : {}) };
  return cadence.runningMinutes === undefined ? undefined : { every: { runningMinutes: cadence.runningMinutes }, durationSeconds, ...(reasonCode ? { reasonCode } : {}) };
}
