export const SECONDS_PER_HOUR = 3600;

/** A finite number stays, NaN and ±Infinity become null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** numerator / denominator, or null when the denominator is zero: a KPI is never NaN or Infinity. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : finiteOrNull(numerator / denominator);
}

/** The product of KPI factors; null as soon as one factor is. */
export function product(...factors: readonly (number | null)[]): number | null {
  let result = 1;
  for (const factor of factors) {
    if (factor === null) return null;
    result *= factor;
  }
  return finiteOrNull(result);
}
