import type { KpiElements } from './kpi-elements';

// The ISO 22400-2 identities. Derived on read rather than held, so that they hold for every sum of scopes.

/** PBT, planned busy time (s) = POT − PDOT: the time available for detailed scheduling of orders. */
export function plannedBusyTime(elements: KpiElements): number {
  return elements.POT - elements.PDOT;
}

/** AUPT, actual unit processing time (s) = APT + ASUT. */
export function actualUnitProcessingTime(elements: KpiElements): number {
  return elements.APT + elements.ASUT;
}

/** AUBT, actual unit busy time (s) = AUPT + ADET = APT + ASUT + ADET: the time an order occupies the unit. */
export function actualUnitBusyTime(elements: KpiElements): number {
  return elements.APT + elements.ASUT + elements.ADET;
}
