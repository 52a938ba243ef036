export {
  type KpiElements,
  type ElementSymbol,
  type ElementUnit,
  type ElementDescription,
  ELEMENT_DESCRIPTIONS,
  ELEMENT_SYMBOLS,
  emptyElements,
  elementsOf,
  addElements,
  sumElements,
} from './elements/kpi-elements';
export { plannedBusyTime, actualUnitProcessingTime, actualUnitBusyTime } from './elements/derived-elements';
export type * from './kpis/kpi-definition';
export { KPI_DEFINITIONS, PENDING_KPIS, computeKpis, kpiDefinition } from './kpis/kpi-catalogue';
export {
  type KpiDefinitionOptions,
  type KpiDefinitionOptionsProblem,
  ISO_22400_DEFINITION_OPTIONS,
  validateKpiDefinitionOptions,
} from './losses/kpi-definition-options';
export { type StopClass, classifyStop, bookStop } from './losses/classify-stop';
export { type OeeLossBreakdown, oeeLossBreakdown } from './losses/oee-loss-breakdown';
