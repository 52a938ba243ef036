import { checkFeasibility } from '../feasibility/check-feasibility';
import { InvalidSchedulingProblem } from '../errors';
import { randomProblem } from '../testing/random-problem';
import { Scheduler } from './scheduler';

describe('Scheduler', () => {
  it('given a problem, when created, then a feasible best is there before any search', () => {
    const problem = randomProblem(11, { maxJobs: 8 });
    const scheduler = new Scheduler(problem, { seed: 1 });
    expect(checkFeasibility(problem, scheduler.best.operations)).toEqual([]);
  });

  it('given slices of search, when improve says it improved, then the best cost went down, else it stayed', () => {
    const problem = randomProblem(5, { maxJobs: 8, maxUnits: 3, maxOperationsPerJob: 5 });
    const scheduler = new Scheduler(problem, { seed: 2 });
    let cost = scheduler.best.cost;
    for (let slice = 0; slice < 5; slice++) {
      const improved = scheduler.improve(20);
      const next = scheduler.best.cost;
      expect(improved ? next < cost : next === cost).toBe(true);
      cost = next;
      expect(checkFeasibility(problem, scheduler.best.operations)).toEqual([]);
    }
  });

  it('given an invalid problem, when created, then it refuses with the validation error', () => {
    const problem = { start: 0, workUnits: [], jobs: [{ id: 'J', operations: [{ id: 'J.1', alternatives: [{ workUnitId: 'nowhere', duration: 1 }] }] }] };
    expect(() => new Scheduler(problem)).toThrow(InvalidSchedulingProblem);
  });
});
