import { plannedBusyTime } from '../elements/derived-elements';
import { elementsOf } from '../elements/kpi-elements';
import { computeKpis } from '../kpis/kpi-catalogue';
import { randomWorkUnit, seededRandom } from '../testing/random-elements';
import { type OeeLossBreakdown, oeeLossBreakdown } from './oee-loss-breakdown';

const MINUTE = 60;

const partsOf = (breakdown: OeeLossBreakdown): number =>
  breakdown.availabilityLoss + breakdown.setupTime + breakdown.speedLoss + breakdown.qualityLoss + breakdown.fullyProductiveTime;

describe('the OEE loss breakdown', () => {
  // §6.1: PBT 450, APT 360 (ASUT 30, ADET 40, ADOT 20), PRI × PQ = 320, good share 608 / 640.
  const shift = elementsOf({
    POT: 480 * MINUTE,
    PDOT: 30 * MINUTE,
    ADOT: 20 * MINUTE,
    ADET: 40 * MINUTE,
    ASUT: 30 * MINUTE,
    APT: 360 * MINUTE,
    PRI_PQ: 320 * MINUTE,
    PQ: 640,
    GQ: 608,
    SQ: 20,
    RQ: 12,
  });

  it('given the §6.1 shift, when broken down the ISO way, then 450 min = 90 availability + 40 speed + 16 quality + 304 fully productive', () => {
    const breakdown = oeeLossBreakdown(shift);
    expect(breakdown).toEqual({
      plannedBusyTime: 450 * MINUTE,
      availabilityLoss: 90 * MINUTE,
      setupTime: 0,
      speedLoss: 40 * MINUTE,
      qualityLoss: 16 * MINUTE,
      fullyProductiveTime: 304 * MINUTE,
    });
    expect(partsOf(breakdown)).toBe(breakdown.plannedBusyTime);
  });

  it('given setup is not an availability loss, when broken down, then the 30 min of setup leave the availability loss and stand apart', () => {
    const breakdown = oeeLossBreakdown(shift, { setupIsAvailabilityLoss: false });
    expect(breakdown).toMatchObject({ availabilityLoss: 60 * MINUTE, setupTime: 30 * MINUTE, speedLoss: 40 * MINUTE, fullyProductiveTime: 304 * MINUTE });
    expect(partsOf(breakdown)).toBe(breakdown.plannedBusyTime);
  });

  it('given a loose PRI (effectiveness above 100 %), when broken down, then the speed loss is negative and the parts still add up', () => {
    const breakdown = oeeLossBreakdown(elementsOf({ POT: 500, APT: 400, ADET: 100, PRI_PQ: 500, PQ: 100, GQ: 90, SQ: 10 }));
    expect(breakdown).toEqual({ plannedBusyTime: 500, availabilityLoss: 100, setupTime: 0, speedLoss: -100, qualityLoss: 50, fullyProductiveTime: 450 });
  });

  it('given nothing was produced, when broken down, then there is no fully productive time and all production time is speed loss', () => {
    expect(oeeLossBreakdown(elementsOf({ POT: 3600, APT: 600, ADET: 3000 }))).toEqual({
      plannedBusyTime: 3600,
      availabilityLoss: 3000,
      setupTime: 0,
      speedLoss: 600,
      qualityLoss: 0,
      fullyProductiveTime: 0,
    });
  });

  it('given many random work units, when broken down either way, then the parts sum to PBT and fully productive time is OEE × PBT', () => {
    const random = seededRandom(31);
    for (let run = 0; run < 1000; run += 1) {
      const { elements } = randomWorkUnit(random);
      const pbt = plannedBusyTime(elements);
      const oee = computeKpis(elements).oee ?? Number.NaN;
      for (const setupIsAvailabilityLoss of [true, false]) {
        const breakdown = oeeLossBreakdown(elements, { setupIsAvailabilityLoss });
        expect(breakdown.plannedBusyTime).toBe(pbt);
        expect(Math.abs(partsOf(breakdown) - pbt)).toBeLessThanOrEqual(1e-12 * pbt);
        expect(Math.abs(breakdown.fullyProductiveTime / pbt - oee)).toBeLessThanOrEqual(1e-12);
      }
    }
  });
});
