import { checkFeasibility } from '../feasibility/check-feasibility';
import type { SchedulingProblem } from '../problem';
import { InvalidSequences, timetable } from './timetable';

/** Two jobs through a saw then a mill; the mill needs a setup between families. */
const shop: SchedulingProblem = {
  start: 0,
  workUnits: [{ id: 'saw' }, { id: 'mill', initialSetupFamily: 'steel' }],
  frozen: [{ operationId: 'X.saw', workUnitId: 'saw', start: 0, end: 2 }],
  jobs: [
    { id: 'X', operations: [{ id: 'X.saw', alternatives: [{ workUnitId: 'saw', duration: 2 }] }] },
    {
      id: 'A',
      operations: [
        { id: 'A.saw', alternatives: [{ workUnitId: 'saw', duration: 4 }] },
        { id: 'A.mill', setupFamily: 'steel', alternatives: [{ workUnitId: 'mill', duration: 5, setup: 2 }] },
      ],
    },
    {
      id: 'B',
      operations: [
        { id: 'B.saw', alternatives: [{ workUnitId: 'saw', duration: 3 }] },
        { id: 'B.mill', setupFamily: 'alu', alternatives: [{ workUnitId: 'mill', duration: 2, setup: 2 }] },
      ],
    },
  ],
};

describe('timetable', () => {
  it('given hand-made sequences, when timed, then each operation starts as early as its unit and job allow', () => {
    const solution = timetable(shop, { saw: ['X.saw', 'B.saw', 'A.saw'], mill: ['B.mill', 'A.mill'] });
    const byId = Object.fromEntries(solution.operations.map((o) => [o.operationId, o]));
    expect(byId['X.saw']).toMatchObject({ start: 0, end: 2 });
    expect(byId['B.saw']).toMatchObject({ start: 2, end: 5 });
    expect(byId['A.saw']).toMatchObject({ start: 5, end: 9 });
    // alu after the initial steel: setup 2, anticipated while B is still on the saw.
    expect(byId['B.mill']).toMatchObject({ setupStart: 3, start: 5, end: 7 });
    // steel after alu: setup again, right after B.mill.
    expect(byId['A.mill']).toMatchObject({ setupStart: 7, start: 9, end: 14 });
    expect(solution.makespan).toBe(14);
    expect(checkFeasibility(shop, solution.operations)).toEqual([]);
  });

  it('given sequences that contradict the routing, when timed, then it throws naming the operations', () => {
    const twoStep: SchedulingProblem = {
      start: 0,
      workUnits: [{ id: 'cell' }],
      jobs: [
        {
          id: 'J',
          operations: [
            { id: 'J.1', alternatives: [{ workUnitId: 'cell', duration: 1 }] },
            { id: 'J.2', alternatives: [{ workUnitId: 'cell', duration: 1 }] },
          ],
        },
      ],
    };
    expect(() => timetable(twoStep, { cell: ['J.2', 'J.1'] })).toThrow(/cycle.*J\.2, J\.1|cycle.*J\.1, J\.2/);
  });

  it('given an operation on a unit it cannot use or left out, when timed, then it throws saying so', () => {
    const call = (): unknown => timetable(shop, { saw: ['A.saw', 'B.mill'], mill: ['A.mill'] });
    expect(call).toThrow(InvalidSequences);
    expect(call).toThrow(/B\.mill cannot run on saw.*not sequenced: B\.saw/);
  });
});
