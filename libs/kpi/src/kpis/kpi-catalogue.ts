import type { KpiElements } from '../elements/kpi-elements';
import type { KpiDefinition, KpiValues, PendingKpi, PendingKpiId, SupportedKpiId } from './kpi-definition';
import { MTBF, MTTR } from './maintenance-kpis';
import { ALLOCATION_RATIO, FIRST_PASS_YIELD, PRODUCTION_PROCESS_RATIO, THROUGHPUT_RATE } from './order-kpis';
import { PENDING_KPIS } from './pending-kpis';
import {
  ACTUAL_TO_PLANNED_SCRAP_RATIO,
  ALLOCATION_EFFICIENCY,
  AVAILABILITY,
  EFFECTIVENESS,
  NEE,
  OEE,
  QUALITY_RATIO,
  REWORK_RATIO,
  SCRAP_RATIO,
  SETUP_RATIO,
  TECHNICAL_EFFICIENCY,
  UTILIZATION_EFFICIENCY,
} from './work-unit-kpis';

// Keyed by id so that the compiler checks there is exactly one definition per SupportedKpiId.
const SUPPORTED: { readonly [Id in SupportedKpiId]: KpiDefinition<Id> } = {
  'allocation-ratio': ALLOCATION_RATIO,
  'throughput-rate': THROUGHPUT_RATE,
  'allocation-efficiency': ALLOCATION_EFFICIENCY,
  'utilization-efficiency': UTILIZATION_EFFICIENCY,
  oee: OEE,
  nee: NEE,
  availability: AVAILABILITY,
  effectiveness: EFFECTIVENESS,
  'quality-ratio': QUALITY_RATIO,
  'setup-ratio': SETUP_RATIO,
  'technical-efficiency': TECHNICAL_EFFICIENCY,
  'production-process-ratio': PRODUCTION_PROCESS_RATIO,
  'actual-to-planned-scrap-ratio': ACTUAL_TO_PLANNED_SCRAP_RATIO,
  'first-pass-yield': FIRST_PASS_YIELD,
  'scrap-ratio': SCRAP_RATIO,
  'rework-ratio': REWORK_RATIO,
  mtbf: MTBF,
  mttr: MTTR,
};

const byIsoNumber = (a: { isoNumber: number }, b: { isoNumber: number }): number => a.isoNumber - b.isoNumber;

/** The KPIs computed today, in ISO 22400-2 order. */
export const KPI_DEFINITIONS: readonly KpiDefinition[] = Object.values(SUPPORTED).sort(byIsoNumber);

export { PENDING_KPIS };

const CATALOGUE = new Map<string, KpiDefinition | PendingKpi>([...KPI_DEFINITIONS, ...PENDING_KPIS].map((entry) => [entry.id, entry]));

/** Every supported KPI over the given (summed) elements: id → value, null where a denominator is zero. */
export function computeKpis(elements: KpiElements): KpiValues {
  const values: Partial<Record<SupportedKpiId, number | null>> = {};
  for (const definition of KPI_DEFINITIONS) values[definition.id] = definition.compute(elements);
  // Complete: KPI_DEFINITIONS holds one definition per SupportedKpiId (checked by the type of SUPPORTED).
  return values as KpiValues;
}

/** The catalogue entry of a KPI; an unknown id (from user input) gives undefined. */
export function kpiDefinition<Id extends SupportedKpiId>(id: Id): KpiDefinition<Id>;
export function kpiDefinition(id: PendingKpiId): PendingKpi;
export function kpiDefinition(id: string): KpiDefinition | PendingKpi | undefined;
export function kpiDefinition(id: string): KpiDefinition | PendingKpi | undefined {
  return CATALOGUE.get(id);
}
