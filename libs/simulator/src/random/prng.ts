/** Uniform numbers in the open interval (0, 1): never 0, so a logarithm of a draw is always finite. */
export interface RandomStream {
  next(): number;
}

const TWO_POW_32 = 4294967296;

/**
 * mulberry32 (Tommy Ettinger, public domain): 32 bits of state, period 2^32, a handful of integer
 * operations per draw. Not cryptographic, and not meant to be: one stream draws a few hundred thousand
 * numbers a simulated year, far below its period, and its output passes the statistical tests the model
 * needs. Integer arithmetic only, so a seed gives the same sequence on every platform.
 */
export function mulberry32(seed: number): RandomStream {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      // The half step keeps the draw off both ends of the interval.
      return (((t ^ (t >>> 14)) >>> 0) + 0.5) / TWO_POW_32;
    },
  };
}

/**
 * A seed of its own for one named stream (`press-1/failure`) of a simulation seed: FNV-1a over the seed
 * and the name, then the murmur3 finaliser to spread nearby inputs apart. Each work unit and each concern
 * draws from its own stream, so adding a work unit or changing a scrap rate leaves every other draw as
 * it was: the same seed replays the same breakdowns even after the plant config grows.
 */
export function deriveSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5;
  const mix = (byte: number): void => {
    hash = Math.imul(hash ^ byte, 0x01000193);
  };
  for (let shift = 0; shift < 32; shift += 8) mix((seed >>> shift) & 0xff);
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    mix(code & 0xff);
    mix(code >>> 8);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export const randomStream = (seed: number, name: string): RandomStream => mulberry32(deriveSeed(seed, name));
