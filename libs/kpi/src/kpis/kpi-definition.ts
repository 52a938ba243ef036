import type { ElementSymbol, KpiElements } from '../elements/kpi-elements';

/**
 * Display unit of a KPI (the ISO 22400-2 "unit of measure"). A '%' KPI is computed as a fraction:
 * 0.8 means 80 %. 'units/h' is quantity units (those of PQ) per hour.
 */
export type KpiUnit = '%' | 'units/h' | 'h' | 'index' | 'energy/unit' | '1/period';

/** ISO 22400-1 trend: which direction is an improvement. */
export type KpiTrend = 'higher-is-better' | 'lower-is-better';

/** ISO 22400-1 scope: what the KPI is about. */
export type KpiScope = 'work unit' | 'order' | 'product' | 'person' | 'machine' | 'process' | 'inventory' | 'plant';

/** ISO 22400-1 range: the logical limits of the computed value; `max: null` means unbounded. */
export interface KpiRange {
  readonly min: number;
  readonly max: number | null;
}

/** Ids of the KPIs computed from `KpiElements` today. */
export type SupportedKpiId =
  | 'allocation-ratio'
  | 'throughput-rate'
  | 'allocation-efficiency'
  | 'utilization-efficiency'
  | 'oee'
  | 'nee'
  | 'availability'
  | 'effectiveness'
  | 'quality-ratio'
  | 'setup-ratio'
  | 'technical-efficiency'
  | 'production-process-ratio'
  | 'actual-to-planned-scrap-ratio'
  | 'first-pass-yield'
  | 'scrap-ratio'
  | 'rework-ratio'
  | 'mtbf'
  | 'mttr';

/** Ids of the ISO 22400-2 KPIs that wait for data the platform does not record yet. */
export type PendingKpiId =
  | 'worker-efficiency'
  | 'fall-off-ratio'
  | 'machine-capability-index'
  | 'critical-machine-capability-index'
  | 'process-capability-index'
  | 'critical-process-capability-index'
  | 'comprehensive-energy-consumption'
  | 'inventory-turns'
  | 'finished-goods-ratio'
  | 'integrated-goods-ratio'
  | 'production-loss-ratio'
  | 'storage-and-transportation-loss-ratio'
  | 'other-loss-ratio'
  | 'equipment-load-ratio'
  | 'mttf'
  | 'corrective-maintenance-ratio';

export type KpiId = SupportedKpiId | PendingKpiId;

/** The ISO 22400-1 content attributes shared by every catalogue entry. */
interface KpiDescription<Id extends KpiId> {
  readonly id: Id;
  /** Position in the ISO 22400-2 list of 34 KPIs (#1 worker efficiency … #34 corrective maintenance ratio). */
  readonly isoNumber: number;
  /** The ISO 22400-2 name. */
  readonly name: string;
  /** The formula over ISO element symbols, as text. */
  readonly formula: string;
  readonly unit: KpiUnit;
  readonly range: KpiRange;
  readonly trend: KpiTrend;
  readonly scope: KpiScope;
}

/** A KPI computed from summed elements. */
export interface KpiDefinition<Id extends SupportedKpiId = SupportedKpiId> extends KpiDescription<Id> {
  readonly status: 'supported';
  /** The held elements the value depends on (PBT, AUPT and AUBT are read through POT, PDOT, APT, ASUT, ADET). */
  readonly elements: readonly ElementSymbol[];
  /** The value, or null when a denominator is zero. Never NaN or Infinity. Never clamped. */
  readonly compute: (elements: KpiElements) => number | null;
}

/** An ISO 22400-2 KPI listed for completeness; it says what it waits for. */
export interface PendingKpi<Id extends PendingKpiId = PendingKpiId> extends KpiDescription<Id> {
  readonly status: 'pending';
  /** ISO element symbols the formula needs that `KpiElements` does not hold. */
  readonly missingElements: readonly string[];
  /** The data (events, master data or a definition) that would let us compute it. */
  readonly waitsFor: string;
}

export type KpiValues = { readonly [Id in SupportedKpiId]: number | null };
