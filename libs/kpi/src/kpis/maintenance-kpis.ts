import type { KpiDefinition } from './kpi-definition';
import { ratio, SECONDS_PER_HOUR } from './ratio';

// Open point (standards.md §7.1): whether ISO 22400-2 averages TBF over FE or over FE + 1 intervals.
// We divide by FE, as most implementations do and as test vector 6.1 does. It is also the only reading
// that aggregates by summing: Σ(FEᵢ + 1) over work units is not ΣFE + 1. With no failure in the scope
// there is no mean to report, so MTBF and MTTR are null then (not "infinite").

export const MTBF: KpiDefinition<'mtbf'> = {
  status: 'supported',
  id: 'mtbf',
  isoNumber: 31,
  name: 'Mean operating time between failures',
  formula: 'Σ TBF / FE (FE, not FE + 1)',
  unit: 'h',
  range: { min: 0, max: null },
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['TBF', 'FE'],
  compute: (e) => ratio(e.TBF / SECONDS_PER_HOUR, e.FE),
};

export const MTTR: KpiDefinition<'mttr'> = {
  status: 'supported',
  id: 'mttr',
  isoNumber: 33,
  name: 'Mean time to restoration',
  formula: 'Σ TTR / FE',
  unit: 'h',
  range: { min: 0, max: null },
  trend: 'lower-is-better',
  scope: 'work unit',
  elements: ['TTR', 'FE'],
  compute: (e) => ratio(e.TTR / SECONDS_PER_HOUR, e.FE),
};
