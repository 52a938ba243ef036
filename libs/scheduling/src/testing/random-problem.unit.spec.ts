import { InvalidSchedulingProblem } from '../errors';
import type { Operation, SchedulingProblem } from '../problem';
import { validateProblem } from '../validation/validate-problem';
import { randomProblem } from './random-problem';

const cases = Array.from({ length: 240 }, (_, i) => ({ seed: 7000 + i, problem: randomProblem(7000 + i) }));

function problemsOf(problem: SchedulingProblem): string[] {
  try {
    validateProblem(problem);
    return [];
  } catch (error) {
    return error instanceof InvalidSchedulingProblem ? error.problems : [String(error)];
  }
}

describe('randomProblem', () => {
  it('given a seed, when called twice, then it makes the same problem, and another seed makes another', () => {
    expect(randomProblem(42)).toEqual(randomProblem(42));
    expect(randomProblem(43)).not.toEqual(randomProblem(42));
  });

  it('given the generator, when it makes the problems, then each is valid and together they reach every rule of the model', () => {
    for (const { seed, problem } of cases) expect({ seed, problems: problemsOf(problem) }).toEqual({ seed, problems: [] });
    const count = (has: (problem: SchedulingProblem) => boolean): number => cases.filter(({ problem }) => has(problem)).length;
    const operations = (problem: SchedulingProblem): Operation[] => problem.jobs.flatMap((job) => [...job.operations]);
    expect({
      frozen: count((p) => (p.frozen ?? []).length > 0) > 20,
      frozenBeforeStart: count((p) => (p.frozen ?? []).some((f) => f.start < p.start)) > 10,
      baseline: count((p) => (p.baseline ?? []).length > 0) > 20,
      windows: count((p) => p.workUnits.some((u) => (u.unavailable ?? []).length > 0)) > 50,
      setups: count((p) => operations(p).some((o) => o.alternatives.some((a) => (a.setup ?? 0) > 0))) > 50,
      dags: count((p) => operations(p).some((o) => (o.after ?? []).length > 1)) > 20,
      flexible: count((p) => operations(p).some((o) => o.alternatives.length > 2)) > 50,
      releases: count((p) => p.jobs.some((j) => j.release !== undefined)) > 50,
      dueDates: count((p) => p.jobs.some((j) => j.due !== undefined)) > 50,
      listedOutOfOrder: count((p) => p.jobs.some((j) => j.operations.some((o, k) => o.id !== `${j.id}.${k + 1}`))) > 20,
    }).toEqual({ frozen: true, frozenBeforeStart: true, baseline: true, windows: true, setups: true, dags: true, flexible: true, releases: true, dueDates: true, listedOutOfOrder: true });
  });

});
