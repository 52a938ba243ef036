import { InvalidSparkplugMapping } from '../errors';
import { isValidSparkplugId } from '../topic/topic';
import { COUNTER_MODES, COUNTERS, indexMappings, MACHINE_STATES, type SparkplugMapping, type SparkplugMappings } from './mapping';

type Problem = { field: string; message: string };
type Json = Record<string, unknown>;

const MAPPING_FIELDS = ['groupId', 'edgeNodeId', 'deviceId', 'workUnitId', 'state', ...COUNTERS];
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks configuration (usually parsed JSON) and indexes it. Every problem is reported at once, each named
 * by its path (`mappings[1].state.values.3.state`), so a plant engineer fixes the file in one pass.
 */
export function loadMappings(input: unknown): SparkplugMappings {
  const problems: Problem[] = [];
  if (!Array.isArray(input)) throw new InvalidSparkplugMapping([{ field: 'mappings', message: 'must be an array of mappings' }]);
  input.forEach((entry, index) => problems.push(...mappingProblems(entry, `mappings[${index}]`)));
  const seen = new Map<string, number>();
  input.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry['workUnitId'] !== 'string') return;
    const first = seen.get(entry['workUnitId']);
    // Two sources for one work unit would interleave their states and double its counts.
    if (first !== undefined) problems.push({ field: `mappings[${index}].workUnitId`, message: `"${entry['workUnitId']}" is already mapped by mappings[${first}]` });
    else seen.set(entry['workUnitId'], index);
  });
  if (problems.length > 0) throw new InvalidSparkplugMapping(problems);
  return indexMappings(input as SparkplugMapping[]);
}

function mappingProblems(entry: unknown, at: string): Problem[] {
  if (!isObject(entry)) return [{ field: at, message: 'must be an object' }];
  const problems = unknownFields(entry, MAPPING_FIELDS, at);
  for (const field of ['groupId', 'edgeNodeId', 'workUnitId'] as const) problems.push(...requiredString(entry, field, at));
  for (const field of ['groupId', 'edgeNodeId', 'deviceId'] as const) {
    const value = entry[field];
    if (typeof value === 'string' && value !== '' && !isValidSparkplugId(value)) {
      problems.push({ field: `${at}.${field}`, message: `"${value}" cannot be a Sparkplug topic level (no /, + or #)` });
    }
  }
  if (entry['deviceId'] !== undefined) problems.push(...requiredString(entry, 'deviceId', at));
  if (entry['state'] === undefined && COUNTERS.every((counter) => entry[counter] === undefined)) {
    problems.push({ field: at, message: `maps nothing: give state or one of ${COUNTERS.join(', ')}` });
  }
  if (entry['state'] !== undefined) problems.push(...stateProblems(entry['state'], `${at}.state`));
  for (const counter of COUNTERS) if (entry[counter] !== undefined) problems.push(...counterProblems(entry[counter], `${at}.${counter}`));
  return problems;
}

function stateProblems(state: unknown, at: string): Problem[] {
  if (!isObject(state)) return [{ field: at, message: 'must be an object { metric, values, reasonMetric? }' }];
  const problems = [...unknownFields(state, ['metric', 'values', 'reasonMetric'], at), ...requiredString(state, 'metric', at)];
  if (state['reasonMetric'] !== undefined) problems.push(...requiredString(state, 'reasonMetric', at));
  const values = state['values'];
  if (!isObject(values) || Object.keys(values).length === 0) {
    return [...problems, { field: `${at}.values`, message: "must map at least one metric value to a state, e.g. { \"1\": { \"state\": \"Running\" } }" }];
  }
  for (const [value, target] of Object.entries(values)) {
    const field = `${at}.values.${value}`;
    if (!isObject(target)) {
      problems.push({ field, message: 'must be an object { state, reasonCode? }' });
      continue;
    }
    problems.push(...unknownFields(target, ['state', 'reasonCode'], field));
    if (!(MACHINE_STATES as readonly unknown[]).includes(target['state'])) {
      problems.push({ field: `${field}.state`, message: `must be one of ${MACHINE_STATES.join(', ')}` });
    }
    if (target['reasonCode'] !== undefined) problems.push(...requiredString(target, 'reasonCode', field));
    // Quadrant refuses a Down without a reason; better to say so now than to drop every stop later.
    if (target['state'] === 'Down' && target['reasonCode'] === undefined && state['reasonMetric'] === undefined) {
      problems.push({ field: `${field}.reasonCode`, message: 'a Down state needs a reasonCode (or give the mapping a reasonMetric)' });
    }
  }
  return problems;
}

function counterProblems(counter: unknown, at: string): Problem[] {
  if (!isObject(counter)) return [{ field: at, message: "must be an object { metric, mode: 'cumulative' | 'delta' }" }];
  const problems = [...unknownFields(counter, ['metric', 'mode'], at), ...requiredString(counter, 'metric', at)];
  if (!(COUNTER_MODES as readonly unknown[]).includes(counter['mode'])) problems.push({ field: `${at}.mode`, message: `must be one of ${COUNTER_MODES.join(', ')}` });
  return problems;
}

function requiredString(object: Json, field: string, at: string): Problem[] {
  const value = object[field];
  return typeof value === 'string' && value.trim() !== '' ? [] : [{ field: `${at}.${field}`, message: 'must be a non-empty string' }];
}

/** A misspelt optional field (`goodcount`) would otherwise be silently ignored. */
function unknownFields(object: Json, known: readonly string[], at: string): Problem[] {
  return Object.keys(object)
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: `${at}.${key}`, message: `unknown field; expected one of ${known.join(', ')}` }));
}
