import type { ProductionEvent, ReleasedSegment } from '@quadrant/contracts';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { initialWorkScheduleState, type WorkScheduleState } from '../work-schedule.decider';
import { DEFAULT_RESCHEDULE_POLICY, siteProblem } from './scheduling-problem';
import { ShopFloor } from './shop-floor';

const t = (minute: number): string => new Date(Date.parse('2026-11-02T06:00:00.000Z') + minute * 60_000).toISOString();
let sequence = 0;
const recorded = (event: ProductionEvent): RecordedEvent => {
  sequence += 1;
  return { eventId: `e-${sequence}`, streamId: 's', streamPosition: sequence, logPosition: String(sequence), type: event.type, data: event.data, metadata: {}, recordedAt: t(0) };
};
const path = ['acme', 'lyon', 'machining', 'line-1'];
const unit = (equipmentId: string): ProductionEvent => ({
  type: 'EquipmentDefined',
  data: { equipmentId, name: equipmentId, level: 'WorkUnit', parentId: 'line-1', path: [...path, equipmentId], definedAt: t(0) },
});
const state = (workUnitId: string, next: 'Down' | 'Idle' | 'Running', previousState: 'Down' | 'Idle' | 'Running' | 'Unknown', minute: number, reasonCode?: string): ProductionEvent => ({
  type: 'WorkUnitStateChanged',
  data: { workUnitId, state: next, previousState, since: t(minute), path: [...path, workUnitId], ...(reasonCode ? { reasonCode } : {}) },
});
const segments: ReleasedSegment[] = [
  { segmentId: 'turn', name: 'Turning', eligible: [{ workUnitId: 'lathe-1', idealCycleTimeSeconds: 30, setupTimeSeconds: 600 }, { workUnitId: 'lathe-2', idealCycleTimeSeconds: 60, setupTimeSeconds: 600 }], dependsOn: [], consumes: [], produces: [] },
  { segmentId: 'mill', name: 'Milling', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: 45, setupTimeSeconds: 300 }], dependsOn: ['turn'], consumes: [], produces: [] },
];
const jobOrder = (jobOrderId: string, quantity: number, priority = 3): ProductionEvent[] => [
  { type: 'JobOrderCreated', data: { jobOrderId, productId: 'shaft', quantity, siteId: 'lyon', priority, dueAt: t(600), createdAt: t(0) } },
  { type: 'JobOrderReleased', data: { jobOrderId, routingVersion: 1, segments, releasedAt: t(1) } },
];

function given(events: ProductionEvent[]): { shopFloor: ShopFloor; triggers: ReturnType<ShopFloor['apply']>[] } {
  const shopFloor = new ShopFloor();
  const triggers = events.map((event) => shopFloor.apply(recorded(event)));
  return { shopFloor, triggers };
}
const plant = [unit('lathe-1'), unit('lathe-2'), unit('mill-1')];

describe('the shop floor as the work scheduler sees it', () => {
  it('reacts to a release, a breakdown and a repair, not to other state changes', () => {
    const { triggers } = given([...plant, ...jobOrder('jo-1', 40), state('lathe-1', 'Running', 'Unknown', 2), state('lathe-1', 'Down', 'Running', 10, 'BEARING'), state('lathe-1', 'Idle', 'Down', 40)]);
    expect(triggers.filter((x) => x !== undefined).map((x) => [x?.kind, x?.workUnitId, x?.reasonCode])).toEqual([
      ['JobOrderReleased', undefined, undefined],
      ['Breakdown', 'lathe-1', 'BEARING'],
      ['Repaired', 'lathe-1', undefined],
    ]);
  });

  it("learns a unit's MTTR from its finished breakdowns", () => {
    const { shopFloor } = given([...plant, state('lathe-1', 'Down', 'Unknown', 0, 'JAM'), state('lathe-1', 'Idle', 'Down', 10), state('lathe-1', 'Down', 'Idle', 20, 'JAM'), state('lathe-1', 'Idle', 'Down', 50)]);
    expect(shopFloor.meanTimeToRepair('lathe-1')).toBe(20 * 60);
    expect(shopFloor.meanTimeToRepair('lathe-2')).toBeUndefined();
  });

  it('forgets a job order once completed, aborted or closed', () => {
    const { shopFloor } = given([...plant, ...jobOrder('jo-1', 40), ...jobOrder('jo-2', 40), { type: 'JobOrderAborted', data: { jobOrderId: 'jo-1', reasonCode: 'X', abortedAt: t(5) } }]);
    expect(shopFloor.openJobOrders('lyon').map((o) => o.jobOrderId)).toEqual(['jo-2']);
  });
});

describe('the scheduling problem of a site', () => {
  const schedule: WorkScheduleState = initialWorkScheduleState();

  it("times each segment's remaining quantity at each eligible unit's own cycle, with its setup and the product as family", () => {
    const { shopFloor } = given([...plant, ...jobOrder('jo-1', 40, 2)]);
    const { problem } = siteProblem(shopFloor, 'lyon', t(5), schedule);
    expect(problem.jobs).toEqual([
      {
        id: 'jo-1',
        weight: 8,
        due: (600 - 5) * 60,
        operations: [
          { id: 'jo-1/turn', after: [], setupFamily: 'shaft', alternatives: [{ workUnitId: 'lathe-1', duration: 1200, setup: 600 }, { workUnitId: 'lathe-2', duration: 2400, setup: 600 }] },
          { id: 'jo-1/mill', after: ['jo-1/turn'], setupFamily: 'shaft', alternatives: [{ workUnitId: 'mill-1', duration: 1800, setup: 300 }] },
        ],
      },
    ]);
  });

  it('makes a broken-down unit unavailable until its expected repair, the default without history', () => {
    const { shopFloor } = given([...plant, ...jobOrder('jo-1', 40), state('lathe-1', 'Down', 'Unknown', 10, 'BEARING')]);
    const { problem, unavailable } = siteProblem(shopFloor, 'lyon', t(10), schedule);
    expect(problem.workUnits.find((w) => w.id === 'lathe-1')?.unavailable).toEqual([{ from: 0, to: DEFAULT_RESCHEDULE_POLICY.defaultRepairSeconds }]);
    expect(unavailable).toEqual([{ workUnitId: 'lathe-1', from: t(10), to: t(40), kind: 'Breakdown', reason: 'BEARING' }]);
  });

  it('freezes a running segment for what is left of it, after the repair when its unit is down', () => {
    const started: ProductionEvent = { type: 'JobOrderSegmentStarted', data: { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', startedAt: t(2) } };
    const reported: ProductionEvent = { type: 'ProductionReported', data: { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', good: 30, scrap: 0, rework: 0, reportedAt: t(9) } };
    const { shopFloor } = given([...plant, ...jobOrder('jo-1', 40), started, reported, state('lathe-1', 'Down', 'Running', 10, 'JAM')]);
    const { problem } = siteProblem(shopFloor, 'lyon', t(10), schedule);
    // 10 left at 30 s each, once the 30 minutes of repair are over.
    expect(problem.frozen).toEqual([{ operationId: 'jo-1/turn', workUnitId: 'lathe-1', start: -8 * 60, end: 1800 + 300 }]);
  });

  it('holds a locked operation and its open predecessors where they are', () => {
    const { shopFloor } = given([...plant, ...jobOrder('jo-1', 40)]);
    const placed = (workUnitId: string, from: number, to: number) => ({ workUnitId, setupStart: t(from), start: t(from), end: t(to) });
    const locked: WorkScheduleState = {
      revision: 1,
      operations: new Map([
        ['jo-1/turn', { jobOrderId: 'jo-1', segmentId: 'turn', placement: placed('lathe-2', 20, 60) }],
        ['jo-1/mill', { jobOrderId: 'jo-1', segmentId: 'mill', placement: placed('mill-1', 90, 120) }],
      ]),
      locked: new Map([['jo-1/mill', placed('mill-1', 90, 120)]]),
    };
    const { problem } = siteProblem(shopFloor, 'lyon', t(0), locked);
    expect(problem.frozen).toEqual([
      { operationId: 'jo-1/mill', workUnitId: 'mill-1', start: 90 * 60, end: 120 * 60 },
      { operationId: 'jo-1/turn', workUnitId: 'lathe-2', start: 20 * 60, end: 60 * 60 },
    ]);
    expect(problem.baseline).toHaveLength(2);
  });

  it('makes booked planned downtime of the unit or its site unavailable, and cancelled downtime available again', () => {
    const site: ProductionEvent = { type: 'EquipmentDefined', data: { equipmentId: 'lyon', name: 'Lyon', level: 'Site', parentId: 'acme', path: ['acme', 'lyon'], definedAt: t(0) } };
    const booked = (equipmentId: string, windowId: string): ProductionEvent => ({ type: 'PlannedDowntimeBooked', data: { equipmentId, windowId, start: t(60), end: t(120), reason: 'maintenance', bookedAt: t(1) } });
    const { shopFloor, triggers } = given([site, ...plant, ...jobOrder('jo-1', 40), booked('mill-1', 'pm-1'), booked('lyon', 'shutdown'), { type: 'PlannedDowntimeCancelled', data: { equipmentId: 'lyon', windowId: 'shutdown', cancelledAt: t(2) } }]);
    expect(triggers.slice(-3).map((x) => [x?.kind, x?.siteId, x?.workUnitId])).toEqual([
      ['PlannedDowntimeBooked', 'lyon', 'mill-1'],
      ['PlannedDowntimeBooked', 'lyon', undefined],
      ['PlannedDowntimeCancelled', 'lyon', undefined],
    ]);
    const { problem, unavailable } = siteProblem(shopFloor, 'lyon', t(0), schedule);
    expect(problem.workUnits.map((w) => [w.id, w.unavailable])).toEqual([
      ['lathe-1', []],
      ['lathe-2', []],
      ['mill-1', [{ from: 3600, to: 7200 }]],
    ]);
    expect(unavailable).toEqual([{ workUnitId: 'mill-1', from: t(60), to: t(120), kind: 'PlannedDowntime', reason: 'maintenance' }]);
  });

  it("gives each unit its shifts as working time, and a running segment's rest pauses outside them", () => {
    const site: ProductionEvent = { type: 'EquipmentDefined', data: { equipmentId: 'lyon', name: 'Lyon', level: 'Site', parentId: 'acme', path: ['acme', 'lyon'], definedAt: t(0) } };
    // 06:00-14:00 on weekdays; 2 November 2026 is a Monday and t(0) is 06:00.
    const calendar: ProductionEvent = {
      type: 'WorkCalendarDefined',
      data: { equipmentId: 'lyon', version: 1, calendar: { timeZone: 'UTC', shifts: [{ name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '14:00' }] }, definedAt: t(0) },
    };
    const started: ProductionEvent = { type: 'JobOrderSegmentStarted', data: { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', startedAt: t(420) } };
    const { shopFloor, triggers } = given([site, ...plant, calendar, ...jobOrder('jo-1', 40), started]);
    expect(triggers[4]).toMatchObject({ kind: 'WorkCalendarDefined', siteId: 'lyon' });
    // At 13:30: 40 at 30 s is 20 minutes of work, 30 before the shift ends.
    const { problem } = siteProblem(shopFloor, 'lyon', t(450), schedule);
    expect(problem.workUnits.find((w) => w.id === 'mill-1')?.workingTime?.slice(0, 2)).toEqual([
      { from: -7.5 * 3600, to: 30 * 60 },
      { from: (24 * 60 - 450) * 60, to: (24 * 60 - 450 + 480) * 60 },
    ]);
    expect(problem.frozen).toEqual([{ operationId: 'jo-1/turn', workUnitId: 'lathe-1', start: -30 * 60, end: 20 * 60 }]);
    // At 13:50 the same 20 minutes end at 06:10 the next morning.
    const later = siteProblem(shopFloor, 'lyon', t(470), schedule).problem;
    expect(later.frozen?.[0]?.end).toBe((24 * 60 - 470 + 10) * 60);
  });
});

