import type { RandomStream } from './prng';

/**
 * A distribution of a non-negative quantity, in the unit its field names (`...Seconds`). Described by
 * mean and standard deviation of the quantity itself, the numbers a maintenance report gives, rather
 * than by the parameters of the underlying normal.
 */
export type Distribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mean: number; sd: number }
  /**
   * Clamped, not truncated: a draw outside [min, max] becomes the bound, so each draw costs the same.
   * `min` defaults to 0, as every quantity here is a duration or a count.
   */
  | { kind: 'normal'; mean: number; sd: number; min?: number; max?: number };

export const DISTRIBUTION_KINDS = ['fixed', 'exponential', 'lognormal', 'normal'] as const;

/** Box-Muller from two uniforms; the second normal is dropped so every draw consumes exactly two. */
export function standardNormal(random: RandomStream): number {
  const u = random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export const exponential = (random: RandomStream, mean: number): number => -mean * Math.log(random.next());

export function lognormal(random: RandomStream, mean: number, sd: number): number {
  const sigmaSquared = Math.log(1 + (sd * sd) / (mean * mean));
  const mu = Math.log(mean) - sigmaSquared / 2;
  return Math.exp(mu + Math.sqrt(sigmaSquared) * standardNormal(random));
}

export const normalClamped = (random: RandomStream, mean: number, sd: number, min = -Infinity, max = Infinity): number =>
  Math.min(max, Math.max(min, mean + sd * standardNormal(random)));

export const bernoulli = (random: RandomStream, p: number): boolean => random.next() < p;

/** Trials up to and including the first success: how many cycles until the next micro-stop. */
export function geometric(random: RandomStream, p: number): number {
  if (p <= 0) return Infinity;
  if (p >= 1) return 1;
  return 1 + Math.floor(Math.log(random.next()) / Math.log1p(-p));
}

/**
 * The number of successes in n Bernoulli trials, at a cost that does not grow with n: exact by one draw
 * per trial when trials are few and successes common, exact by skipping from success to success when
 * successes are rare, and the normal approximation (rounded, within [0, n]) once n·p and n·(1-p) are
 * both large.
 */
export function binomial(random: RandomStream, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  let successes = 0;
  if (n <= 16 && p >= 0.1) {
    for (let i = 0; i < n; i++) if (random.next() < p) successes++;
    return successes;
  }
  const expected = n * p;
  if (expected < 25) {
    const logFailure = Math.log1p(-p);
    for (let trial = 1 + Math.floor(Math.log(random.next()) / logFailure); trial <= n; trial += 1 + Math.floor(Math.log(random.next()) / logFailure)) successes++;
    return successes;
  }
  const drawn = Math.round(expected + Math.sqrt(expected * (1 - p)) * standardNormal(random));
  return Math.min(n, Math.max(0, drawn));
}

export function sample(random: RandomStream, distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.value;
    case 'exponential':
      return exponential(random, distribution.mean);
    case 'lognormal':
      return lognormal(random, distribution.mean, distribution.sd);
    case 'normal':
      return normalClamped(random, distribution.mean, distribution.sd, distribution.min ?? 0, distribution.max);
    default: {
      const unexpected: never = distribution;
      return unexpected;
    }
  }
}

/** A duration in whole milliseconds, at least one, so simulated time always moves forward. */
export const sampleMs = (random: RandomStream, seconds: Distribution): number => Math.max(1, Math.round(sample(random, seconds) * 1000));

/** A choice among options in proportion to their weights. */
export function weightedChoice<T>(random: RandomStream, options: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let threshold = random.next() * total;
  for (let i = 0; i < options.length; i++) {
    threshold -= weights[i];
    if (threshold < 0) return options[i];
  }
  // Rounding can leave a sliver of the total unclaimed; it belongs to the last option.
  return options[options.length - 1];
}
