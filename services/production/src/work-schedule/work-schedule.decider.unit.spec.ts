import type { OperationPlacement, RevisionTrigger, WorkScheduleRevised } from '@quadrant/contracts';
import { DeciderSpecification } from '@quadrant/testing';
import { workScheduleDecider, type ProposedSchedule, type ScheduledSegment } from './work-schedule.decider';
import { LockedOperationMoved, OperationNotScheduled } from './work-schedule.errors';

const spec = DeciderSpecification(workScheduleDecider);
const at = '2026-11-02T08:00:00.000Z';
const place = (workUnitId: string, start: string, end: string): OperationPlacement => ({ workUnitId, setupStart: start, start, end });
const turn1 = place('lathe-1', '2026-11-02T08:00:00.000Z', '2026-11-02T09:00:00.000Z');
const turn1OnLathe2 = place('lathe-2', '2026-11-02T09:00:00.000Z', '2026-11-02T10:00:00.000Z');
const mill2 = place('mill-1', '2026-11-02T09:00:00.000Z', '2026-11-02T09:30:00.000Z');
const op = (jobOrderId: string, segmentId: string, placement: OperationPlacement): ScheduledSegment => ({ jobOrderId, segmentId, placement });
const schedule = (operations: ScheduledSegment[]): ProposedSchedule => ({ horizonStart: at, unavailable: [], operations, makespanSeconds: 3600, weightedTardinessSeconds: 0 });
const released: RevisionTrigger = { kind: 'JobOrderReleased', eventIds: ['e-1'], occurredAt: at };
const breakdown: RevisionTrigger = { kind: 'Breakdown', eventIds: ['e-2'], workUnitId: 'lathe-1', reasonCode: 'BEARING', occurredAt: at };
const revised = (revision: number, trigger: RevisionTrigger, moved: WorkScheduleRevised['data']['moved'], operationCount: number): WorkScheduleRevised => ({
  type: 'WorkScheduleRevised',
  data: { siteId: 'lyon', revision, trigger, horizonStart: at, unavailable: [], moved, operationCount, makespanSeconds: 3600, weightedTardinessSeconds: 0, revisedAt: at },
});
const first = revised(1, released, [{ jobOrderId: 'jo-1', segmentId: 'turn', from: null, to: turn1 }, { jobOrderId: 'jo-2', segmentId: 'mill', from: null, to: mill2 }], 2);
const locked = { type: 'ScheduledOperationLocked' as const, data: { siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', placement: turn1, lockedAt: at } };

describe('work schedule', () => {
  describe('when empty', () => {
    it('places every operation of the first schedule as new', () =>
      spec.given([]).when({ type: 'ReviseWorkSchedule', siteId: 'lyon', trigger: released, schedule: schedule([op('jo-1', 'turn', turn1), op('jo-2', 'mill', mill2)]), at }).then([first]));
  });

  describe('when scheduled', () => {
    it('lists only the operations that moved, from where to where', () =>
      spec
        .given([first])
        .when({ type: 'ReviseWorkSchedule', siteId: 'lyon', trigger: breakdown, schedule: schedule([op('jo-1', 'turn', turn1OnLathe2), op('jo-2', 'mill', mill2)]), at })
        .then([revised(2, breakdown, [{ jobOrderId: 'jo-1', segmentId: 'turn', from: turn1, to: turn1OnLathe2 }], 2)]));

    it('lists an operation that left the schedule with no new place', () =>
      spec
        .given([first])
        .when({ type: 'ReviseWorkSchedule', siteId: 'lyon', trigger: breakdown, schedule: schedule([op('jo-1', 'turn', turn1)]), at })
        .then([revised(2, breakdown, [{ jobOrderId: 'jo-2', segmentId: 'mill', from: mill2, to: null }], 1)]));

    it('records a reaction to the shop floor even when nothing had to move', () =>
      spec
        .given([first])
        .when({ type: 'ReviseWorkSchedule', siteId: 'lyon', trigger: breakdown, schedule: schedule([op('jo-1', 'turn', turn1), op('jo-2', 'mill', mill2)]), at })
        .then([revised(2, breakdown, [], 2)]));

    it('drops an improvement that improves nothing', () =>
      spec
        .given([first])
        .when({ type: 'ReviseWorkSchedule', siteId: 'lyon', trigger: { ...breakdown, kind: 'Improved' }, schedule: schedule([op('jo-1', 'turn', turn1), op('jo-2', 'mill', mill2)]), at })
        .thenNothingHappens());

    it('locks an operation where it is, once', () => {
      spec.given([first]).when({ type: 'LockScheduledOperation', siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', at }).then([locked]);
      spec.given([first, locked]).when({ type: 'LockScheduledOperation', siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', at }).thenNothingHappens();
    });

    it('refuses to lock what is not scheduled', () =>
      spec.given([first]).when({ type: 'LockScheduledOperation', siteId: 'lyon', jobOrderId: 'jo-9', segmentId: 'turn', at }).thenThrows(OperationNotScheduled));
  });

  describe('when an operation is locked', () => {
    it('refuses a revision that moves it', () =>
      spec
        .given([first, locked])
        .when({ type: 'ReviseWorkSchedule', siteId: 'lyon', trigger: breakdown, schedule: schedule([op('jo-1', 'turn', turn1OnLathe2), op('jo-2', 'mill', mill2)]), at })
        .thenThrows(LockedOperationMoved, (e) => expect(e.message).toContain('"turn" of job order "jo-1" is locked')));

    it('lets a revision move it once unlocked', () => {
      const unlocked = { type: 'ScheduledOperationUnlocked' as const, data: { siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', unlockedAt: at } };
      spec.given([first, locked]).when({ type: 'UnlockScheduledOperation', siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', at }).then([unlocked]);
      spec
        .given([first, locked, unlocked])
        .when({ type: 'ReviseWorkSchedule', siteId: 'lyon', trigger: breakdown, schedule: schedule([op('jo-1', 'turn', turn1OnLathe2), op('jo-2', 'mill', mill2)]), at })
        .then([revised(2, breakdown, [{ jobOrderId: 'jo-1', segmentId: 'turn', from: turn1, to: turn1OnLathe2 }], 2)]);
    });

    it('moves it by hand and locks it where it went', () => {
      const moved: RevisionTrigger = { kind: 'OperationMoved', eventIds: [], occurredAt: at };
      spec
        .given([first, locked])
        .when({ type: 'MoveScheduledOperation', siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', trigger: moved, schedule: schedule([op('jo-1', 'turn', turn1OnLathe2), op('jo-2', 'mill', mill2)]), at })
        .then([
          revised(2, moved, [{ jobOrderId: 'jo-1', segmentId: 'turn', from: turn1, to: turn1OnLathe2 }], 2),
          { ...locked, data: { ...locked.data, placement: turn1OnLathe2 } },
        ]);
    });
  });
});
