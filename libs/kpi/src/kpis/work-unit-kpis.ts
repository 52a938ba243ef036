import { actualUnitBusyTime, actualUnitProcessingTime, plannedBusyTime } from '../elements/derived-elements';
import type { KpiElements } from '../elements/kpi-elements';
import type { KpiDefinition } from './kpi-definition';
import { product, ratio } from './ratio';

// The equipment-based KPIs of ISO 22400-2, related to one work unit (or a sum of work units).

const FRACTION = { min: 0, max: 1 } as const;
const UNBOUNDED = { min: 0, max: null } as const;

function availability(e: KpiElements): number | null {
  return ratio(e.APT, plannedBusyTime(e));
}

// Not clamped: a loose PRI gives more than 100 %, and clamping would break OEE = PRI·GQ/PBT.
function effectiveness(e: KpiElements): number | null {
  return ratio(e.PRI_PQ, e.APT);
}

function qualityRatio(e: KpiElements): number | null {
  return ratio(e.GQ, e.PQ);
}

// A planned busy time in which nothing was made has no fully productive time: 0, not "unknown",
// even though effectiveness and quality ratio have no value then.
function nothingProduced(e: KpiElements): boolean {
  return e.PQ === 0 && e.GQ === 0;
}

function oee(e: KpiElements): number | null {
  if (plannedBusyTime(e) === 0) return null;
  return nothingProduced(e) ? 0 : product(availability(e), effectiveness(e), qualityRatio(e));
}

function nee(e: KpiElements): number | null {
  const pbt = plannedBusyTime(e);
  if (pbt === 0) return null;
  return nothingProduced(e) ? 0 : product(ratio(actualUnitProcessingTime(e), pbt), effectiveness(e), qualityRatio(e));
}

export const AVAILABILITY: KpiDefinition<'availability'> = {
  status: 'supported',
  id: 'availability',
  isoNumber: 8,
  name: 'Availability',
  formula: 'APT / PBT',
  unit: '%',
  range: FRACTION,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['APT', 'POT', 'PDOT'],
  compute: availability,
};

export const EFFECTIVENESS: KpiDefinition<'effectiveness'> = {
  status: 'supported',
  id: 'effectiveness',
  isoNumber: 9,
  name: 'Effectiveness',
  formula: 'PRI × PQ / APT (several products: Σ PRIⱼ × PQⱼ / APT); not clamped, can exceed 100 %',
  unit: '%',
  range: UNBOUNDED,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['PRI_PQ', 'APT'],
  compute: effectiveness,
};

export const QUALITY_RATIO: KpiDefinition<'quality-ratio'> = {
  status: 'supported',
  id: 'quality-ratio',
  isoNumber: 10,
  name: 'Quality ratio',
  formula: 'GQ / PQ',
  unit: '%',
  range: FRACTION,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['GQ', 'PQ'],
  compute: qualityRatio,
};

export const OEE: KpiDefinition<'oee'> = {
  status: 'supported',
  id: 'oee',
  isoNumber: 6,
  name: 'OEE index',
  formula: 'Availability × Effectiveness × Quality ratio (= PRI × GQ / PBT); 0 when PQ = GQ = 0',
  unit: '%',
  range: UNBOUNDED,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['APT', 'POT', 'PDOT', 'PRI_PQ', 'GQ', 'PQ'],
  compute: oee,
};

export const NEE: KpiDefinition<'nee'> = {
  status: 'supported',
  id: 'nee',
  isoNumber: 7,
  name: 'NEE index',
  formula: '(AUPT / PBT) × Effectiveness × Quality ratio; 0 when PQ = GQ = 0',
  unit: '%',
  range: UNBOUNDED,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['APT', 'ASUT', 'POT', 'PDOT', 'PRI_PQ', 'GQ', 'PQ'],
  compute: nee,
};

export const SETUP_RATIO: KpiDefinition<'setup-ratio'> = {
  status: 'supported',
  id: 'setup-ratio',
  isoNumber: 11,
  name: 'Setup ratio',
  formula: 'ASUT / AUPT',
  unit: '%',
  range: FRACTION,
  trend: 'lower-is-better',
  scope: 'work unit',
  elements: ['ASUT', 'APT'],
  compute: (e) => ratio(e.ASUT, actualUnitProcessingTime(e)),
};

export const TECHNICAL_EFFICIENCY: KpiDefinition<'technical-efficiency'> = {
  status: 'supported',
  id: 'technical-efficiency',
  isoNumber: 12,
  name: 'Technical efficiency',
  formula: 'APT / (APT + ADET)',
  unit: '%',
  range: FRACTION,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['APT', 'ADET'],
  compute: (e) => ratio(e.APT, e.APT + e.ADET),
};

export const ALLOCATION_EFFICIENCY: KpiDefinition<'allocation-efficiency'> = {
  status: 'supported',
  id: 'allocation-efficiency',
  isoNumber: 4,
  name: 'Allocation efficiency',
  formula: 'AUBT / PBT',
  unit: '%',
  range: FRACTION,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['APT', 'ASUT', 'ADET', 'POT', 'PDOT'],
  compute: (e) => ratio(actualUnitBusyTime(e), plannedBusyTime(e)),
};

export const UTILIZATION_EFFICIENCY: KpiDefinition<'utilization-efficiency'> = {
  status: 'supported',
  id: 'utilization-efficiency',
  isoNumber: 5,
  name: 'Utilization efficiency',
  formula: 'APT / AUBT',
  unit: '%',
  range: FRACTION,
  trend: 'higher-is-better',
  scope: 'work unit',
  elements: ['APT', 'ASUT', 'ADET'],
  compute: (e) => ratio(e.APT, actualUnitBusyTime(e)),
};

export const SCRAP_RATIO: KpiDefinition<'scrap-ratio'> = {
  status: 'supported',
  id: 'scrap-ratio',
  isoNumber: 16,
  name: 'Scrap ratio',
  formula: 'SQ / PQ',
  unit: '%',
  range: FRACTION,
  trend: 'lower-is-better',
  scope: 'work unit',
  elements: ['SQ', 'PQ'],
  compute: (e) => ratio(e.SQ, e.PQ),
};

export const REWORK_RATIO: KpiDefinition<'rework-ratio'> = {
  status: 'supported',
  id: 'rework-ratio',
  isoNumber: 17,
  name: 'Rework ratio',
  formula: 'RQ / PQ',
  unit: '%',
  range: FRACTION,
  trend: 'lower-is-better',
  scope: 'work unit',
  elements: ['RQ', 'PQ'],
  compute: (e) => ratio(e.RQ, e.PQ),
};

export const ACTUAL_TO_PLANNED_SCRAP_RATIO: KpiDefinition<'actual-to-planned-scrap-ratio'> = {
  status: 'supported',
  id: 'actual-to-planned-scrap-ratio',
  isoNumber: 14,
  name: 'Actual to planned scrap ratio',
  formula: 'SQ / PSQ',
  unit: '%',
  range: UNBOUNDED,
  trend: 'lower-is-better',
  scope: 'work unit',
  elements: ['SQ', 'PSQ'],
  compute: (e) => ratio(e.SQ, e.PSQ),
};
