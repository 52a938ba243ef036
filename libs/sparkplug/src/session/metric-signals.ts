import type { MetricValue } from '../payload/payload';
import { COUNTERS, type CounterMapping, type CounterName, type SparkplugMapping } from '../mapping/mapping';
import { sparkplugMessageId } from './message-id';
import type { WorkUnitMemory } from './session-state';
import type { CountSignal, HostAction, MachineSignal } from './signals';

/** A metric with its name known (from the message or the birth's alias). */
export interface ResolvedMetric {
  name: string;
  value?: MetricValue;
  timestamp?: number;
  isHistorical?: boolean;
}

/** Where a message came from; the parts of its signals' message ids. */
export interface MessageContext {
  groupId: string;
  edgeNodeId: string;
  deviceId?: string;
  bdSeq: string | null;
  seq?: number;
  payloadTimestamp?: number;
  /** ISO time the host received the message: the fallback when the payload has no timestamp. */
  receivedAt: string;
  isBirth: boolean;
}

export interface MappedSignals {
  signals: MachineSignal[];
  actions: HostAction[];
  memory: WorkUnitMemory;
}

const COUNT_FIELD: Record<CounterName, 'good' | 'scrap' | 'rework'> = { goodCount: 'good', scrapCount: 'scrap', reworkCount: 'rework' };

export const isoTime = (ms: number | undefined, fallback: string): string =>
  // Beyond ±8.64e15 ms a Date is invalid; such a timestamp is a bug at the edge, not a time.
  ms !== undefined && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : fallback;

export function idOf(context: MessageContext, workUnitId: string, ...rest: (string | number)[]): string {
  const { groupId, edgeNodeId, deviceId, bdSeq, seq, payloadTimestamp } = context;
  return sparkplugMessageId([groupId, edgeNodeId, deviceId, bdSeq, seq, payloadTimestamp, workUnitId, ...rest]);
}

/**
 * The signals one message gives one work unit. Historical (back-filled) and null metrics are skipped:
 * they are not the machine's current state, and a back-filled total would upset the counter baseline.
 */
export function mapMetrics(context: MessageContext, metrics: readonly ResolvedMetric[], mapping: SparkplugMapping, memory: WorkUnitMemory): MappedSignals {
  const current = metrics.filter((metric) => !metric.isHistorical && metric.value !== undefined);
  const state = stateSignals(context, current, mapping, memory);
  const counts = countSignal(context, current, mapping, state.memory);
  return { signals: [...state.signals, ...counts.signals], actions: [...state.actions, ...counts.actions], memory: counts.memory };
}

/**
 * One state signal per occurrence of the state metric. A reason metric that changes alone re-states the
 * current state with the new reason. The reason metric's value applies to every state but Running (a
 * reason explains a loss; a PLC often leaves the last stop's code in place while running), and wins over
 * the value's fixed reasonCode.
 */
function stateSignals(context: MessageContext, metrics: readonly ResolvedMetric[], mapping: SparkplugMapping, memory: WorkUnitMemory): MappedSignals {
  const config = mapping.state;
  if (!config) return { signals: [], actions: [], memory };
  const reasonMetrics = metrics.filter((metric) => config.reasonMetric !== undefined && metric.name === config.reasonMetric);
  const lastReason = reasonMetrics.at(-1);
  const reason = lastReason ? textOf(lastReason.value) : memory.reason;
  const stateMetrics = metrics.filter((metric) => metric.name === config.metric);
  const occurrences: { value: string; timestamp?: number; index: number }[] = stateMetrics.map((metric, index) => ({
    value: textOf(metric.value),
    ...(metric.timestamp !== undefined ? { timestamp: metric.timestamp } : {}),
    index,
  }));
  if (occurrences.length === 0 && lastReason && memory.stateValue !== undefined && reason !== memory.reason) {
    occurrences.push({ value: memory.stateValue, ...(lastReason.timestamp !== undefined ? { timestamp: lastReason.timestamp } : {}), index: -1 });
  }
  const signals: MachineSignal[] = [];
  const actions: HostAction[] = [];
  for (const occurrence of occurrences) {
    const target = Object.hasOwn(config.values, occurrence.value) ? config.values[occurrence.value] : undefined;
    if (!target) {
      actions.push({ type: 'warn', code: 'UNMAPPED_STATE_VALUE', workUnitId: mapping.workUnitId, detail: `${config.metric} = "${occurrence.value}" maps to no state` });
      continue;
    }
    const reasonCode = target.state !== 'Running' && reason ? reason : target.reasonCode;
    signals.push({
      kind: 'state',
      messageId: idOf(context, mapping.workUnitId, config.metric, occurrence.index),
      workUnitId: mapping.workUnitId,
      state: target.state,
      ...(reasonCode ? { reasonCode } : {}),
      since: isoTime(occurrence.timestamp ?? context.payloadTimestamp, context.receivedAt),
    });
  }
  const stateValue = occurrences.at(-1)?.value ?? memory.stateValue;
  return {
    signals,
    actions,
    memory: { ...memory, ...(stateValue !== undefined ? { stateValue } : {}), ...(reason !== undefined ? { reason } : {}) },
  };
}

/**
 * Counter rules, so that a count is never negative and never counted twice:
 * - delta: each DATA value is added; a birth's value is not (it repeats the last reading).
 * - cumulative: the increase over the last value this host saw, across sessions, so parts made while the
 *   data was untrusted are counted once when the rebirth reports the new total. The first value seen is
 *   only a baseline. A value below the last means the counter restarted from zero: the value itself is
 *   what was made since.
 */
function countSignal(context: MessageContext, metrics: readonly ResolvedMetric[], mapping: SparkplugMapping, memory: WorkUnitMemory): MappedSignals {
  const totals = { good: 0, scrap: 0, rework: 0 };
  const counters = { ...memory.counters };
  const actions: HostAction[] = [];
  let at: number | undefined;
  for (const counter of COUNTERS) {
    const config: CounterMapping | undefined = mapping[counter];
    if (!config) continue;
    for (const metric of metrics.filter((candidate) => candidate.name === config.metric)) {
      const value = metric.value;
      if (!isCount(value)) {
        actions.push({ type: 'warn', code: 'NOT_A_COUNT', workUnitId: mapping.workUnitId, detail: `${config.metric} = ${String(value)} is not a whole, non-negative number` });
        continue;
      }
      at = metric.timestamp ?? at;
      if (config.mode === 'delta') {
        if (!context.isBirth) totals[COUNT_FIELD[counter]] += Number(value);
        continue;
      }
      const last = counters[counter];
      if (last !== undefined) totals[COUNT_FIELD[counter]] += Number(BigInt(value) >= BigInt(last) ? BigInt(value) - BigInt(last) : BigInt(value));
      counters[counter] = value;
    }
  }
  const next = { ...memory, counters };
  if (totals.good + totals.scrap + totals.rework === 0) return { signals: [], actions, memory: next };
  const signal: CountSignal = {
    kind: 'count',
    messageId: idOf(context, mapping.workUnitId, 'count'),
    workUnitId: mapping.workUnitId,
    at: isoTime(at ?? context.payloadTimestamp, context.receivedAt),
    ...totals,
    totals: cumulativeTotals(mapping, counters),
  };
  return { signals: [signal], actions, memory: next };
}

function cumulativeTotals(mapping: SparkplugMapping, counters: WorkUnitMemory['counters']): Partial<Record<CounterName, string>> {
  const totals: Partial<Record<CounterName, string>> = {};
  for (const counter of COUNTERS) {
    const value = counters[counter];
    if (mapping[counter]?.mode === 'cumulative' && value !== undefined) totals[counter] = String(value);
  }
  return totals;
}

const isCount = (value: MetricValue | undefined): value is number | bigint =>
  (typeof value === 'bigint' && value >= 0n) || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);

const textOf = (value: MetricValue | undefined): string => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : String(value));
