import { DISTRIBUTION_KINDS, type Distribution } from '../random/distributions';

export interface ConfigProblem {
  /** Where in the config, as a path: `workUnits[2].breakdowns.timeToRepairSeconds.mean`. */
  field: string;
  message: string;
}

export class PlantConfigError extends Error {
  readonly code = 'INVALID_PLANT_CONFIG';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`invalid plant config: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
    this.name = 'PlantConfigError';
  }
}

/** Collects every problem of a config, so one run of the validation names them all. */
export class Problems {
  readonly list: ConfigProblem[] = [];
  add(field: string, message: string): undefined {
    this.list.push({ field, message });
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with only the fields named; an unknown field is most often a typo of a known one. */
export function objectAt(problems: Problems, field: string, value: unknown, known: readonly string[]): Record<string, unknown> | undefined {
  if (!isRecord(value)) return problems.add(field, 'must be an object');
  for (const key of Object.keys(value)) if (!known.includes(key)) problems.add(`${field}.${key}`, `is not a known field (known: ${known.join(', ')})`);
  return value;
}

export function arrayAt(problems: Problems, field: string, value: unknown, options: { minLength?: number } = {}): unknown[] | undefined {
  if (!Array.isArray(value)) return problems.add(field, 'must be an array');
  if (value.length < (options.minLength ?? 0)) return problems.add(field, `must have at least ${options.minLength} item(s)`);
  return value;
}

interface NumberRule {
  min?: number;
  /** The value must be above `min`, not equal to it. */
  aboveMin?: boolean;
  max?: number;
  belowMax?: boolean;
  integer?: boolean;
}

export function numberAt(problems: Problems, field: string, value: unknown, rule: NumberRule = {}): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return problems.add(field, 'must be a finite number');
  if (rule.integer && !Number.isInteger(value)) return problems.add(field, `must be a whole number, not ${value}`);
  if (rule.min !== undefined && (rule.aboveMin ? value <= rule.min : value < rule.min)) {
    return problems.add(field, `must be ${rule.aboveMin ? 'above' : 'at least'} ${rule.min}, not ${value}`);
  }
  if (rule.max !== undefined && (rule.belowMax ? value >= rule.max : value > rule.max)) {
    return problems.add(field, `must be ${rule.belowMax ? 'below' : 'at most'} ${rule.max}, not ${value}`);
  }
  return value;
}

export const optionalNumberAt = (problems: Problems, field: string, value: unknown, rule: NumberRule = {}): number | undefined =>
  value === undefined ? undefined : numberAt(problems, field, value, rule);

/** The platform takes reason codes of 1 to 64 characters. */
export function codeAt(problems: Problems, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length < 1 || value.length > 64) return problems.add(field, 'must be a string of 1 to 64 characters');
  return value;
}

export const optionalCodeAt = (problems: Problems, field: string, value: unknown): string | undefined =>
  value === undefined ? undefined : codeAt(problems, field, value);

export function distributionAt(problems: Problems, field: string, value: unknown): Distribution | undefined {
  if (!isRecord(value)) return problems.add(field, `must be a distribution: { kind: ${DISTRIBUTION_KINDS.join(' | ')}, ... }`);
  const positive = { min: 0, aboveMin: true };
  switch (value['kind']) {
    case 'fixed': {
      objectAt(problems, field, value, ['kind', 'value']);
      const fixed = numberAt(problems, `${field}.value`, value['value'], positive);
      return fixed === undefined ? undefined : { kind: 'fixed', value: fixed };
    }
    case 'exponential': {
      objectAt(problems, field, value, ['kind', 'mean']);
      const mean = numberAt(problems, `${field}.mean`, value['mean'], positive);
      return mean === undefined ? undefined : { kind: 'exponential', mean };
    }
    case 'lognormal': {
      objectAt(problems, field, value, ['kind', 'mean', 'sd']);
      const mean = numberAt(problems, `${field}.mean`, value['mean'], positive);
      const sd = numberAt(problems, `${field}.sd`, value['sd'], positive);
      return mean === undefined || sd === undefined ? undefined : { kind: 'lognormal', mean, sd };
    }
    case 'normal': {
      objectAt(problems, field, value, ['kind', 'mean', 'sd', 'min', 'max']);
      const mean = numberAt(problems, `${field}.mean`, value['mean'], positive);
      const sd = numberAt(problems, `${field}.sd`, value['sd'], { min: 0 });
      const min = optionalNumberAt(problems, `${field}.min`, value['min'], { min: 0 });
      const max = optionalNumberAt(problems, `${field}.max`, value['max'], positive);
      if (min !== undefined && max !== undefined && min > max) return problems.add(`${field}.max`, `must not be below min (${min})`);
      if (mean === undefined || sd === undefined) return undefined;
      return { kind: 'normal', mean, sd, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    default:
      return problems.add(`${field}.kind`, `must be one of ${DISTRIBUTION_KINDS.join(', ')}`);
  }
}
