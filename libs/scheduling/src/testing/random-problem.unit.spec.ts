import type { Operation, SchedulingProblem, TimeWindow } from '../problem';
import { randomProblem } from './random-problem';
import { problemsOf } from './problems-of';

const cases = Array.from({ length: 240 }, (_, i) => ({ seed: 7000 + i, problem: randomProblem(7000 + i) }));

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

  it('given the generator, when it makes the problems, then some units work shifts: breaks, touching shifts, days off and calendars that end early', () => {
    const calendars = cases.flatMap(({ problem }) => problem.workUnits.flatMap((unit) => (unit.workingTime ? [{ problem, workingTime: unit.workingTime }] : [])));
    const problems = new Set(calendars.map(({ problem }) => problem));
    const gaps = (workingTime: readonly TimeWindow[]): number[] => workingTime.slice(1).map((interval, i) => interval.from - (workingTime[i]?.to ?? interval.from));
    expect({
      problems: problems.size > 50,
      withoutCalendars: cases.length - problems.size > 100,
      shortBreaks: calendars.filter(({ workingTime }) => gaps(workingTime).some((gap) => gap > 0 && gap <= 2)).length > 10,
      touching: calendars.filter(({ workingTime }) => gaps(workingTime).some((gap) => gap === 0)).length > 10,
      endingEarly: calendars.filter(({ problem, workingTime }) => (workingTime[workingTime.length - 1]?.to ?? Infinity) < problem.start + 100).length > 10,
    }).toEqual({ problems: true, withoutCalendars: true, shortBreaks: true, touching: true, endingEarly: true });
  });
});
