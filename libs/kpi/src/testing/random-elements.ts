import { ELEMENT_SYMBOLS, elementsOf, type ElementSymbol, type KpiElements } from '../elements/kpi-elements';

/** mulberry32: a seeded generator, so that a failing case comes back on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const between = (random: () => number, min: number, max: number): number => min + random() * (max - min);
const integerBetween = (random: () => number, min: number, max: number): number => Math.floor(between(random, min, max + 1));
// Times from event timestamps carry milliseconds.
const toMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;

export interface RandomWorkUnit {
  readonly elements: KpiElements;
  /** The single planned run time per item (s) behind elements.PRI_PQ. */
  readonly PRI: number;
}

/**
 * A work unit over one bucket, consistent with the ISO identities (PBT = AUBT + ADOT, PQ = GQ + SQ + RQ)
 * and with every KPI denominator positive except, sometimes, PSQ and FE. Effectiveness ranges over
 * 30 %–130 %, so a loose PRI (more than 100 %) comes up too.
 */
export function randomWorkUnit(random: () => number): RandomWorkUnit {
  const POT = toMs(between(random, 600, 43_200));
  const PDOT = toMs(between(random, 0, 0.2) * POT);
  const PBT = POT - PDOT;
  const ADOT = toMs(between(random, 0, 0.2) * PBT);
  const ADET = toMs(between(random, 0, 0.2) * PBT);
  const ASUT = toMs(between(random, 0, 0.15) * PBT);
  const APT = PBT - ADOT - ADET - ASUT;
  const PQ = integerBetween(random, 1, 5000);
  const SQ = integerBetween(random, 0, Math.floor(PQ / 10));
  const RQ = integerBetween(random, 0, Math.floor(PQ / 20));
  const GQ = PQ - SQ - RQ;
  const PRI = (between(random, 0.3, 1.3) * APT) / PQ;
  const FE = integerBetween(random, 0, 5);
  return {
    PRI,
    elements: {
      POT,
      PDOT,
      APT,
      ASUT,
      ADET,
      ADOT,
      AOET: toMs((APT + ASUT + ADET) * between(random, 1, 1.3)),
      PRI_PQ: PRI * PQ,
      PQ,
      GQ,
      SQ,
      RQ,
      PSQ: integerBetween(random, 0, 2 * SQ),
      IP: PQ,
      GP: GQ,
      FE,
      TBF: FE === 0 ? 0 : toMs(between(random, 0.5, 1) * (APT + ASUT)),
      TTR: FE === 0 ? 0 : toMs(between(random, 0.3, 1) * ADET),
    },
  };
}

/** Any elements at all, each 0 a third of the time: for "never NaN, never Infinity" checks. */
export function randomSparseElements(random: () => number): KpiElements {
  const values: Partial<Record<ElementSymbol, number>> = {};
  for (const symbol of ELEMENT_SYMBOLS) values[symbol] = random() < 1 / 3 ? 0 : toMs(between(random, 0, 50_000));
  return elementsOf(values);
}
