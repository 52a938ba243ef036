/**
 * The ISO 22400-2 elements that production, calendar and machine events can give us, for one scope (a work
 * unit and a time bucket, an order, or any sum of those).
 *
 * Every field is additive: the elements of a line are the sum of the elements of its work units, those of a
 * week the sum of its shifts. KPIs are always computed from summed elements, never by averaging KPI values.
 *
 * Units: times in seconds (the unit of `calendarTimes` in @quadrant/work-calendar, so POT and PDOT plug in
 * as they are); quantities in the order's quantity unit (pieces, kg …); FE is a count.
 *
 * PBT, AUPT and AUBT are not held: they are defined by the identities PBT = POT − PDOT, AUPT = APT + ASUT and
 * AUBT = AUPT + ADET, so storing them could only let them disagree (see derived-elements.ts).
 */
export interface KpiElements {
  /** Planned operation time (s): time the work unit is scheduled to be usable (the shift calendar). */
  readonly POT: number;
  /** Planned down time (s): planned non-production time inside POT (breaks, planned maintenance). */
  readonly PDOT: number;

  /** Actual production time (s): time the work unit is actually producing. Value-adding time only. */
  readonly APT: number;
  /** Actual unit setup time (s), also written AUST: time spent preparing the work unit for an order. */
  readonly ASUT: number;
  /** Actual unit delay time (s): unplanned interruptions while an order runs (malfunctions, minor stops). */
  readonly ADET: number;
  /** Actual unit down time (s): the work unit is available but not working for an order (no order, idle). */
  readonly ADOT: number;
  /**
   * Actual order execution time (s): order start to order end, including busy, transport and queuing time.
   * It belongs to the order, not to a work unit: add it once per order, never once per work unit the order
   * visits, or the order KPIs (allocation ratio, production process ratio, throughput rate) are diluted.
   */
  readonly AOET: number;

  /**
   * Planned run time of the produced quantity (s): PRI × PQ, where PRI is the planned run time per item
   * (the "ideal cycle time"). With several products it is Σ PRIⱼ × PQⱼ. PRI itself is not additive across
   * products, its product with PQ is, so that product is the element we hold.
   */
  readonly PRI_PQ: number;

  /** Produced quantity: what the work unit produced (good + scrap + rework). */
  readonly PQ: number;
  /** Good quantity: produced quantity that meets the quality requirements at the first pass; never rework. */
  readonly GQ: number;
  /** Scrap quantity: fails the requirements and is scrapped or recycled. */
  readonly SQ: number;
  /** Rework quantity: fails the requirements but can be brought into specification by further work. */
  readonly RQ: number;
  /** Planned scrap quantity: scrap the process is expected to make (start-up, ramp-up); 0 when unknown. */
  readonly PSQ: number;
  /** Inspected parts: parts (by serial number) that went through inspection. */
  readonly IP: number;
  /** Good parts: inspected parts (by serial number) that passed at the first pass. */
  readonly GP: number;

  /** Failure events (count): times the work unit lost the ability to perform its required operation. */
  readonly FE: number;
  /** Σ TBF (s): busy time (setup + production, without delays) between consecutive failures, summed. */
  readonly TBF: number;
  /** Σ TTR (s): time to repair (restoration) of each failure, summed. */
  readonly TTR: number;
}

export type ElementSymbol = keyof KpiElements;

export type ElementUnit = 's' | 'quantity' | 'count';

export interface ElementDescription {
  /** The ISO 22400-2 name. */
  readonly name: string;
  readonly unit: ElementUnit;
}

/** ISO names and units of the held elements, in the order of the standard's element groups. */
export const ELEMENT_DESCRIPTIONS: { readonly [S in ElementSymbol]: ElementDescription } = {
  POT: { name: 'Planned operation time', unit: 's' },
  PDOT: { name: 'Planned down time', unit: 's' },
  APT: { name: 'Actual production time', unit: 's' },
  ASUT: { name: 'Actual unit setup time', unit: 's' },
  ADET: { name: 'Actual unit delay time', unit: 's' },
  ADOT: { name: 'Actual unit down time', unit: 's' },
  AOET: { name: 'Actual order execution time', unit: 's' },
  PRI_PQ: { name: 'Planned run time per item × produced quantity', unit: 's' },
  PQ: { name: 'Produced quantity', unit: 'quantity' },
  GQ: { name: 'Good quantity', unit: 'quantity' },
  SQ: { name: 'Scrap quantity', unit: 'quantity' },
  RQ: { name: 'Rework quantity', unit: 'quantity' },
  PSQ: { name: 'Planned scrap quantity', unit: 'quantity' },
  IP: { name: 'Inspected parts', unit: 'count' },
  GP: { name: 'Good parts', unit: 'count' },
  FE: { name: 'Failure events', unit: 'count' },
  TBF: { name: 'Time between failures (sum)', unit: 's' },
  TTR: { name: 'Time to repair (sum)', unit: 's' },
};

export const ELEMENT_SYMBOLS: readonly ElementSymbol[] = Object.keys(ELEMENT_DESCRIPTIONS) as ElementSymbol[];

/** The neutral element of `addElements`: the elements of an empty scope. */
export function emptyElements(): KpiElements {
  return { POT: 0, PDOT: 0, APT: 0, ASUT: 0, ADET: 0, ADOT: 0, AOET: 0, PRI_PQ: 0, PQ: 0, GQ: 0, SQ: 0, RQ: 0, PSQ: 0, IP: 0, GP: 0, FE: 0, TBF: 0, TTR: 0 };
}

/** Elements with the given values and every other element 0. */
export function elementsOf(values: Partial<KpiElements>): KpiElements {
  return { ...emptyElements(), ...values };
}

/** The elements of the union of two disjoint scopes (two shifts, two work units, two orders). */
export function addElements(a: KpiElements, b: KpiElements): KpiElements {
  return {
    POT: a.POT + b.POT,
    PDOT: a.PDOT + b.PDOT,
    APT: a.APT + b.APT,
    ASUT: a.ASUT + b.ASUT,
    ADET: a.ADET + b.ADET,
    ADOT: a.ADOT + b.ADOT,
    AOET: a.AOET + b.AOET,
    PRI_PQ: a.PRI_PQ + b.PRI_PQ,
    PQ: a.PQ + b.PQ,
    GQ: a.GQ + b.GQ,
    SQ: a.SQ + b.SQ,
    RQ: a.RQ + b.RQ,
    PSQ: a.PSQ + b.PSQ,
    IP: a.IP + b.IP,
    GP: a.GP + b.GP,
    FE: a.FE + b.FE,
    TBF: a.TBF + b.TBF,
    TTR: a.TTR + b.TTR,
  };
}

/** Σ of any number of scopes; the empty sum is `emptyElements()`. */
export function sumElements(parts: Iterable<KpiElements>): KpiElements {
  let total = emptyElements();
  for (const part of parts) total = addElements(total, part);
  return total;
}
