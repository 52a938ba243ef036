import { InvalidSchedulingProblem } from '../errors';
import type { Job, Operation, SchedulingProblem } from '../problem';
import { validateProblem } from './validate-problem';
import { problemsOf } from '../testing/problems-of';

const cut: Operation = { id: 'JO-1.cut', setupFamily: 'steel', alternatives: [{ workUnitId: 'press-1', duration: 10, setup: 2 }, { workUnitId: 'press-2', duration: 12 }] };
const bend: Operation = { id: 'JO-1.bend', alternatives: [{ workUnitId: 'press-2', duration: 5 }] };
const jo1: Job = { id: 'JO-1', release: 0, due: 100, weight: 2, operations: [cut, bend] };
const jo2: Job = {
  id: 'JO-2',
  operations: [
    { id: 'JO-2.a', alternatives: [{ workUnitId: 'press-1', duration: 4 }] },
    { id: 'JO-2.b', alternatives: [{ workUnitId: 'press-2', duration: 4 }], after: [] },
    { id: 'JO-2.c', alternatives: [{ workUnitId: 'press-1', duration: 4 }], after: ['JO-2.a', 'JO-2.b'] },
  ],
};
const plant: SchedulingProblem = {
  start: 0,
  workUnits: [{ id: 'press-1', unavailable: [{ from: 50, to: 60 }] }, { id: 'press-2', initialSetupFamily: 'steel' }],
  jobs: [jo1, jo2],
  weights: { makespan: 1, tardiness: 10 },
};

const withJobs = (...jobs: Job[]): SchedulingProblem => ({ ...plant, jobs });
const withCut = (changes: Partial<Operation>): SchedulingProblem => withJobs({ ...jo1, operations: [{ ...cut, ...changes }, bend] }, jo2);
const withJo2After = (after: Record<string, string[]>): SchedulingProblem =>
  withJobs(jo1, { ...jo2, operations: jo2.operations.map((operation) => (after[operation.id] ? { ...operation, after: after[operation.id] } : operation)) });

describe('validateProblem', () => {
  it('given a flexible problem with setups, windows, a DAG and frozen work in order, when validated, then it passes', () => {
    expect(() => validateProblem({ ...plant, frozen: [{ operationId: 'JO-1.cut', workUnitId: 'press-1', start: -5, end: 7 }] })).not.toThrow();
  });

  it('given several faults, when validated, then one error with code INVALID_SCHEDULING_PROBLEM lists every one of them', () => {
    const faulty: SchedulingProblem = { ...withCut({ alternatives: [{ workUnitId: 'lathe-9', duration: 0 }] }), start: Number.NaN };
    let thrown: unknown;
    try {
      validateProblem(faulty);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidSchedulingProblem);
    expect(thrown).toMatchObject({
      code: 'INVALID_SCHEDULING_PROBLEM',
      problems: [
        'the problem start must be a finite number, not NaN',
        'job "JO-1" operation "JO-1.cut" names work unit "lathe-9", which is not in the problem',
        'job "JO-1" operation "JO-1.cut" on work unit "lathe-9": duration must be a positive whole number, not 0',
      ],
    });
    expect((thrown as Error).message).toContain('work unit "lathe-9", which is not in the problem');
  });

  describe('given ids', () => {
    it('when a job id repeats, then the job is named', () => {
      expect(problemsOf(withJobs(jo1, { ...jo2, id: 'JO-1' }))).toEqual(['job "JO-1" is defined more than once']);
    });

    it('when an operation id repeats in another job, then the operation is named', () => {
      expect(problemsOf(withJobs(jo1, { ...jo2, operations: [{ ...cut, after: [] }] }))).toEqual(['operation "JO-1.cut" is defined more than once (operation ids are unique over the whole problem)']);
    });

    it('when a work unit id repeats, then the unit is named', () => {
      expect(problemsOf({ ...plant, workUnits: [...plant.workUnits, { id: 'press-2' }] })).toEqual(['work unit "press-2" is defined more than once']);
    });
  });

  describe('given alternatives', () => {
    it.each([
      ['an unknown work unit', { alternatives: [{ workUnitId: 'press-7', duration: 10 }] }, 'job "JO-1" operation "JO-1.cut" names work unit "press-7", which is not in the problem'],
      ['no alternative', { alternatives: [] }, 'job "JO-1" operation "JO-1.cut" has no alternative: no work unit can run it'],
      ['the same unit twice', { alternatives: [{ workUnitId: 'press-1', duration: 10 }, { workUnitId: 'press-1', duration: 9 }] }, 'job "JO-1" operation "JO-1.cut" lists work unit "press-1" more than once'],
      ['a zero duration', { alternatives: [{ workUnitId: 'press-1', duration: 0 }] }, 'job "JO-1" operation "JO-1.cut" on work unit "press-1": duration must be a positive whole number, not 0'],
      ['a fractional duration', { alternatives: [{ workUnitId: 'press-1', duration: 2.5 }] }, 'job "JO-1" operation "JO-1.cut" on work unit "press-1": duration must be a positive whole number, not 2.5'],
      ['an infinite duration', { alternatives: [{ workUnitId: 'press-1', duration: Infinity }] }, 'job "JO-1" operation "JO-1.cut" on work unit "press-1": duration must be a positive whole number, not Infinity'],
      ['a negative setup', { alternatives: [{ workUnitId: 'press-1', duration: 3, setup: -1 }] }, 'job "JO-1" operation "JO-1.cut" on work unit "press-1": setup must be a whole number, zero or more, not -1'],
      ['a fractional setup', { alternatives: [{ workUnitId: 'press-1', duration: 3, setup: 0.5 }] }, 'job "JO-1" operation "JO-1.cut" on work unit "press-1": setup must be a whole number, zero or more, not 0.5'],
    ])('when an operation has %s, then it is named with the rule', (_case, changes, problem) => {
      expect(problemsOf(withCut(changes))).toEqual([problem]);
    });
  });

  describe('given precedence', () => {
    it('when after names an operation of another job, then both are named', () => {
      expect(problemsOf(withJo2After({ 'JO-2.c': ['JO-2.a', 'JO-1.cut'] }))).toEqual(['job "JO-2" operation "JO-2.c" must come after "JO-1.cut", which is not an operation of the same job']);
    });

    it('when after names an operation that does not exist, then it is named', () => {
      expect(problemsOf(withJo2After({ 'JO-2.c': ['JO-2.z'] }))).toEqual(['job "JO-2" operation "JO-2.c" must come after "JO-2.z", which is not an operation of the same job']);
    });

    it('when an operation comes after itself, then it is named', () => {
      expect(problemsOf(withJo2After({ 'JO-2.c': ['JO-2.c'] }))).toEqual(['job "JO-2" operation "JO-2.c" names itself in after']);
    });

    it('when precedence goes round in a loop, then the cycle is named once, in running order', () => {
      expect(problemsOf(withJo2After({ 'JO-2.a': ['JO-2.c'] }))).toEqual(['job "JO-2": operations "JO-2.a" → "JO-2.c" → "JO-2.a" form a precedence cycle']);
    });

    it('when an explicit after closes a loop through the implicit routing, then the cycle is named', () => {
      expect(problemsOf(withJobs({ ...jo1, operations: [{ ...cut, after: ['JO-1.bend'] }, bend] }, jo2))).toEqual([
        'job "JO-1": operations "JO-1.cut" → "JO-1.bend" → "JO-1.cut" form a precedence cycle',
      ]);
    });
  });

  describe('given times and weights', () => {
    it('when an unavailability window ends where it begins, then the unit and window are named', () => {
      expect(problemsOf({ ...plant, workUnits: [{ id: 'press-1', unavailable: [{ from: 50, to: 60 }, { from: 70, to: 70 }] }, { id: 'press-2' }] })).toEqual([
        'work unit "press-1" unavailability window 2 must end after it begins, not [70, 70)',
      ]);
    });

    it('when a window ends before it begins, then it is named', () => {
      expect(problemsOf({ ...plant, workUnits: [{ id: 'press-1', unavailable: [{ from: 60, to: 50 }] }, { id: 'press-2' }] })).toEqual([
        'work unit "press-1" unavailability window 1 must end after it begins, not [60, 50)',
      ]);
    });

    it.each([
      ['release', { release: Infinity }, 'job "JO-1" release must be a finite number, not Infinity'],
      ['due date', { due: Number.NaN }, 'job "JO-1" due date must be a finite number, not NaN'],
      ['due date', { due: 10.5 }, 'job "JO-1" due date must be a whole number, not 10.5'],
      ['weight', { weight: -1 }, 'job "JO-1" weight must not be negative, not -1'],
      ['weight', { weight: Infinity }, 'job "JO-1" weight must be a finite number, not Infinity'],
    ])('when a job %s is out of range, then the job is named', (_field, changes, problem) => {
      expect(problemsOf(withJobs({ ...jo1, ...changes }, jo2))).toEqual([problem]);
    });

    it('when an objective weight is negative or not finite, then each is named', () => {
      expect(problemsOf({ ...plant, weights: { makespan: -1, tardiness: Infinity } })).toEqual([
        'the objective weight makespan must not be negative, not -1',
        'the objective weight tardiness must be a finite number, not Infinity',
      ]);
    });

    it('when a job has no operation, then it is named', () => {
      expect(problemsOf(withJobs(jo1, jo2, { id: 'JO-3', operations: [] }))).toEqual(['job "JO-3" has no operation']);
    });

    it('when a baseline time is not finite or an operation repeats in it, then it is named', () => {
      const entry = { operationId: 'JO-2.a', jobId: 'JO-2', workUnitId: 'press-1', setupStart: 0, start: 0, end: 4 };
      expect(problemsOf({ ...plant, baseline: [entry, { ...entry, end: Number.NaN }] })).toEqual([
        'baseline operation "JO-2.a" is listed more than once',
        'baseline operation "JO-2.a" end must be a finite number, not NaN',
      ]);
    });
  });

  describe('given frozen operations', () => {
    const frozenCut = { operationId: 'JO-1.cut', workUnitId: 'press-1', start: 0, end: 10 };
    const frozenBend = { operationId: 'JO-1.bend', workUnitId: 'press-2', start: 10, end: 15 };

    it.each([
      ['an unknown operation', [{ ...frozenCut, operationId: 'JO-9.cut' }], 'frozen operation "JO-9.cut" is not an operation of the problem'],
      ['a unit it has no alternative for', [{ ...frozenBend, operationId: 'JO-2.b', workUnitId: 'press-1' }], 'frozen operation "JO-2.b" is on work unit "press-1", which is not one of its alternatives'],
      ['an end at its start', [{ ...frozenCut, end: 0 }], 'frozen operation "JO-1.cut" must end after it starts, not [0, 0)'],
      ['a start that is not finite', [{ ...frozenCut, start: -Infinity }], 'frozen operation "JO-1.cut" start must be a finite number, not -Infinity'],
      ['the same operation twice', [frozenCut, { ...frozenCut, start: 20, end: 30 }], 'frozen operation "JO-1.cut" is frozen more than once'],
      ['a predecessor that is not frozen', [frozenBend], 'frozen operation "JO-1.bend" comes after "JO-1.cut", which is not frozen: what precedes a frozen operation must be frozen too, or left out as done'],
      ['a start before its frozen predecessor ends', [frozenCut, { ...frozenBend, start: 8 }], 'frozen operation "JO-1.bend" starts at 8, before its predecessor "JO-1.cut" ends at 10'],
      [
        'an overlap with another frozen operation on the unit',
        [frozenCut, { operationId: 'JO-2.a', workUnitId: 'press-1', start: 9, end: 13 }],
        'frozen operations "JO-1.cut" [0, 10) and "JO-2.a" [9, 13) overlap on work unit "press-1"',
      ],
    ])('when one has %s, then it is named', (_case, frozen, problem) => {
      expect(problemsOf({ ...plant, frozen })).toEqual([problem]);
    });

    it('when the predecessor is left out as done, then a frozen operation without it passes', () => {
      expect(problemsOf({ ...withJobs({ ...jo1, operations: [bend] }, jo2), frozen: [frozenBend] })).toEqual([]);
    });

    it('when frozen operations touch end to start on a unit, or sit inside a window, then they pass', () => {
      expect(problemsOf({ ...plant, frozen: [frozenCut, { operationId: 'JO-2.a', workUnitId: 'press-1', start: 10, end: 55 }, frozenBend] })).toEqual([]);
    });
  });
});
