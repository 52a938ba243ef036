import { actualUnitBusyTime } from '../elements/derived-elements';
import type { KpiDefinition } from './kpi-definition';
import { ratio, SECONDS_PER_HOUR } from './ratio';

// The order-based KPIs of ISO 22400-2. Their elements are the sum over every work unit the order used,
// plus the order's AOET counted once (see KpiElements.AOET).

export const ALLOCATION_RATIO: KpiDefinition<'allocation-ratio'> = {
  status: 'supported',
  id: 'allocation-ratio',
  isoNumber: 2,
  name: 'Allocation ratio',
  formula: 'Σ AUBT (all work units of the order) / AOET',
  unit: '%',
  range: { min: 0, max: 1 },
  trend: 'higher-is-better',
  scope: 'order',
  elements: ['APT', 'ASUT', 'ADET', 'AOET'],
  compute: (e) => ratio(actualUnitBusyTime(e), e.AOET),
};

export const PRODUCTION_PROCESS_RATIO: KpiDefinition<'production-process-ratio'> = {
  status: 'supported',
  id: 'production-process-ratio',
  isoNumber: 13,
  name: 'Production process ratio',
  formula: 'Σ APT / AOET',
  unit: '%',
  range: { min: 0, max: 1 },
  trend: 'higher-is-better',
  scope: 'order',
  elements: ['APT', 'AOET'],
  compute: (e) => ratio(e.APT, e.AOET),
};

export const THROUGHPUT_RATE: KpiDefinition<'throughput-rate'> = {
  status: 'supported',
  id: 'throughput-rate',
  isoNumber: 3,
  name: 'Throughput rate',
  formula: 'PQ / AOET, per hour',
  unit: 'units/h',
  range: { min: 0, max: null },
  trend: 'higher-is-better',
  scope: 'order',
  elements: ['PQ', 'AOET'],
  compute: (e) => ratio(e.PQ, e.AOET / SECONDS_PER_HOUR),
};

export const FIRST_PASS_YIELD: KpiDefinition<'first-pass-yield'> = {
  status: 'supported',
  id: 'first-pass-yield',
  isoNumber: 15,
  name: 'First pass yield',
  formula: 'GP / IP',
  unit: '%',
  range: { min: 0, max: 1 },
  trend: 'higher-is-better',
  scope: 'product',
  elements: ['GP', 'IP'],
  compute: (e) => ratio(e.GP, e.IP),
};
