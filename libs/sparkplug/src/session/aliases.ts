import { asDatatype } from '../payload/data-types';
import type { SparkplugMetric } from '../payload/payload';
import type { ResolvedMetric } from './metric-signals';
import type { AliasMap } from './session-state';

export function aliasesOf(metrics: readonly SparkplugMetric[]): AliasMap {
  const aliases = new Map<string, { name: string; datatype?: number }>();
  for (const { name, alias, datatype } of metrics) {
    if (name !== undefined && alias !== undefined) aliases.set(String(alias), { name, ...(datatype !== undefined ? { datatype } : {}) });
  }
  return aliases;
}

/** Birth metrics carry their names; one without is useless to a mapping and is left out. */
export const named = (metrics: readonly SparkplugMetric[]): ResolvedMetric[] =>
  metrics.flatMap((metric) => (metric.name === undefined ? [] : [{ ...metric, name: metric.name }]));

/**
 * Names the metrics of a DATA message from the birth's aliases, reading the value with the birth's
 * datatype when the message leaves it out (a signed integer is otherwise read as unsigned). Returns the
 * problem instead when a metric cannot be named.
 */
export function resolve(metrics: readonly SparkplugMetric[], aliases: AliasMap): ResolvedMetric[] | string {
  const resolved: ResolvedMetric[] = [];
  for (const metric of metrics) {
    const definition = metric.alias === undefined ? undefined : aliases.get(String(metric.alias));
    const name = metric.name ?? definition?.name;
    if (name === undefined) return metric.alias === undefined ? 'a metric with neither name nor alias' : `alias ${String(metric.alias)} was not in the birth`;
    const value = metric.datatype === undefined && metric.value !== undefined ? asDatatype(metric.value, definition?.datatype) : metric.value;
    resolved.push({ ...metric, name, ...(value !== undefined ? { value } : {}) });
  }
  return resolved;
}
