import { randomWorkUnit, seededRandom } from '../testing/random-elements';
import { actualUnitBusyTime, actualUnitProcessingTime, plannedBusyTime } from './derived-elements';
import { addElements, ELEMENT_DESCRIPTIONS, ELEMENT_SYMBOLS, elementsOf, emptyElements, type KpiElements, sumElements } from './kpi-elements';

// Whole seconds and whole pieces add exactly, so the algebra below can be checked with toEqual.
function integerElements(random: () => number): KpiElements {
  const { elements } = randomWorkUnit(random);
  return elementsOf(Object.fromEntries(ELEMENT_SYMBOLS.map((symbol) => [symbol, Math.round(elements[symbol])])));
}

describe('KPI elements', () => {
  const random = seededRandom(22_400);
  const samples = Array.from({ length: 100 }, () => [integerElements(random), integerElements(random), integerElements(random)] as const);

  it('describes every held element with its ISO name and unit', () => {
    expect(Object.keys(emptyElements()).sort()).toEqual([...ELEMENT_SYMBOLS].sort());
    for (const symbol of ELEMENT_SYMBOLS) expect(ELEMENT_DESCRIPTIONS[symbol].name).not.toBe('');
    expect(ELEMENT_DESCRIPTIONS.APT).toEqual({ name: 'Actual production time', unit: 's' });
  });

  it('given the elements of an empty scope, when added to any elements, then nothing changes', () => {
    for (const [a] of samples) expect(addElements(a, emptyElements())).toEqual(a);
    expect(Object.values(emptyElements()).every((value) => value === 0)).toBe(true);
  });

  it('given two scopes, when their elements are added, then every element is the sum of the two, in either order', () => {
    for (const [a, b] of samples) {
      const sum = addElements(a, b);
      for (const symbol of ELEMENT_SYMBOLS) expect(sum[symbol]).toBe(a[symbol] + b[symbol]);
      expect(addElements(b, a)).toEqual(sum);
    }
  });

  it('given three scopes, when they are grouped either way, then the sum is the same (shifts → days → weeks)', () => {
    for (const [a, b, c] of samples) expect(addElements(addElements(a, b), c)).toEqual(addElements(a, addElements(b, c)));
  });

  it('sums any number of scopes, and an empty list to the empty elements', () => {
    for (const [a, b, c] of samples) expect(sumElements([a, b, c])).toEqual(addElements(addElements(a, b), c));
    expect(sumElements([])).toEqual(emptyElements());
  });

  it('fills the elements not given with 0', () => {
    expect(elementsOf({ APT: 60, PQ: 3 })).toEqual({ ...emptyElements(), APT: 60, PQ: 3 });
  });

  it('derives PBT = POT − PDOT, AUPT = APT + ASUT and AUBT = AUPT + ADET, which stay true after summing', () => {
    const shift = elementsOf({ POT: 480, PDOT: 30, APT: 360, ASUT: 30, ADET: 40 });
    expect([plannedBusyTime(shift), actualUnitProcessingTime(shift), actualUnitBusyTime(shift)]).toEqual([450, 390, 430]);
    for (const [a, b] of samples) {
      const sum = addElements(a, b);
      expect(plannedBusyTime(sum)).toBe(plannedBusyTime(a) + plannedBusyTime(b));
      expect(actualUnitBusyTime(sum)).toBe(actualUnitBusyTime(a) + actualUnitBusyTime(b));
    }
  });
});
