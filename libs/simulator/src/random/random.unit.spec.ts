import { bernoulli, binomial, exponential, geometric, lognormal, normalClamped, sample, weightedChoice } from './distributions';
import { deriveSeed, mulberry32, randomStream, type RandomStream } from './prng';

const draws = <T>(count: number, draw: () => T): T[] => Array.from({ length: count }, draw);
const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const min = (values: number[]): number => values.reduce((least, value) => Math.min(least, value), Infinity);
const max = (values: number[]): number => values.reduce((most, value) => Math.max(most, value), -Infinity);
const sd = (values: number[]): number => {
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
};

describe('mulberry32', () => {
  it('gives the published sequence for a seed, as 32-bit integers', () => {
    // From the reference implementation (Tommy Ettinger's mulberry32) for seed 42.
    const random = mulberry32(42);
    expect(draws(4, () => Math.round(random.next() * 2 ** 32 - 0.5))).toEqual([2581720956, 1925393290, 3661312704, 2876485805]);
  });

  it('repeats itself for the same seed and differs for another', () => {
    const first = mulberry32(7);
    const again = mulberry32(7);
    const other = mulberry32(8);
    const sequence = draws(100, () => first.next());
    expect(draws(100, () => again.next())).toEqual(sequence);
    expect(draws(100, () => other.next())).not.toEqual(sequence);
  });

  it('stays strictly inside (0, 1), so a logarithm of a draw is finite', () => {
    const random = mulberry32(1);
    const values = draws(100_000, () => random.next());
    expect(min(values)).toBeGreaterThan(0);
    expect(max(values)).toBeLessThan(1);
    expect(mean(values)).toBeCloseTo(0.5, 2);
  });
});

describe('deriveSeed', () => {
  it('gives each named stream of a seed its own seed, the same every time', () => {
    expect(deriveSeed(42, 'press-1/failure')).toBe(477179753);
    expect(deriveSeed(43, 'press-1/failure')).not.toBe(deriveSeed(42, 'press-1/failure'));
    expect(deriveSeed(42, 'press-2/failure')).not.toBe(deriveSeed(42, 'press-1/failure'));
  });
});

describe('distributions', () => {
  let random: RandomStream;
  beforeEach(() => {
    random = randomStream(2026, 'distributions');
  });

  it('draws an exponential with the mean asked (an MTBF)', () => {
    const values = draws(100_000, () => exponential(random, 3600));
    expect(mean(values) / 3600).toBeCloseTo(1, 1);
    expect(sd(values) / 3600).toBeCloseTo(1, 1);
  });

  it('draws a lognormal with the mean and standard deviation of the quantity itself (an MTTR)', () => {
    const values = draws(200_000, () => lognormal(random, 900, 450));
    expect(Math.abs(mean(values) / 900 - 1)).toBeLessThan(0.02);
    expect(Math.abs(sd(values) / 450 - 1)).toBeLessThan(0.05);
    expect(min(values)).toBeGreaterThan(0);
  });

  it('clamps a normal to its bounds, and to zero by default for a duration', () => {
    const clamped = draws(10_000, () => normalClamped(random, 10, 5, 4, 12));
    expect(min(clamped)).toBe(4);
    expect(max(clamped)).toBe(12);
    const durations = draws(10_000, () => sample(random, { kind: 'normal', mean: 1, sd: 2 }));
    expect(min(durations)).toBe(0);
  });

  it('draws a bernoulli true at its probability', () => {
    const hits = draws(100_000, () => (bernoulli(random, 0.03) ? 1 : 0));
    expect(mean(hits)).toBeCloseTo(0.03, 2);
  });

  it('draws a geometric count of trials with mean 1/p, never below one', () => {
    const values = draws(100_000, () => geometric(random, 0.01));
    expect(mean(values) / 100).toBeCloseTo(1, 1);
    expect(min(values)).toBe(1);
    expect(geometric(random, 0)).toBe(Infinity);
  });

  it.each([
    ['few trials, common successes (one draw per trial)', 12, 0.3],
    ['rare successes (skipping between them)', 60, 0.02],
    ['many expected successes (normal approximation)', 5000, 0.1],
    ['mostly successes (by symmetry)', 40, 0.9],
  ])('draws a binomial with mean n·p and variance n·p·(1-p): %s', (_, n, p) => {
    const values = draws(40_000, () => binomial(random, n, p));
    expect(Math.abs(mean(values) - n * p)).toBeLessThan(0.02 * n * p + 0.02);
    expect(Math.abs(sd(values) / Math.sqrt(n * p * (1 - p)) - 1)).toBeLessThan(0.05);
    expect(min(values)).toBeGreaterThanOrEqual(0);
    expect(max(values)).toBeLessThanOrEqual(n);
  });

  it('chooses among options in proportion to their weights', () => {
    const chosen = draws(60_000, () => weightedChoice(random, ['BEARING', 'JAM', 'ELECTRICAL'], [3, 2, 1]));
    const share = (code: string): number => chosen.filter((value) => value === code).length / chosen.length;
    expect(share('BEARING')).toBeCloseTo(0.5, 1);
    expect(share('JAM')).toBeCloseTo(1 / 3, 1);
    expect(share('ELECTRICAL')).toBeCloseTo(1 / 6, 1);
  });
});
