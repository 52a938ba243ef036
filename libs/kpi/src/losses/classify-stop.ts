import type { KpiElements } from '../elements/kpi-elements';
import type { KpiDefinitionOptions } from './kpi-definition-options';

/** Where the time of an unplanned stop during an order goes. */
export type StopClass = 'speed-loss' | 'availability-loss';

/**
 * A stop shorter than the minor-stop threshold is a speed loss (its time is booked to APT, where the missing
 * output lowers effectiveness); any other stop is an availability loss (booked to ADET). Either way OEE is
 * the same: only the split between availability and effectiveness moves.
 */
export function classifyStop(durationSeconds: number, options: Pick<KpiDefinitionOptions, 'minorStopThresholdSeconds'>): StopClass {
  if (!Number.isFinite(durationSeconds) || durationSeconds < 0) {
    throw new RangeError(`A stop lasts a finite, non-negative number of seconds, not ${durationSeconds}`);
  }
  return durationSeconds < options.minorStopThresholdSeconds ? 'speed-loss' : 'availability-loss';
}

/** The elements with one unplanned stop of an order booked to APT or ADET, as `classifyStop` decides. */
export function bookStop(elements: KpiElements, durationSeconds: number, options: Pick<KpiDefinitionOptions, 'minorStopThresholdSeconds'>): KpiElements {
  return classifyStop(durationSeconds, options) === 'speed-loss'
    ? { ...elements, APT: elements.APT + durationSeconds }
    : { ...elements, ADET: elements.ADET + durationSeconds };
}
