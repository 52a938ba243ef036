import { elementsOf } from '../elements/kpi-elements';
import { bookStop, classifyStop } from './classify-stop';
import { ISO_22400_DEFINITION_OPTIONS, validateKpiDefinitionOptions } from './kpi-definition-options';

describe('classifying an unplanned stop', () => {
  const fiveMinutes = { minorStopThresholdSeconds: 300 };

  it('given the ISO 22400-2 options, when a stop of any length happens, then it is an availability loss (minor stoppages are ADET)', () => {
    expect([0, 1, 299, 3600].map((seconds) => classifyStop(seconds, ISO_22400_DEFINITION_OPTIONS))).toEqual([
      'availability-loss',
      'availability-loss',
      'availability-loss',
      'availability-loss',
    ]);
  });

  it('given a 5-minute threshold, when a stop is shorter, then it is a speed loss; when it lasts 5 minutes or more, an availability loss', () => {
    expect(classifyStop(299.999, fiveMinutes)).toBe('speed-loss');
    expect(classifyStop(300, fiveMinutes)).toBe('availability-loss');
    expect(classifyStop(1800, fiveMinutes)).toBe('availability-loss');
  });

  it('when a stop has a negative or non-finite duration, then it is refused', () => {
    expect(() => classifyStop(-1, fiveMinutes)).toThrow(RangeError);
    expect(() => classifyStop(Number.NaN, fiveMinutes)).toThrow(RangeError);
  });

  it('when a minor stop is booked, then its time goes to APT; when a longer stop is booked, to ADET', () => {
    const running = elementsOf({ POT: 3600, APT: 1000, ADET: 200 });
    expect(bookStop(running, 120, fiveMinutes)).toEqual({ ...running, APT: 1120 });
    expect(bookStop(running, 600, fiveMinutes)).toEqual({ ...running, ADET: 800 });
  });
});

describe('validating KPI definition options', () => {
  it('accepts the ISO options and any threshold of 0 or more seconds', () => {
    expect(validateKpiDefinitionOptions(ISO_22400_DEFINITION_OPTIONS)).toEqual([]);
    expect(validateKpiDefinitionOptions({ minorStopThresholdSeconds: 300, setupIsAvailabilityLoss: false })).toEqual([]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a threshold of %p seconds, naming the field', (threshold) => {
    expect(validateKpiDefinitionOptions({ minorStopThresholdSeconds: threshold, setupIsAvailabilityLoss: true })).toEqual([
      { field: 'minorStopThresholdSeconds', message: expect.any(String) },
    ]);
  });
});
