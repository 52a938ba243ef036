import { plannedBusyTime } from '../elements/derived-elements';
import type { KpiElements } from '../elements/kpi-elements';
import { ISO_22400_DEFINITION_OPTIONS, type KpiDefinitionOptions } from './kpi-definition-options';

/**
 * The OEE loss waterfall in seconds: planned busy time, less availability loss, less speed loss, less quality
 * loss, leaves fully productive time. availabilityLoss + setupTime + speedLoss + qualityLoss +
 * fullyProductiveTime = plannedBusyTime (the differences telescope; exact up to floating-point rounding).
 */
export interface OeeLossBreakdown {
  /** PBT = POT − PDOT: the whole bar. */
  readonly plannedBusyTime: number;
  /** PBT − APT, less setup when setup is not an availability loss: delays (ADET), idle time (ADOT), setup. */
  readonly availabilityLoss: number;
  /** ASUT when setup is not counted as availability loss, shown apart and not as a loss; 0 otherwise. */
  readonly setupTime: number;
  /** APT − PRI × PQ: running slower than planned, minor stops included. Negative when effectiveness > 100 %. */
  readonly speedLoss: number;
  /** PRI × PQ × (1 − GQ / PQ): planned run time spent making scrap and rework. */
  readonly qualityLoss: number;
  /** PRI × PQ × GQ / PQ = OEE × PBT: the planned run time of the good quantity. */
  readonly fullyProductiveTime: number;
}

export function oeeLossBreakdown(
  elements: KpiElements,
  options: Pick<KpiDefinitionOptions, 'setupIsAvailabilityLoss'> = ISO_22400_DEFINITION_OPTIONS,
): OeeLossBreakdown {
  const pbt = plannedBusyTime(elements);
  const setupTime = options.setupIsAvailabilityLoss ? 0 : elements.ASUT;
  // Nothing produced, nothing good: no fully productive time (and no 0/0).
  const fullyProductiveTime = elements.PQ === 0 ? 0 : (elements.PRI_PQ * elements.GQ) / elements.PQ;
  return {
    plannedBusyTime: pbt,
    availabilityLoss: pbt - elements.APT - setupTime,
    setupTime,
    speedLoss: elements.APT - elements.PRI_PQ,
    qualityLoss: elements.PRI_PQ - fullyProductiveTime,
    fullyProductiveTime,
  };
}
