/**
 * The choices a KPI definition makes beyond the ISO formulas. A projection stores them with a version and
 * re-projects the event history when they change, so that every figure says which definition made it.
 */
export interface KpiDefinitionOptions {
  /**
   * A stop shorter than this (seconds) is a minor stop: its time stays in APT and shows as speed loss
   * (the Nakajima / TPM view). A stop at least this long is booked to ADET, an availability loss.
   * 0 is the ISO 22400-2 reading: every stop, minor stoppages included, is ADET.
   */
  readonly minorStopThresholdSeconds: number;
  /**
   * true (ISO 22400-2 OEE): setup time (ASUT) is outside APT, so it lowers availability.
   * false: the loss breakdown shows setup as its own band, outside the losses (the NEE view, where AUPT
   * counts as used time). The ISO KPI formulas do not change with this option.
   */
  readonly setupIsAvailabilityLoss: boolean;
}

export const ISO_22400_DEFINITION_OPTIONS: KpiDefinitionOptions = { minorStopThresholdSeconds: 0, setupIsAvailabilityLoss: true };

export interface KpiDefinitionOptionsProblem {
  readonly field: keyof KpiDefinitionOptions;
  readonly message: string;
}

/** [] when the options are usable; otherwise one problem per offending field. */
export function validateKpiDefinitionOptions(options: KpiDefinitionOptions): KpiDefinitionOptionsProblem[] {
  const threshold = options.minorStopThresholdSeconds;
  return Number.isFinite(threshold) && threshold >= 0
    ? []
    : [{ field: 'minorStopThresholdSeconds', message: 'must be a finite number of seconds, 0 or more' }];
}
