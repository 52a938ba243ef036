import type { ScheduledOperation, SchedulingProblem } from '../problem';
import { checkFeasibility } from './check-feasibility';

/** Hours: the lathe works 06–10 and 11–14 on day 0, then 30–34 on day 1; from 34 on, round the clock. */
const plant: SchedulingProblem = {
  start: 0,
  workUnits: [{ id: 'lathe', workingTime: [{ from: 6, to: 10 }, { from: 11, to: 14 }, { from: 30, to: 34 }] }],
  jobs: [
    { id: 'A', operations: [{ id: 'A1', setupFamily: 'steel', alternatives: [{ workUnitId: 'lathe', duration: 6 }] }] },
    { id: 'B', operations: [{ id: 'B1', setupFamily: 'alu', alternatives: [{ workUnitId: 'lathe', duration: 3, setup: 2 }] }] },
  ],
};
const op = (operationId: string, setupStart: number, start: number, end: number): ScheduledOperation => ({ operationId, jobId: operationId.slice(0, 1), workUnitId: 'lathe', setupStart, start, end });
// A: 06–10, the break, 11–13. B: set up 13–14, then overnight to 30–31, runs 31–34: a night in the middle.
const a = op('A1', 6, 6, 13);
const b = op('B1', 13, 31, 34);

describe('checkFeasibility, on a unit with working time', () => {
  it('given operations and a setup that pause over a break and a night, when checked, then there is no violation', () => {
    expect(checkFeasibility(plant, [a, b])).toEqual([]);
  });

  it('given a schedule that ignores the pauses, when checked, then the working time is broken and the right end is named', () => {
    expect(checkFeasibility(plant, [op('A1', 6, 6, 12), b])).toEqual([
      { kind: 'working-time', operationId: 'A1', message: 'operation "A1" takes 6 of working time on work unit "lathe", so from its start at 6 it ends at 13 (pauses included), not at 12' },
    ]);
  });

  it('given an operation that starts in a pause, when checked, then the next working time is named', () => {
    // From 20 it waits for 30 and works 30–34, then round the clock after the calendar: 36 is the right end.
    expect(checkFeasibility(plant, [op('A1', 20, 20, 36), op('B1', 40, 42, 45)])).toEqual([
      { kind: 'working-time', operationId: 'A1', message: 'operation "A1" starts at 20, outside the working time of work unit "lathe" (it works next from 30)' },
    ]);
  });

  it('given a setup counted in hours of the clock across the night, when checked, then it must start where its working time says', () => {
    expect(checkFeasibility(plant, [a, op('B1', 29, 31, 34)])).toEqual([
      { kind: 'setup', operationId: 'B1', message: 'operation "B1" needs a setup of 2 on work unit "lathe" after "A1" (family "steel" to "alu"), so its setup must start at 13, not at 29' },
      { kind: 'working-time', operationId: 'B1', message: 'operation "B1" is set up from 29, outside the working time of work unit "lathe" (it works next from 30)' },
    ]);
  });

  it('given an operation after the calendar ends, when checked, then the unit is taken to work round the clock', () => {
    expect(checkFeasibility(plant, [a, op('B1', 40, 42, 45)])).toEqual([]);
  });

  it('given a frozen operation in a pause, when checked, then it is a fact and exempt', () => {
    const frozen: SchedulingProblem = { ...plant, frozen: [{ operationId: 'A1', workUnitId: 'lathe', start: 2, end: 9 }] };
    // B: set up 9–10 and 11–12, runs 12–14 and, after the night, 30–31.
    expect(checkFeasibility(frozen, [op('A1', 2, 2, 9), op('B1', 9, 12, 31)])).toEqual([]);
  });
});
