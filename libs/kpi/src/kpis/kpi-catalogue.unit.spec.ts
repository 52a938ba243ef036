import { ELEMENT_SYMBOLS, elementsOf, emptyElements, type KpiElements } from '../elements/kpi-elements';
import { randomSparseElements, randomWorkUnit, seededRandom } from '../testing/random-elements';
import { computeKpis, KPI_DEFINITIONS, kpiDefinition, PENDING_KPIS } from './kpi-catalogue';
import type { SupportedKpiId } from './kpi-definition';

describe('the KPI catalogue', () => {
  const catalogue = [...KPI_DEFINITIONS, ...PENDING_KPIS];

  it('lists the 34 KPIs of ISO 22400-2 once each, by their ISO number', () => {
    expect(catalogue.map((entry) => entry.isoNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(new Set(catalogue.map((entry) => entry.id)).size).toBe(34);
  });

  it('computes the 18 KPIs the held elements support and lists the other 16 as pending, each with what it waits for', () => {
    expect(KPI_DEFINITIONS.map((definition) => definition.id)).toEqual([
      'allocation-ratio',
      'throughput-rate',
      'allocation-efficiency',
      'utilization-efficiency',
      'oee',
      'nee',
      'availability',
      'effectiveness',
      'quality-ratio',
      'setup-ratio',
      'technical-efficiency',
      'production-process-ratio',
      'actual-to-planned-scrap-ratio',
      'first-pass-yield',
      'scrap-ratio',
      'rework-ratio',
      'mtbf',
      'mttr',
    ]);
    for (const pending of PENDING_KPIS) {
      expect({ id: pending.id, status: pending.status, waits: pending.waitsFor.length > 0, missing: pending.missingElements.length > 0 }).toEqual({
        id: pending.id,
        status: 'pending',
        waits: true,
        missing: true,
      });
    }
  });

  it('finds a definition by id, and nothing for an id it does not know', () => {
    expect(kpiDefinition('oee').name).toBe('OEE index');
    expect(kpiDefinition('oee').compute(elementsOf({ POT: 100, APT: 80, PRI_PQ: 60, PQ: 60, GQ: 54 }))).toBeCloseTo(0.54, 12);
    expect(kpiDefinition('worker-efficiency')).toMatchObject({ status: 'pending', missingElements: ['APWT', 'APAT'] });
    expect(kpiDefinition('teep')).toBeUndefined();
  });

  it('gives every supported KPI an ISO name, a formula, a unit, a trend and only held elements', () => {
    for (const definition of KPI_DEFINITIONS) {
      expect(definition.name).not.toBe('');
      expect(definition.formula).not.toBe('');
      expect(['%', 'units/h', 'h']).toContain(definition.unit);
      expect(['higher-is-better', 'lower-is-better']).toContain(definition.trend);
      expect(ELEMENT_SYMBOLS).toEqual(expect.arrayContaining([...definition.elements]));
    }
  });

  it('marks the loss ratios, setup ratio and MTTR lower-is-better and the rest higher-is-better', () => {
    const lowerIsBetter = KPI_DEFINITIONS.filter((definition) => definition.trend === 'lower-is-better').map((definition) => definition.id);
    expect(lowerIsBetter.sort()).toEqual(['actual-to-planned-scrap-ratio', 'mttr', 'rework-ratio', 'scrap-ratio', 'setup-ratio']);
  });

  it('when an element a KPI does not declare changes, then the KPI does not change (its element list is honest)', () => {
    const random = seededRandom(2201);
    for (let run = 0; run < 50; run += 1) {
      const { elements } = randomWorkUnit(random);
      for (const definition of KPI_DEFINITIONS) {
        for (const symbol of ELEMENT_SYMBOLS.filter((held) => !definition.elements.includes(held))) {
          const changed: KpiElements = { ...elements, [symbol]: elements[symbol] + 1 + random() * 1000 };
          expect({ id: definition.id, symbol, value: definition.compute(changed) }).toEqual({ id: definition.id, symbol, value: definition.compute(elements) });
        }
      }
    }
  });

  it('computeKpis gives, per id, what that definition computes', () => {
    const { elements } = randomWorkUnit(seededRandom(7));
    const values = computeKpis(elements);
    expect(Object.keys(values).sort()).toEqual(KPI_DEFINITIONS.map((definition) => definition.id).sort());
    for (const definition of KPI_DEFINITIONS) expect(values[definition.id]).toBe(definition.compute(elements));
  });
});

describe('given a denominator of zero', () => {
  it('when nothing at all was recorded, then every KPI is null', () => {
    expect(Object.values(computeKpis(emptyElements())).every((value) => value === null)).toBe(true);
  });

  it.each<[SupportedKpiId, Partial<KpiElements>]>([
    ['availability', { APT: 10 }],
    ['effectiveness', { PRI_PQ: 10 }],
    ['quality-ratio', { GQ: 0 }],
    ['nee', { APT: 10, PRI_PQ: 5, PQ: 5, GQ: 5 }],
    ['setup-ratio', { ADET: 10 }],
    ['technical-efficiency', { ADOT: 10 }],
    ['allocation-efficiency', { APT: 10 }],
    ['utilization-efficiency', { ADOT: 10 }],
    ['allocation-ratio', { APT: 10 }],
    ['production-process-ratio', { APT: 10 }],
    ['throughput-rate', { PQ: 10 }],
    ['scrap-ratio', { SQ: 1 }],
    ['rework-ratio', { RQ: 1 }],
    ['actual-to-planned-scrap-ratio', { SQ: 3, PQ: 10 }],
    ['first-pass-yield', { GP: 0 }],
    ['mtbf', { TBF: 3600 }],
    ['mttr', { TTR: 600 }],
  ])('when %s has a zero denominator, then it is null, not NaN or Infinity', (id, values) => {
    expect(kpiDefinition(id).compute(elementsOf(values))).toBeNull();
  });

  it('when the planned busy time is zero, then OEE is null', () => {
    expect(kpiDefinition('oee').compute(elementsOf({ POT: 60, PDOT: 60, APT: 10, PRI_PQ: 10, PQ: 10, GQ: 10 }))).toBeNull();
  });

  it('when no failure happened, then MTBF and MTTR are null (there is no mean), not infinite', () => {
    const noFailure = elementsOf({ POT: 28_800, APT: 27_000, TBF: 27_000 });
    expect([kpiDefinition('mtbf').compute(noFailure), kpiDefinition('mttr').compute(noFailure)]).toEqual([null, null]);
  });

  it('when elements hold zeros anywhere, then every KPI is a finite number or null', () => {
    const random = seededRandom(404);
    for (let run = 0; run < 2000; run += 1) {
      const elements = randomSparseElements(random);
      for (const [id, value] of Object.entries(computeKpis(elements))) {
        expect({ id, elements, finiteOrNull: value === null || Number.isFinite(value) }).toEqual({ id, elements, finiteOrNull: true });
      }
    }
  });
});

describe('given a work unit that made nothing in its planned busy time', () => {
  const brokenDown = elementsOf({ POT: 28_800, PDOT: 1_800, ADET: 27_000 });

  it('when OEE and NEE are computed, then they are 0: no good output, although effectiveness and quality ratio have no value', () => {
    expect(computeKpis(brokenDown)).toMatchObject({ availability: 0, effectiveness: null, 'quality-ratio': null, oee: 0, nee: 0 });
  });
});

describe('given a loose planned run time per item', () => {
  // 500 s of planned run time made in 400 s of production: the PRI is 25 % too long.
  const loose = elementsOf({ POT: 500, APT: 400, ADET: 100, PRI_PQ: 500, PQ: 100, GQ: 100 });

  it('when effectiveness is computed, then it is 125 %, not clamped to 100 %', () => {
    expect(kpiDefinition('effectiveness').compute(loose)).toBeCloseTo(1.25, 12);
  });

  it('when OEE is computed, then it keeps the 125 % and still equals PRI × GQ / PBT', () => {
    expect(kpiDefinition('oee').compute(loose)).toBeCloseTo(500 / 500, 12);
    expect(kpiDefinition('oee').compute(loose)).toBeCloseTo(0.8 * 1.25 * 1, 12);
  });
});
