import { checkFeasibility } from '../feasibility/check-feasibility';
import type { ScheduledOperation, SchedulingProblem } from '../problem';
import { solve } from '../solver';
import { validateProblem } from '../validation/validate-problem';
import { parseJsspCliArguments } from './cli-arguments';
import { InvalidJsspInstance, parseJsspInstance, type JsspInstance } from './jssp-instance';
import { jsspProblem, jsspResult } from './jssp-problem';

/** ft06 (Fisher & Thompson 1963) as in the benchmark set; its optimum is 55. */
const FT06 = `6 6
2 1 0 3 1 6 3 7 5 3 4 6
1 8 2 5 4 10 5 10 0 10 3 4
2 5 3 4 5 8 0 9 1 1 4 7
1 5 0 5 2 5 3 3 4 8 5 9
2 9 1 3 4 5 5 4 0 3 3 1
1 3 3 3 5 9 0 10 4 4 2 1
`;

/** Each job in turn, each operation as early as its machine and its job allow: feasible, far from optimal. */
function serialSchedule(instance: JsspInstance): ScheduledOperation[] {
  const machineFree = new Array<number>(instance.machines).fill(0);
  const operations: ScheduledOperation[] = [];
  instance.routings.forEach((routing, j) => {
    let jobFree = 0;
    routing.forEach(({ machine, duration }, k) => {
      if (duration === 0) return;
      const start = Math.max(jobFree, machineFree[machine] ?? 0);
      operations.push({ operationId: `J${j}.${k}`, jobId: `J${j}`, workUnitId: `M${machine}`, setupStart: start, start, end: start + duration });
      jobFree = machineFree[machine] = start + duration;
    });
  });
  return operations;
}

const parseError = (text: string): string => {
  try {
    parseJsspInstance(text, 'bad');
  } catch (error) {
    if (error instanceof InvalidJsspInstance) return error.message;
    throw error;
  }
  throw new Error('parsed');
};

describe('parseJsspInstance', () => {
  it('given ft06, when parsed, then it has 6 jobs over 6 machines with their routes in order', () => {
    const instance = parseJsspInstance(FT06, 'ft06');
    expect({ name: instance.name, jobs: instance.jobs, machines: instance.machines, count: instance.routings.length }).toEqual({ name: 'ft06', jobs: 6, machines: 6, count: 6 });
    expect(instance.routings[0]).toEqual([
      { machine: 2, duration: 1 },
      { machine: 0, duration: 3 },
      { machine: 1, duration: 6 },
      { machine: 3, duration: 7 },
      { machine: 5, duration: 3 },
      { machine: 4, duration: 6 },
    ]);
    expect(instance.routings[5]?.[5]).toEqual({ machine: 2, duration: 1 });
  });

  it('given Windows line ends, JSPLIB comment lines and blank lines, when parsed, then they are skipped', () => {
    const text = `# instance ft06\r\n# Fisher and Thompson\r\n\r\n${FT06.replace(/\n/g, '\r\n')}\r\n\r\n`;
    expect(parseJsspInstance(text, 'ft06')).toEqual(parseJsspInstance(FT06, 'ft06'));
  });

  it.each([
    ['an empty text', '', 'bad line 1: the instance is empty; expected "jobs machines"'],
    ['a header of one number', '2\n0 1\n0 1\n', 'bad line 1: expected two numbers "jobs machines", found 1'],
    ['a header with no machine', '1 0\n\n', 'bad line 1: needs at least one job and one machine, not 1 and 0'],
    ['a word where a number belongs', '2 2\n0 1 1 x\n1 2 0 2\n', 'bad line 2 (job 0): "x" is not a whole number'],
    ['a negative duration', '2 2\n0 1 1 2\n1 -2 0 2\n', 'bad line 3 (job 1): "-2" is not a whole number'],
    ['a job line one number short', '2 2\n0 1 1 2\n1 2 0\n', 'bad line 3 (job 1): expected 4 numbers (2 pairs "machine duration"), found 3'],
    ['a machine out of range', '2 2\n0 1 2 2\n1 2 0 2\n', 'bad line 2 (job 0): machine 2 does not exist (machines are numbered 0 to 1)'],
    ['a missing job line', '3 2\n0 1 1 2\n1 2 0 2\n', 'bad line 1: announces 3 jobs, but 2 job line(s) follow'],
    ['an extra line', '1 2\n0 1 1 2\n1 2 0 2\n', 'bad line 3: unexpected content after the 1 job lines'],
  ])('given %s, when parsed, then the error names the line', (_case, text, message) => {
    expect(parseError(text)).toBe(message);
  });
});

describe('jsspProblem and jsspResult', () => {
  const instance = parseJsspInstance(FT06, 'ft06');
  const problem: SchedulingProblem = jsspProblem(instance);

  it('given ft06, when turned into a problem, then it is a valid chain per job with one machine each and makespan only', () => {
    expect(() => validateProblem(problem)).not.toThrow();
    expect(problem.workUnits.map((unit) => unit.id)).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5']);
    expect(problem.jobs.map((job) => job.id)).toEqual(['J0', 'J1', 'J2', 'J3', 'J4', 'J5']);
    expect(problem.jobs[1]?.operations[2]).toEqual({ id: 'J1.2', alternatives: [{ workUnitId: 'M4', duration: 10 }] });
    expect(problem.start).toBe(0);
    expect(problem.weights).toEqual({ makespan: 1, tardiness: 0, stability: 0, reassignment: 0 });
  });

  it('given a schedule of that problem, when turned back, then every operation is at its job, index and machine, sorted, with the makespan', () => {
    const schedule = serialSchedule(instance);
    expect(checkFeasibility(problem, schedule)).toEqual([]);
    // Given in reverse, so the order of the result comes from jsspResult, not from the input.
    const result = jsspResult(instance, { operations: [...schedule].reverse() });
    expect(result.operations.map(({ job, index }) => [job, index])).toEqual(instance.routings.flatMap((routing, j) => routing.map((_, k) => [j, k])));
    // J1.0 waits on M1 for J0.2 until 10, so J1.1 runs on M2 over [18, 23).
    expect(result.operations[7]).toEqual({ job: 1, index: 1, machine: 2, start: 18, end: 23 });
    expect(result.makespan).toBe(Math.max(...schedule.map((operation) => operation.end)));
    expect(result.operations.every(({ job, index, machine }) => instance.routings[job]?.[index]?.machine === machine)).toBe(true);
  });

  it('given ft06 solved with a small budget, when turned back, then it is feasible, at or above the optimum 55, with the solver’s makespan', () => {
    const solved = solve(problem, { timeLimitMs: 2_000, maxIterations: 200, seed: 1 });
    expect(checkFeasibility(problem, solved.operations)).toEqual([]);
    const result = jsspResult(instance, solved);
    expect(result.makespan).toBe(solved.makespan);
    expect(result.makespan).toBeGreaterThanOrEqual(55);
    expect(result.operations).toHaveLength(36);
  });

  it('given an operation of duration 0, when solved and turned back, then it is left out of the problem and put back at its predecessor’s end', () => {
    const withZero = parseJsspInstance('2 2\n0 3 1 0\n1 2 0 4\n', 'zero');
    const zeroProblem = jsspProblem(withZero);
    expect(zeroProblem.jobs[0]?.operations.map((operation) => operation.id)).toEqual(['J0.0']);
    const result = jsspResult(withZero, { operations: serialSchedule(withZero) });
    expect(result.operations[1]).toEqual({ job: 0, index: 1, machine: 1, start: 3, end: 3 });
  });

  it('given a solution that lacks an operation or moves one to another machine, when turned back, then it is refused', () => {
    const schedule = serialSchedule(instance);
    expect(() => jsspResult(instance, { operations: schedule.slice(1) })).toThrow('ft06: operation J0.0 is not in the solution');
    const moved = schedule.map((operation) => (operation.operationId === 'J0.0' ? { ...operation, workUnitId: 'M5' } : operation));
    expect(() => jsspResult(instance, { operations: moved })).toThrow('ft06: operation J0.0 runs on M5, not on M2');
  });
});

describe('parseJsspCliArguments', () => {
  it('given a file, a time limit and a seed in any order, when parsed, then all three are read', () => {
    expect(parseJsspCliArguments(['--seed', '7', 'ft06.txt', '--time-limit', '0.5'])).toEqual({ instanceFile: 'ft06.txt', timeLimitSeconds: 0.5, seed: 7 });
    expect(parseJsspCliArguments(['ft06.txt', '--time-limit', '2'])).toEqual({ instanceFile: 'ft06.txt', timeLimitSeconds: 2, seed: undefined });
  });

  it.each([
    [['--time-limit', '1'], 'no instance file'],
    [['ft06.txt'], 'no --time-limit'],
    [['ft06.txt', '--time-limit'], '--time-limit needs a number of seconds above 0, not nothing'],
    [['ft06.txt', '--time-limit', '0'], '--time-limit needs a number of seconds above 0, not 0'],
    [['ft06.txt', '--time-limit', '1', '--seed', '1.5'], '--seed needs a whole number, not 1.5'],
    [['ft06.txt', '--time-limit', '1', '--verbose'], 'unknown option --verbose'],
    [['ft06.txt', 'ft10.txt', '--time-limit', '1'], 'one instance file only, not also ft10.txt'],
  ])('given %j, when parsed, then it is refused', (argv, message) => {
    expect(() => parseJsspCliArguments(argv)).toThrow(message);
  });
});
