import { clipSpan, ganttData, hatchLines, operationKey, operationLabel, scheduleCounts } from './gantt-data';
import type { ScheduledOperation, WorkSchedule } from './schedule-queries';

const at = (time: string): number => Date.parse(`2026-11-02T${time}:00Z`);
const iso = (time: string): string => `2026-11-02T${time}:00Z`;

function operation(jobOrderId: string, segmentId: string, workUnitId: string, setupStart: string, start: string, end: string, extra: Partial<ScheduledOperation> = {}): ScheduledOperation {
  return {
    jobOrderId,
    segmentId,
    workUnitId,
    setupStart: iso(setupStart),
    start: iso(start),
    end: iso(end),
    locked: false,
    revision: 1,
    productId: null,
    priority: null,
    dueAt: null,
    late: false,
    ...extra,
  };
}

function schedule(overrides: Partial<WorkSchedule> = {}): WorkSchedule {
  return {
    scope: 'line-1',
    siteId: 'site',
    revision: 2,
    revisedAt: iso('05:00'),
    from: iso('06:00'),
    to: iso('18:00'),
    workUnitIds: ['lathe', 'mill'],
    operations: [],
    unavailable: [],
    ...overrides,
  };
}

const names = new Map([
  ['lathe', 'Lathe 1'],
  ['mill', 'Mill 1'],
]);

describe('the Gantt rows', () => {
  it('has a row per work unit in the order the gateway gives, named when the name is known', () => {
    expect(ganttData(schedule({ workUnitIds: ['mill', 'lathe', 'deburr'] }), names).rows).toEqual([
      { workUnitId: 'mill', name: 'Mill 1' },
      { workUnitId: 'lathe', name: 'Lathe 1' },
      { workUnitId: 'deburr', name: 'deburr' },
    ]);
  });

  it('adds a row at the end for a unit with work that is not among the rows, once', () => {
    const data = ganttData(
      schedule({
        operations: [operation('jo-1', '10', 'press', '07:00', '07:00', '08:00')],
        unavailable: [{ workUnitId: 'press', from: iso('09:00'), to: iso('10:00'), kind: 'Breakdown', reason: 'JAM' }],
      }),
      names,
    );
    expect(data.rows.map((row) => row.workUnitId)).toEqual(['lathe', 'mill', 'press']);
    expect(data.bars[0]?.row).toBe(2);
    expect(data.bands[0]?.row).toBe(2);
  });
});

describe('the Gantt bars', () => {
  it('puts each operation on its unit row, with its setup, by row then start', () => {
    const data = ganttData(
      schedule({
        operations: [
          operation('jo-2', '10', 'mill', '08:00', '08:30', '10:00', { locked: true }),
          operation('jo-1', '20', 'lathe', '11:00', '11:00', '12:00'),
          operation('jo-1', '10', 'lathe', '06:30', '07:00', '09:00', { late: true }),
        ],
      }),
      names,
    );
    expect(data.from).toBe(at('06:00'));
    expect(data.to).toBe(at('18:00'));
    expect(data.bars.map((bar) => [bar.key, bar.label, bar.row, bar.setupStart, bar.start, bar.end])).toEqual([
      ['jo-1/10', 'jo-1 / 10', 0, at('06:30'), at('07:00'), at('09:00')],
      ['jo-1/20', 'jo-1 / 20', 0, at('11:00'), at('11:00'), at('12:00')],
      ['jo-2/10', 'jo-2 / 10', 1, at('08:00'), at('08:30'), at('10:00')],
    ]);
    expect(data.bars[0]?.operation.late).toBe(true);
    expect(data.bars[2]?.operation.locked).toBe(true);
  });

  it('cuts bars to the range, setup included, and leaves out what is outside it', () => {
    const data = ganttData(
      schedule({
        operations: [
          operation('early', '10', 'lathe', '04:00', '05:00', '07:00'),
          operation('setup-early', '10', 'mill', '05:00', '06:30', '08:00'),
          operation('late', '10', 'lathe', '17:00', '17:30', '20:00'),
          operation('before', '10', 'lathe', '02:00', '03:00', '06:00'),
          operation('after', '10', 'mill', '18:00', '18:00', '19:00'),
        ],
      }),
      names,
    );
    expect(data.bars.map((bar) => [bar.key, bar.setupStart, bar.start, bar.end])).toEqual([
      ['early/10', at('06:00'), at('06:00'), at('07:00')],
      ['late/10', at('17:00'), at('17:30'), at('18:00')],
      ['setup-early/10', at('06:00'), at('06:30'), at('08:00')],
    ]);
  });

  it('reads a setup start after the start (not in the contract) as no setup', () => {
    const [bar] = ganttData(schedule({ operations: [operation('jo', '10', 'lathe', '09:00', '08:00', '10:00')] }), names).bars;
    expect([bar?.setupStart, bar?.start]).toEqual([at('08:00'), at('08:00')]);
  });
});

describe('the Gantt bands', () => {
  it('puts each unavailability on its unit row, cut to the range', () => {
    const data = ganttData(
      schedule({
        unavailable: [
          { workUnitId: 'mill', from: iso('05:00'), to: iso('09:00'), kind: 'Breakdown', reason: 'SPINDLE_OVERHEAT' },
          { workUnitId: 'lathe', from: iso('12:00'), to: iso('14:00'), kind: 'PlannedDowntime', reason: 'Maintenance' },
          { workUnitId: 'lathe', from: iso('18:00'), to: iso('19:00'), kind: 'PlannedDowntime', reason: 'outside' },
        ],
      }),
      names,
    );
    expect(data.bands.map((band) => [band.row, band.unavailability.kind, band.from, band.to])).toEqual([
      [0, 'PlannedDowntime', at('12:00'), at('14:00')],
      [1, 'Breakdown', at('06:00'), at('09:00')],
    ]);
  });
});

describe('helpers', () => {
  it('names an operation by job order and segment', () => {
    expect(operationKey({ jobOrderId: 'jo-7', segmentId: 'turn' })).toBe('jo-7/turn');
    expect(operationLabel({ jobOrderId: 'jo-7', segmentId: 'turn' })).toBe('jo-7 / turn');
  });

  it('cuts a span to a range', () => {
    expect(clipSpan(0, 10, 5, 20)).toEqual({ start: 5, end: 10 });
    expect(clipSpan(0, 5, 5, 20)).toBeNull();
    expect(clipSpan(20, 30, 5, 20)).toBeNull();
  });

  it('hatches a rectangle with diagonals cut to it', () => {
    const lines = hatchLines({ x: 0, y: 0, width: 20, height: 10 }, 10);
    expect(lines).toEqual([
      [0, 10, 10, 0],
      [10, 10, 20, 0],
    ]);
    for (const [x1, y1, x2, y2] of hatchLines({ x: 100, y: 40, width: 37, height: 22 }, 6)) {
      for (const [x, y] of [
        [x1, y1],
        [x2, y2],
      ] as const) {
        expect(x).toBeGreaterThanOrEqual(100);
        expect(x).toBeLessThanOrEqual(137);
        expect(y).toBeGreaterThanOrEqual(40);
        expect(y).toBeLessThanOrEqual(62);
      }
      // 45°: up by as much as it goes right.
      expect(x2 - x1).toBeCloseTo(y1 - y2);
    }
    expect(hatchLines({ x: 0, y: 0, width: 0, height: 10 }, 4)).toEqual([]);
  });

  it('counts operations, late ones and locked ones', () => {
    expect(
      scheduleCounts([
        operation('a', '1', 'lathe', '06:00', '06:00', '07:00', { late: true, locked: true }),
        operation('b', '1', 'lathe', '07:00', '07:00', '08:00', { late: true }),
        operation('c', '1', 'mill', '07:00', '07:00', '08:00'),
      ]),
    ).toEqual({ operations: 3, late: 2, locked: 1 });
  });
});
