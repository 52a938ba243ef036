import { PlantConfigError, type ConfigProblem } from './config-checks';
import { demoPlantConfig } from './demo-plant-config';
import type { WorkUnitConfig } from './plant-config';
import { validatePlantConfig } from './validate-plant-config';

const press: WorkUnitConfig = { workUnitId: 'press-1', idealCycleTimeSeconds: 6 };

const problemsOf = (input: unknown): ConfigProblem[] => {
  try {
    validatePlantConfig(input);
  } catch (error) {
    if (error instanceof PlantConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('the config was accepted');
};
const problem = (field: string, message: string): ConfigProblem => expect.objectContaining({ field, message: expect.stringContaining(message) });

describe('validatePlantConfig', () => {
  it('accepts a complete config and gives it back unchanged', () => {
    const demo = demoPlantConfig(['press-1', 'cnc-1', 'assembly-1', 'packer-1', 'welder-1', 'press-2']);
    expect(validatePlantConfig(JSON.parse(JSON.stringify(demo)))).toEqual(demo);
  });

  it('names the field of each problem in the message of the error', () => {
    expect(() => validatePlantConfig({ workUnits: [{ ...press, idealCycleTimeSeconds: 0 }] })).toThrow(
      'invalid plant config: workUnits[0].idealCycleTimeSeconds must be above 0, not 0',
    );
  });

  it('refuses what is not a config at all', () => {
    expect(problemsOf(null)).toEqual([problem('config', 'must be an object')]);
    expect(problemsOf({ workUnits: [] })).toEqual([problem('workUnits', 'at least 1')]);
  });

  it('names every bad field of every work unit at once', () => {
    const problems = problemsOf({
      countIntervalSeconds: 0,
      workUnits: [
        { workUnitId: 'press 1', idealCycleTimeSeconds: 6 },
        { ...press, workUnitId: 'press-2', idealCycleTimeSeconds: -1, scrapRate: 1.5, cycleTimeJitter: 'high' },
        { ...press, workUnitId: 'press-3', scarpRate: 0.01 },
      ],
    });
    expect(problems).toEqual([
      problem('countIntervalSeconds', 'at least 1'),
      problem('workUnits[0].workUnitId', 'must be an equipment id'),
      problem('workUnits[1].idealCycleTimeSeconds', 'above 0'),
      problem('workUnits[1].cycleTimeJitter', 'finite number'),
      problem('workUnits[1].scrapRate', 'below 1'),
      problem('workUnits[2].scarpRate', 'not a known field'),
    ]);
  });

  it('refuses a work unit id given twice', () => {
    expect(problemsOf({ workUnits: [press, press] })).toEqual([problem('workUnits[1].workUnitId', '"press-1" appears more than once')]);
  });

  it('refuses scrap and rework that leave no room for good units', () => {
    expect(problemsOf({ workUnits: [{ ...press, scrapRate: 0.6, reworkRate: 0.4 }] })).toEqual([problem('workUnits[0].reworkRate', 'plus scrapRate must stay below 1')]);
  });

  it('names the bad parameter of a distribution', () => {
    const problems = problemsOf({
      workUnits: [
        {
          ...press,
          breakdowns: { timeToFailureSeconds: { kind: 'weibull', mean: 3600 }, timeToRepairSeconds: { kind: 'lognormal', mean: 600 }, reasonCodes: ['JAM'] },
          microStops: { probabilityPerCycle: 0.01, durationSeconds: { kind: 'normal', mean: 20, sd: 5, min: 30, max: 10 } },
        },
      ],
    });
    expect(problems).toEqual([
      problem('workUnits[0].microStops.durationSeconds.max', 'must not be below min'),
      problem('workUnits[0].breakdowns.timeToFailureSeconds.kind', 'must be one of fixed, exponential, lognormal, normal'),
      problem('workUnits[0].breakdowns.timeToRepairSeconds.sd', 'finite number'),
    ]);
  });

  it('refuses breakdowns without reason codes, or with weights that do not match them', () => {
    const breakdowns = { timeToFailureSeconds: { kind: 'exponential', mean: 3600 }, timeToRepairSeconds: { kind: 'fixed', value: 600 } };
    expect(problemsOf({ workUnits: [{ ...press, breakdowns: { ...breakdowns, reasonCodes: [] } }] })).toEqual([problem('workUnits[0].breakdowns.reasonCodes', 'at least 1')]);
    expect(problemsOf({ workUnits: [{ ...press, breakdowns: { ...breakdowns, reasonCodes: ['JAM', ''], reasonWeights: [1] } }] })).toEqual([
      problem('workUnits[0].breakdowns.reasonCodes[1]', '1 to 64 characters'),
      problem('workUnits[0].breakdowns.reasonWeights', 'one weight per reason code (2)'),
    ]);
  });

  it('takes a setup every so many units or so many running minutes, not both', () => {
    const durationSeconds = { kind: 'fixed', value: 900 };
    expect(problemsOf({ workUnits: [{ ...press, setups: { every: { units: 100, runningMinutes: 60 }, durationSeconds } }] })).toEqual([
      problem('workUnits[0].setups.every', 'exactly one of units or runningMinutes'),
    ]);
    expect(problemsOf({ workUnits: [{ ...press, setups: { every: { units: 0.5 }, durationSeconds } }] })).toEqual([problem('workUnits[0].setups.every.units', 'whole number')]);
  });

  describe('shift calendars', () => {
    const withCalendar = (calendar: unknown): unknown => ({ calendar, workUnits: [press] });

    it('accepts adjoining shifts and a night shift that crosses midnight', () => {
      const calendar = { shifts: [{ start: '06:00', end: '14:00' }, { start: '14:00', end: '22:00' }, { start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:30' }] }] };
      expect(validatePlantConfig(withCalendar(calendar)).calendar).toEqual(calendar);
    });

    it('refuses shifts that overlap, also across midnight', () => {
      expect(problemsOf(withCalendar({ shifts: [{ start: '06:00', end: '14:00' }, { start: '13:00', end: '21:00' }] }))).toEqual([problem('calendar.shifts', 'shifts 1 and 2 overlap')]);
      expect(problemsOf(withCalendar({ shifts: [{ start: '22:00', end: '07:00' }, { start: '06:00', end: '14:00' }] }))).toEqual([problem('calendar.shifts', 'shifts 1 and 2 overlap')]);
    });

    it('refuses times that are not HH:MM, and a shift that starts and ends at once', () => {
      expect(problemsOf(withCalendar({ shifts: [{ start: '6:00', end: '14:00' }] }))).toEqual([problem('calendar.shifts[0]', 'HH:MM')]);
      expect(problemsOf(withCalendar({ shifts: [{ start: '06:00', end: '06:00' }] }))).toEqual([problem('calendar.shifts[0]', 'must not start and end at the same time')]);
    });

    it('refuses breaks outside their shift or overlapping each other', () => {
      expect(problemsOf(withCalendar({ shifts: [{ start: '06:00', end: '14:00', breaks: [{ start: '13:45', end: '14:15' }] }] }))).toEqual([
        problem('calendar.shifts[0].breaks', 'within the shift 06:00-14:00'),
      ]);
      expect(problemsOf(withCalendar({ shifts: [{ start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:30' }, { start: '09:15', end: '09:45' }] }] }))).toEqual([
        problem('calendar.shifts[0].breaks', 'overlaps the break before it'),
      ]);
    });

    it('refuses unknown weekdays and offsets beyond any time zone, on a work unit calendar too', () => {
      expect(problemsOf({ workUnits: [{ ...press, calendar: { shifts: [{ start: '06:00', end: '14:00' }], days: ['Monday'], utcOffsetMinutes: 900 } }] })).toEqual([
        problem('workUnits[0].calendar.days', 'among Sun, Mon, Tue, Wed, Thu, Fri, Sat'),
        problem('workUnits[0].calendar.utcOffsetMinutes', 'at most 840'),
      ]);
    });
  });
});
