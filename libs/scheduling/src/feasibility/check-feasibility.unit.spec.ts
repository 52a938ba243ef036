import type { ScheduledOperation, SchedulingProblem } from '../problem';
import { checkFeasibility } from './check-feasibility';

/** press-1 is set up for steel at the start and down over [40, 50); JO-1 is released at 5. */
const plant: SchedulingProblem = {
  start: 0,
  workUnits: [{ id: 'press-1', initialSetupFamily: 'steel', unavailable: [{ from: 40, to: 50 }] }, { id: 'press-2' }],
  jobs: [
    {
      id: 'JO-1',
      release: 5,
      operations: [
        { id: 'JO-1.cut', setupFamily: 'steel', alternatives: [{ workUnitId: 'press-1', duration: 10, setup: 3 }, { workUnitId: 'press-2', duration: 12 }] },
        { id: 'JO-1.bend', setupFamily: 'alu', alternatives: [{ workUnitId: 'press-2', duration: 5, setup: 2 }] },
      ],
    },
    {
      id: 'JO-2',
      operations: [
        { id: 'JO-2.a', setupFamily: 'alu', alternatives: [{ workUnitId: 'press-1', duration: 4, setup: 3 }] },
        { id: 'JO-2.b', setupFamily: 'alu', alternatives: [{ workUnitId: 'press-1', duration: 6, setup: 3 }] },
      ],
    },
  ],
};

const op = (operationId: string, workUnitId: string, setupStart: number, start: number, end: number): ScheduledOperation => ({
  operationId,
  jobId: operationId.slice(0, 4),
  workUnitId,
  setupStart,
  start,
  end,
});

// cut needs no setup (press-1 is on steel); a changes steel to alu; b follows a in the same family; bend is
// the first on press-2, which has no family, so it is set up while cut still runs.
const cut = op('JO-1.cut', 'press-1', 5, 5, 15);
const a = op('JO-2.a', 'press-1', 15, 18, 22);
const b = op('JO-2.b', 'press-1', 22, 22, 28);
const bend = op('JO-1.bend', 'press-2', 13, 15, 20);
const schedule = [cut, a, b, bend];

const replace = (replacement: ScheduledOperation): ScheduledOperation[] => schedule.map((entry) => (entry.operationId === replacement.operationId ? replacement : entry));
const kindsAndIds = (problem: SchedulingProblem, operations: readonly ScheduledOperation[]): [string, string][] =>
  checkFeasibility(problem, operations).map((violation) => [violation.kind, violation.operationId]);

describe('checkFeasibility', () => {
  it('given a schedule that keeps every rule, when checked, then there is no violation', () => {
    expect(checkFeasibility(plant, schedule)).toEqual([]);
  });

  it('given a schedule without an operation, when checked, then it is missing', () => {
    expect(checkFeasibility(plant, [cut, a, bend])).toEqual([{ kind: 'missing', operationId: 'JO-2.b', message: 'operation "JO-2.b" of job "JO-2" is not scheduled' }]);
  });

  it('given an operation the problem does not have, when checked, then it is unknown', () => {
    expect(kindsAndIds(plant, [...schedule, op('JO-9.x', 'press-2', 90, 90, 95)])).toEqual([['unknown', 'JO-9.x']]);
  });

  it('given an operation filed under the wrong job, when checked, then it is named with both jobs', () => {
    expect(checkFeasibility(plant, replace({ ...b, jobId: 'JO-1' }))).toEqual([{ kind: 'unknown', operationId: 'JO-2.b', message: 'operation "JO-2.b" belongs to job "JO-2", not to job "JO-1"' }]);
  });

  it('given an operation scheduled twice, when checked, then it is a duplicate', () => {
    expect(kindsAndIds(plant, [...schedule, bend])).toEqual([['duplicate', 'JO-1.bend']]);
  });

  it('given an operation on a unit that cannot run it, when checked, then its alternatives are named', () => {
    expect(checkFeasibility(plant, replace(op('JO-1.bend', 'press-1', 60, 60, 65)))).toEqual([
      { kind: 'eligibility', operationId: 'JO-1.bend', message: 'operation "JO-1.bend" runs on work unit "press-1", which is not one of its alternatives ("press-2")' },
    ]);
  });

  it('given an operation longer than its duration on the unit, when checked, then the durations are named', () => {
    expect(checkFeasibility(plant, replace({ ...b, end: 29 }))).toEqual([
      { kind: 'duration', operationId: 'JO-2.b', message: 'operation "JO-2.b" takes 6 on work unit "press-1", but is scheduled over [22, 29) (7)' },
    ]);
  });

  describe('given setups', () => {
    it('when a family change starts its setup late, then the families and the right setup start are named', () => {
      expect(checkFeasibility(plant, replace({ ...a, setupStart: 16 }))).toEqual([
        { kind: 'setup', operationId: 'JO-2.a', message: 'operation "JO-2.a" needs a setup of 3 on work unit "press-1" after "JO-1.cut" (family "steel" to "alu"), so its setup must start at 15, not at 16' },
      ]);
    });

    it('when the first operation on a unit without a family skips its setup, then it is a setup violation', () => {
      expect(checkFeasibility(plant, replace({ ...bend, setupStart: 15 }))).toEqual([
        { kind: 'setup', operationId: 'JO-1.bend', message: 'operation "JO-1.bend" needs a setup of 2 on work unit "press-2" as the first operation (family none to "alu"), so its setup must start at 13, not at 15' },
      ]);
    });

    it('when an operation of the unit’s initial family is given a setup, then it is a setup violation', () => {
      expect(checkFeasibility(plant, replace({ ...cut, setupStart: 2 }))).toEqual([
        { kind: 'setup', operationId: 'JO-1.cut', message: 'operation "JO-1.cut" needs no setup on work unit "press-1" as the first operation, so its setup start must equal its start 5, not at 2' },
      ]);
    });

    it('when the same family follows after a gap, then no setup is needed', () => {
      expect(checkFeasibility(plant, replace(op('JO-2.b', 'press-1', 30, 30, 36)))).toEqual([]);
    });

    it('when the operation has no family, then it needs its setup even after another operation without one', () => {
      const noFamilies: SchedulingProblem = {
        ...plant,
        jobs: plant.jobs.map((job) => ({ ...job, operations: job.operations.map((operation) => ({ ...operation, setupFamily: undefined })) })),
      };
      expect(kindsAndIds(noFamilies, schedule)).toEqual([
        ['setup', 'JO-1.cut'],
        ['setup', 'JO-2.b'],
      ]);
    });
  });

  it('given an operation that starts before its predecessor ends, when checked, then both are named', () => {
    expect(checkFeasibility(plant, replace(op('JO-1.bend', 'press-2', 11, 13, 18)))).toEqual([
      { kind: 'precedence', operationId: 'JO-1.bend', message: 'operation "JO-1.bend" starts at 13, before its predecessor "JO-1.cut" ends at 15' },
    ]);
  });

  it('given an operation that starts before its job is released, when checked, then the release is named', () => {
    expect(checkFeasibility(plant, replace(op('JO-1.cut', 'press-1', 4, 4, 14)))).toEqual([
      { kind: 'release', operationId: 'JO-1.cut', message: 'operation "JO-1.cut" starts at 4, before its job "JO-1" is released at 5' },
    ]);
  });

  it('given a setup that begins before the problem start, when checked, then it is before-start', () => {
    expect(checkFeasibility({ ...plant, start: 6 }, schedule)).toEqual([
      { kind: 'before-start', operationId: 'JO-1.cut', message: 'operation "JO-1.cut" keeps work unit "press-1" busy from 5, before the problem starts at 6' },
    ]);
  });

  it('given a setup that runs into the previous operation on the unit, when checked, then it is an overlap', () => {
    expect(checkFeasibility(plant, replace(op('JO-2.a', 'press-1', 12, 15, 19)))).toEqual([
      { kind: 'overlap', operationId: 'JO-2.a', message: 'operation "JO-2.a" keeps work unit "press-1" busy over [12, 19), which overlaps "JO-1.cut" over [5, 15)' },
    ]);
  });

  it('given an operation inside an unavailability window, when checked, then the window is named', () => {
    expect(checkFeasibility(plant, replace(op('JO-2.b', 'press-1', 44, 44, 50)))).toEqual([
      { kind: 'unavailable', operationId: 'JO-2.b', message: 'operation "JO-2.b" keeps work unit "press-1" busy over [44, 50), which meets its unavailability [40, 50)' },
    ]);
  });

  it('given an operation right after an unavailability window, when checked, then it is accepted', () => {
    expect(checkFeasibility(plant, replace(op('JO-2.b', 'press-1', 50, 50, 56)))).toEqual([]);
  });

  describe('given a frozen operation', () => {
    // Running since before now, inside nothing it could avoid: it is a fact, not a choice.
    const frozenPlant: SchedulingProblem = { ...plant, start: 20, frozen: [{ operationId: 'JO-1.cut', workUnitId: 'press-1', start: 0, end: 30 }] };
    const frozenSchedule = [op('JO-1.cut', 'press-1', 0, 0, 30), op('JO-2.a', 'press-1', 30, 33, 37), op('JO-2.b', 'press-1', 50, 50, 56), op('JO-1.bend', 'press-2', 28, 30, 35)];

    it('when it is where it was frozen, before the problem start, its release and longer than its duration, then it is accepted', () => {
      expect(checkFeasibility(frozenPlant, frozenSchedule)).toEqual([]);
    });

    it('when it has moved, then where it was frozen and where it is are named', () => {
      expect(checkFeasibility(frozenPlant, [op('JO-1.cut', 'press-1', -5, -5, 25), ...frozenSchedule.slice(1)])).toEqual([
        { kind: 'frozen', operationId: 'JO-1.cut', message: 'operation "JO-1.cut" is frozen on work unit "press-1" over [0, 30) with no further setup, but is scheduled on work unit "press-1" over [-5, 25)' },
      ]);
    });

    it('when it is given a setup, then it is a frozen violation', () => {
      expect(kindsAndIds(frozenPlant, [op('JO-1.cut', 'press-1', -3, 0, 30), ...frozenSchedule.slice(1)])).toEqual([['frozen', 'JO-1.cut']]);
    });
  });
});
