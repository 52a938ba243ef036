import { elementsOf, type KpiElements } from '../elements/kpi-elements';
import { computeKpis, kpiDefinition } from './kpi-catalogue';
import type { PendingKpiId, SupportedKpiId } from './kpi-definition';

// standards.md §6. Each KPI is checked twice: against the exact fraction the vector was computed from
// (within 1e-9) and against the value the vector prints (within half a unit of its last decimal).

const MINUTE = 60;
const HOUR = 3600;

interface Expected {
  readonly id: SupportedKpiId;
  /** The exact value, in our unit. */
  readonly exact: number;
  /** The value as the vector prints it, in the vector's unit. */
  readonly printed: number;
  /** Our unit to the vector's unit (units/h → units/min, h → min); identity by default. */
  readonly toVectorUnit?: (value: number) => number;
}

function expectVector(elements: KpiElements, rows: readonly Expected[]): void {
  const values = computeKpis(elements);
  for (const { id, exact, printed, toVectorUnit = (value: number) => value } of rows) {
    const value = values[id];
    expect({ id, value }).toEqual({ id, value: expect.closeTo(exact, 9) });
    expect({ id, printed: value === null ? null : toVectorUnit(value) }).toEqual({ id, printed: expect.closeTo(printed, 6) });
  }
}

describe('given the ISO 22400 consistent scenario of §6.1 (one work unit, one shift, one order)', () => {
  // Times in minutes in the vector, seconds here. PRI 0.5 min/unit over PQ 640.
  const shift = elementsOf({
    POT: 480 * MINUTE,
    PDOT: 30 * MINUTE,
    ADOT: 20 * MINUTE,
    ADET: 40 * MINUTE,
    ASUT: 30 * MINUTE,
    APT: 360 * MINUTE,
    AOET: 470 * MINUTE,
    PRI_PQ: 0.5 * MINUTE * 640,
    PQ: 640,
    SQ: 20,
    RQ: 12,
    GQ: 608,
    PSQ: 16,
    IP: 640,
    GP: 608,
    FE: 3,
    TBF: (120 + 100 + 140) * MINUTE,
    TTR: (10 + 15 + 5) * MINUTE,
  });

  it('when the KPIs are computed, then each equals the value of the vector', () => {
    expectVector(shift, [
      { id: 'availability', exact: 360 / 450, printed: 0.8 },
      { id: 'effectiveness', exact: (0.5 * 640) / 360, printed: 0.888889 },
      { id: 'quality-ratio', exact: 608 / 640, printed: 0.95 },
      { id: 'oee', exact: 304 / 450, printed: 0.675556 },
      { id: 'nee', exact: (390 / 450) * ((0.5 * 640) / 360) * (608 / 640), printed: 0.731852 },
      { id: 'technical-efficiency', exact: 360 / 400, printed: 0.9 },
      { id: 'setup-ratio', exact: 30 / 390, printed: 0.076923 },
      { id: 'allocation-efficiency', exact: 430 / 450, printed: 0.955556 },
      { id: 'utilization-efficiency', exact: 360 / 430, printed: 0.837209 },
      { id: 'allocation-ratio', exact: 430 / 470, printed: 0.914894 },
      { id: 'production-process-ratio', exact: 360 / 470, printed: 0.765957 },
      { id: 'throughput-rate', exact: (640 / 470) * 60, printed: 1.361702, toVectorUnit: (perHour) => perHour / 60 },
      { id: 'scrap-ratio', exact: 20 / 640, printed: 0.03125 },
      { id: 'rework-ratio', exact: 12 / 640, printed: 0.01875 },
      { id: 'actual-to-planned-scrap-ratio', exact: 20 / 16, printed: 1.25 },
      { id: 'first-pass-yield', exact: 608 / 640, printed: 0.95 },
    ]);
  });

  it('when MTBF and MTTR are computed (Σ TBF / FE convention), then they are 120 min and 10 min, in hours', () => {
    expectVector(shift, [
      { id: 'mtbf', exact: 2, printed: 120, toVectorUnit: (hours) => hours * 60 },
      { id: 'mttr', exact: 1 / 6, printed: 10, toVectorUnit: (hours) => hours * 60 },
    ]);
  });

  it('when OEE is computed, then it equals PRI × GQ / PBT = 304 / 450 as well as A × E × QR', () => {
    const values = computeKpis(shift);
    expect(values.oee).toBeCloseTo((0.5 * 608) / 450, 12);
    expect(values.oee).toBeCloseTo((values.availability ?? NaN) * (values.effectiveness ?? NaN) * (values['quality-ratio'] ?? NaN), 12);
  });

  it.each<[PendingKpiId, string]>([
    ['worker-efficiency', 'APWT'],
    ['corrective-maintenance-ratio', 'CMT'],
    ['process-capability-index', 'σ̂'],
    ['critical-process-capability-index', 'x̿'],
    ['finished-goods-ratio', 'CM'],
    ['integrated-goods-ratio', 'IGQ'],
    ['production-loss-ratio', 'PL'],
    ['storage-and-transportation-loss-ratio', 'STL'],
    ['other-loss-ratio', 'OL'],
    ['equipment-load-ratio', 'EPC'],
    ['comprehensive-energy-consumption', 'E'],
    ['fall-off-ratio', 'PQ(step 1)'],
  ])('when the vector lists %s, then the catalogue holds it as pending, waiting for %s', (id, element) => {
    const entry = kpiDefinition(id);
    expect(entry.status).toBe('pending');
    expect(entry.missingElements).toContain(element);
    expect(entry.waitsFor).not.toBe('');
  });
});

describe('given the published or recalled OEE examples of §6.2 (classic A × P × Q)', () => {
  it('when the waycalculator example is computed (run 420 of 480 min, ICT 1 min, 400 made, 380 good), then OEE is 0.791667', () => {
    const example = elementsOf({ POT: 480 * MINUTE, ADET: 60 * MINUTE, APT: 420 * MINUTE, PRI_PQ: 1 * MINUTE * 400, PQ: 400, SQ: 20, GQ: 380 });
    expectVector(example, [
      { id: 'availability', exact: 420 / 480, printed: 0.875 },
      { id: 'effectiveness', exact: 400 / 420, printed: 0.952381 },
      { id: 'quality-ratio', exact: 380 / 400, printed: 0.95 },
      { id: 'oee', exact: 380 / 480, printed: 0.791667 },
    ]);
  });

  it('when the cncoptimization example is computed (480 min less 60 of breaks, 42 of breakdown, 300 made, 6 scrap), then OEE is 0.7', () => {
    const example = elementsOf({ POT: 480 * MINUTE, PDOT: 60 * MINUTE, ADET: 42 * MINUTE, APT: 378 * MINUTE, PRI_PQ: 1 * MINUTE * 300, PQ: 300, SQ: 6, GQ: 294 });
    expectVector(example, [
      { id: 'availability', exact: 378 / 420, printed: 0.9 },
      { id: 'effectiveness', exact: 300 / 378, printed: 0.793651 },
      { id: 'quality-ratio', exact: 294 / 300, printed: 0.98 },
      { id: 'oee', exact: 294 / 420, printed: 0.7 },
    ]);
  });

  it('when the oee.com example is computed (planned 420 min, 47 min down, ICT 1 s, 19 271 made, 423 rejected), then OEE is 0.747937', () => {
    const example = elementsOf({ POT: 480 * MINUTE, PDOT: 60 * MINUTE, ADET: 47 * MINUTE, APT: 373 * MINUTE, PRI_PQ: 1 * 19_271, PQ: 19_271, SQ: 423, GQ: 18_848 });
    expectVector(example, [
      { id: 'availability', exact: 373 / 420, printed: 0.888095 },
      { id: 'effectiveness', exact: 19_271 / (373 * 60), printed: 0.861081 },
      { id: 'quality-ratio', exact: 18_848 / 19_271, printed: 0.97805 },
      { id: 'oee', exact: 18_848 / 25_200, printed: 0.747937 },
    ]);
  });

  it('when the Nakajima textbook example is computed (loading 460 min, 60 down, 400 made at 0.5 min ideal, 98 % good), then OEE is 0.426087', () => {
    const example = elementsOf({ POT: 460 * MINUTE, ADET: 60 * MINUTE, APT: 400 * MINUTE, PRI_PQ: 0.5 * MINUTE * 400, PQ: 400, SQ: 8, GQ: 392 });
    expectVector(example, [
      { id: 'availability', exact: 400 / 460, printed: 0.869565 },
      { id: 'effectiveness', exact: 0.5, printed: 0.5 },
      { id: 'quality-ratio', exact: 0.98, printed: 0.98 },
      { id: 'oee', exact: (400 / 460) * 0.5 * 0.98, printed: 0.426087 },
    ]);
  });

  it('when the SMRP example is computed (24 h less 8 h idle, 1.66 h scheduled and 2.08 h unscheduled downtime), then availability is 0.76625', () => {
    const example = elementsOf({ POT: 24 * HOUR, PDOT: 8 * HOUR, ADOT: 1.66 * HOUR, ADET: 2.08 * HOUR, APT: 12.26 * HOUR });
    expectVector(example, [{ id: 'availability', exact: 12.26 / 16, printed: 0.76625 }]);
  });
});
