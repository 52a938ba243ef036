import { plannedBusyTime } from '../elements/derived-elements';
import { addElements, elementsOf } from '../elements/kpi-elements';
import { bookStop } from '../losses/classify-stop';
import { oeeLossBreakdown } from '../losses/oee-loss-breakdown';
import { randomWorkUnit, seededRandom } from '../testing/random-elements';
import { computeKpis } from './kpi-catalogue';

// The three properties of standards.md §6, over random work units from a seeded generator.

const RUNS = 1000;
const MINUTE = 60;

function valueOf(value: number | null): number {
  if (value === null) throw new Error('expected a KPI value, got null');
  return value;
}

describe('property 1: A × E × QR = PRI × GQ / PBT', () => {
  it('given many random work units (effectiveness from 30 % to 130 %), when A, E and QR are multiplied, then they equal PRI × GQ / PBT within 1e-12', () => {
    const random = seededRandom(1);
    for (let run = 0; run < RUNS; run += 1) {
      const { elements, PRI } = randomWorkUnit(random);
      const kpis = computeKpis(elements);
      const expected = (PRI * elements.GQ) / plannedBusyTime(elements);
      const product = valueOf(kpis.availability) * valueOf(kpis.effectiveness) * valueOf(kpis['quality-ratio']);
      const oee = valueOf(kpis.oee);
      const within = Math.abs(product - expected) <= 1e-12 && Math.abs(oee - expected) <= 1e-12;
      expect({ run, elements, expected, product, oee, within }).toEqual({ run, elements, expected, product, oee, within: true });
    }
  });
});

describe('property 2: a minor stop moved between ADET and speed loss', () => {
  it('given many random work units and stops, when the threshold books the stop as speed loss instead of ADET, then A rises, E falls and OEE stays', () => {
    const random = seededRandom(2);
    for (let run = 0; run < RUNS; run += 1) {
      const { elements } = randomWorkUnit(random);
      const stop = 1 + Math.floor(random() * 600);
      const asSpeedLoss = bookStop(elements, stop, { minorStopThresholdSeconds: stop + 1 });
      const asAvailabilityLoss = bookStop(elements, stop, { minorStopThresholdSeconds: stop });
      const speed = computeKpis(asSpeedLoss);
      const availability = computeKpis(asAvailabilityLoss);

      expect(valueOf(speed.availability)).toBeGreaterThan(valueOf(availability.availability));
      expect(valueOf(speed.effectiveness)).toBeLessThan(valueOf(availability.effectiveness));
      expect(Math.abs(valueOf(speed.oee) - valueOf(availability.oee))).toBeLessThanOrEqual(1e-12);

      // The loss waterfall moves the same stop from one band to the other and nothing else.
      const before = oeeLossBreakdown(asAvailabilityLoss);
      const after = oeeLossBreakdown(asSpeedLoss);
      expect(after.availabilityLoss).toBeCloseTo(before.availabilityLoss - stop, 6);
      expect(after.speedLoss).toBeCloseTo(before.speedLoss + stop, 6);
      expect(after.fullyProductiveTime).toBe(before.fullyProductiveTime);
    }
  });

  it('given the §6.1 shift with four 2.5-min stops among its 40 min of ADET, when stops under 5 min count as speed loss, then A 0.8 → 0.822222 and E 0.888889 → 0.864865 while OEE stays 0.675556', () => {
    const withoutTheStops = elementsOf({ POT: 480 * MINUTE, PDOT: 30 * MINUTE, APT: 360 * MINUTE, ASUT: 30 * MINUTE, ADET: 30 * MINUTE, ADOT: 20 * MINUTE, PRI_PQ: 320 * MINUTE, PQ: 640, GQ: 608 });
    const fourMinorStops = [150, 150, 150, 150];
    const bookAll = (minorStopThresholdSeconds: number) =>
      computeKpis(fourMinorStops.reduce((elements, seconds) => bookStop(elements, seconds, { minorStopThresholdSeconds }), withoutTheStops));
    const iso = bookAll(0);
    const tpm = bookAll(5 * MINUTE);
    expect([iso.availability, iso.effectiveness, iso.oee]).toEqual([expect.closeTo(0.8, 9), expect.closeTo(320 / 360, 9), expect.closeTo(304 / 450, 9)]);
    expect([tpm.availability, tpm.effectiveness, tpm.oee]).toEqual([expect.closeTo(370 / 450, 9), expect.closeTo(320 / 370, 9), expect.closeTo(304 / 450, 9)]);
  });
});

describe('property 3: aggregate by summing elements, never by averaging ratios', () => {
  // §6.1's shift and a short overtime shift: PBT 60 min, APT 30, PRI 0.5 min, 50 made, 40 good.
  const day = elementsOf({ POT: 480 * MINUTE, PDOT: 30 * MINUTE, APT: 360 * MINUTE, ASUT: 30 * MINUTE, ADET: 40 * MINUTE, ADOT: 20 * MINUTE, PRI_PQ: 320 * MINUTE, PQ: 640, GQ: 608 });
  const overtime = elementsOf({ POT: 60 * MINUTE, APT: 30 * MINUTE, ADET: 30 * MINUTE, PRI_PQ: 25 * MINUTE, PQ: 50, GQ: 40 });

  it('given a day shift at OEE 0.675556 and an overtime shift at 0.333333, when combined, then OEE is 324/510 = 0.635294, not their mean 0.504444', () => {
    const [dayOee, overtimeOee] = [valueOf(computeKpis(day).oee), valueOf(computeKpis(overtime).oee)];
    expect([dayOee, overtimeOee]).toEqual([expect.closeTo(304 / 450, 9), expect.closeTo(20 / 60, 9)]);

    const combined = valueOf(computeKpis(addElements(day, overtime)).oee);
    expect(combined).toBeCloseTo((304 + 20) / (450 + 60), 9);
    expect(Math.abs(combined - (dayOee + overtimeOee) / 2)).toBeGreaterThan(0.13);
  });

  it('given the same two shifts, when combined, then availability is 390/510 = 0.764706, not the mean of 0.8 and 0.5', () => {
    const combined = computeKpis(addElements(day, overtime));
    expect(combined.availability).toBeCloseTo(390 / 510, 9);
    expect(combined.availability).not.toBeCloseTo((0.8 + 0.5) / 2, 2);
  });

  it('given many random pairs of work units, when summed, then each ratio is the denominator-weighted mean of the parts and differs from the plain mean', () => {
    const random = seededRandom(3);
    let differs = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const [a, b] = [randomWorkUnit(random).elements, randomWorkUnit(random).elements];
      const [ka, kb, sum] = [computeKpis(a), computeKpis(b), computeKpis(addElements(a, b))];
      const weighted = (va: number | null, vb: number | null, wa: number, wb: number): number => (valueOf(va) * wa + valueOf(vb) * wb) / (wa + wb);
      const [pbtA, pbtB]: readonly number[] = [a, b].map(plannedBusyTime);

      expect(Math.abs(valueOf(sum.availability) - weighted(ka.availability, kb.availability, pbtA, pbtB))).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(valueOf(sum['quality-ratio']) - weighted(ka['quality-ratio'], kb['quality-ratio'], a.PQ, b.PQ))).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(valueOf(sum.effectiveness) - weighted(ka.effectiveness, kb.effectiveness, a.APT, b.APT))).toBeLessThanOrEqual(1e-12);
      // OEE is A × E × QR of the sums. The two units make products with different PRIs, so it is not the
      // PBT-weighted mean of their OEEs (see the next test); it is ISO's formula over the summed elements.
      const isoOverSums = ((a.PRI_PQ + b.PRI_PQ) * (a.GQ + b.GQ)) / ((a.PQ + b.PQ) * (pbtA + pbtB));
      expect(Math.abs(valueOf(sum.oee) - isoOverSums)).toBeLessThanOrEqual(1e-12);
      if (Math.abs(valueOf(sum.oee) - (valueOf(ka.oee) + valueOf(kb.oee)) / 2) > 1e-6) differs += 1;
    }
    expect(differs).toBeGreaterThan(RUNS * 0.95);
  });
});

describe('OEE over a product mix', () => {
  // Two work units, 8 h of PBT each. A makes 900 parts at PRI 20 s (QR 0.9); B makes 160 at PRI 150 s (QR 0.5).
  const a = elementsOf({ POT: 28_800, APT: 24_000, ADET: 4_800, PRI_PQ: 20 * 1000, PQ: 1000, GQ: 900, SQ: 100 });
  const b = elementsOf({ POT: 28_800, APT: 24_000, ADET: 4_800, PRI_PQ: 150 * 160, PQ: 160, GQ: 80, SQ: 80 });

  it('given one product, when work units are summed, then OEE is the PBT-weighted mean of their OEEs', () => {
    const sameProduct = elementsOf({ POT: 14_400, APT: 9_000, ADET: 5_400, PRI_PQ: 20 * 400, PQ: 400, GQ: 300, SQ: 100 });
    const [oeeA, oeeOther, oeeSum] = [a, sameProduct, addElements(a, sameProduct)].map((elements) => valueOf(computeKpis(elements).oee));
    expect(oeeSum).toBeCloseTo((oeeA * 28_800 + oeeOther * 14_400) / 43_200, 12);
    expect(oeeSum).toBeCloseTo((20 * (900 + 300)) / 43_200, 12);
  });

  it('given two products with different PRIs and quality, when summed, then OEE is ISO A × E × QR of the sums, with quality weighted by quantity', () => {
    const sum = computeKpis(addElements(a, b));
    // A = 48 000 / 57 600, E = (20 000 + 24 000) / 48 000, QR = 980 / 1160.
    expect(sum.oee).toBeCloseTo((44_000 * 980) / (1160 * 57_600), 12);
    // Not Σ PRIⱼ × GQⱼ / PBT = (18 000 + 12 000) / 57 600, which would weight quality by planned run time.
    expect(sum.oee).not.toBeCloseTo(30_000 / 57_600, 3);
  });
});
