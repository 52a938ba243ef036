import type { SchedulingProblem, TimeWindow } from '../problem';
import { problemsOf } from '../testing/problems-of';

const withWorkingTime = (workingTime: readonly TimeWindow[]): SchedulingProblem => ({
  start: 0,
  workUnits: [{ id: 'lathe', workingTime }, { id: 'saw' }],
  jobs: [{ id: 'A', operations: [{ id: 'A1', alternatives: [{ workUnitId: 'lathe', duration: 5 }] }] }],
});

describe('validateProblem, given working time', () => {
  it('when its intervals are sorted, apart or touching, then it passes', () => {
    expect(problemsOf(withWorkingTime([{ from: 6, to: 10 }, { from: 11, to: 14 }, { from: 14, to: 22 }]))).toEqual([]);
  });

  it('when two intervals overlap, then both are named with the unit', () => {
    expect(problemsOf(withWorkingTime([{ from: 6, to: 14 }, { from: 12, to: 22 }]))).toEqual([
      'work unit "lathe" working time interval 2 [12, 22) overlaps interval 1 [6, 14): working time must be sorted and not overlap',
    ]);
  });

  it('when the intervals are out of order, then it is refused', () => {
    expect(problemsOf(withWorkingTime([{ from: 14, to: 22 }, { from: 6, to: 14 }]))).toEqual([
      'work unit "lathe" working time interval 2 [6, 14) is out of order after interval 1 [14, 22): working time must be sorted and not overlap',
    ]);
  });

  it('when an interval ends before it begins or is not whole, then each is named', () => {
    expect(problemsOf(withWorkingTime([{ from: 6, to: 6 }, { from: 8.5, to: 9 }, { from: 10, to: Infinity }]))).toEqual([
      'work unit "lathe" working time interval 1 must end after it begins, not [6, 6)',
      'work unit "lathe" working time interval 2 from must be a whole number, not 8.5',
      'work unit "lathe" working time interval 3 to must be a finite number, not Infinity',
    ]);
  });

  it('when it is empty, then it is refused rather than guessed', () => {
    expect(problemsOf(withWorkingTime([]))).toEqual(['work unit "lathe" working time is empty: omit it for a unit that works round the clock']);
  });
});
