import type { JobOrderEvent, ReleasedSegment } from '@quadrant/contracts';
import { NotFoundError } from '@quadrant/event-sourcing';
import { DeciderSpecification } from '@quadrant/testing';
import { jobOrderDecider, type JobOrderCommand } from './job-order.decider';
import {
  JobOrderAlreadyExists,
  JobOrderCommandNotAllowed,
  NegativeQuantity,
  NoRouting,
  OpenSegments,
  SegmentAlreadyStarted,
  SegmentDependencyOpen,
  SegmentNotRunning,
  UnknownSegment,
  WorkUnitNotEligible,
} from './job-order.errors';

const spec = DeciderSpecification(jobOrderDecider);
const jobOrderId = 'jo-1';
const at = '2026-11-02T06:00:00.000Z';
const later = '2026-11-02T07:00:00.000Z';

const segments: ReleasedSegment[] = [
  { segmentId: 'turn', name: 'Turning', eligible: [{ workUnitId: 'lathe-1', idealCycleTimeSeconds: 30, setupTimeSeconds: 600 }], dependsOn: [], consumes: [], produces: [] },
  { segmentId: 'mill', name: 'Milling', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: 45, setupTimeSeconds: 300 }], dependsOn: ['turn'], consumes: [], produces: [] },
];

const created: JobOrderEvent = { type: 'JobOrderCreated', data: { jobOrderId, productId: 'shaft', quantity: 100, siteId: 'lyon', priority: 2, dueAt: '2026-11-05T00:00:00.000Z', createdAt: at } };
const released: JobOrderEvent = { type: 'JobOrderReleased', data: { jobOrderId, routingVersion: 3, segments, releasedAt: at } };
const dispatched: JobOrderEvent = { type: 'JobOrderDispatched', data: { jobOrderId, segmentId: 'turn', workUnitId: 'lathe-1', sequence: 1, dispatchedAt: at } };
const turnStarted: JobOrderEvent = { type: 'JobOrderSegmentStarted', data: { jobOrderId, segmentId: 'turn', workUnitId: 'lathe-1', startedAt: later } };
const turnCompleted: JobOrderEvent = { type: 'JobOrderSegmentCompleted', data: { jobOrderId, segmentId: 'turn', workUnitId: 'lathe-1', endedAt: later } };
const millStarted: JobOrderEvent = { type: 'JobOrderSegmentStarted', data: { jobOrderId, segmentId: 'mill', workUnitId: 'mill-1', startedAt: later } };
const millCompleted: JobOrderEvent = { type: 'JobOrderSegmentCompleted', data: { jobOrderId, segmentId: 'mill', workUnitId: 'mill-1', endedAt: later } };
const paused: JobOrderEvent = { type: 'JobOrderPaused', data: { jobOrderId, pausedAt: later } };
const held: JobOrderEvent = { type: 'JobOrderHeld', data: { jobOrderId, reasonCode: 'QUALITY', heldAt: later } };
const completed: JobOrderEvent = { type: 'JobOrderCompleted', data: { jobOrderId, forced: false, openSegments: [], completedAt: later } };
const aborted: JobOrderEvent = { type: 'JobOrderAborted', data: { jobOrderId, reasonCode: 'CANCELLED', abortedAt: later } };

const create: JobOrderCommand = { type: 'CreateJobOrder', jobOrderId, productId: 'shaft', quantity: 100, siteId: 'lyon', priority: 2, dueAt: '2026-11-05T00:00:00.000Z', at };
const release: JobOrderCommand = { type: 'ReleaseJobOrder', jobOrderId, routing: { version: 3, segments }, at };
const start = (segmentId: string, workUnitId: string): JobOrderCommand => ({ type: 'StartSegment', jobOrderId, segmentId, workUnitId, at: later });
const report = (good: number, scrap = 0, rework = 0): JobOrderCommand => ({ type: 'ReportProduction', jobOrderId, segmentId: 'turn', good, scrap, rework, scrapReasonCode: scrap ? 'BURR' : undefined, at: later });
const complete = (force?: { reasonCode: string }): JobOrderCommand => ({ type: 'CompleteJobOrder', jobOrderId, ...(force ? { force } : {}), at: later });

describe('job order', () => {
  describe('when it does not exist', () => {
    it('is created by a planner or an ERP', () => spec.given([]).when(create).then([created]));
    it('refuses a quantity of 0', () => spec.given([]).when({ ...create, quantity: 0 } as JobOrderCommand).thenThrows(NegativeQuantity));
    it('answers not found to anything else', () => spec.given([]).when(release).thenThrows(NotFoundError));
  });

  describe('when waiting (created)', () => {
    it('refuses to be created twice', () => spec.given([created]).when(create).thenThrows(JobOrderAlreadyExists));
    it('is released with the routing version current then', () => spec.given([created]).when(release).then([released]));
    it('refuses release without a routing', () =>
      spec.given([created]).when({ type: 'ReleaseJobOrder', jobOrderId, routing: null, at }).thenThrows(NoRouting, (e) => expect(e.message).toContain('"shaft" has no routing')));
    it('refuses a start before release, naming the status', () =>
      spec.given([created]).when(start('turn', 'lathe-1')).thenThrows(UnknownSegment));
    it('can be held and aborted', () => {
      spec.given([created]).when({ type: 'HoldJobOrder', jobOrderId, reasonCode: 'QUALITY', at: later }).then([held]);
      spec.given([created]).when({ type: 'AbortJobOrder', jobOrderId, reasonCode: 'CANCELLED', at: later }).then([aborted]);
    });
    it('cannot be paused', () =>
      spec.given([created]).when({ type: 'PauseJobOrder', jobOrderId, at: later }).thenThrows(JobOrderCommandNotAllowed, (e) => expect(e.message).toBe('job order "jo-1" is Waiting: Pause applies only when it is Running')));
  });

  describe('when released', () => {
    it('a release sent again changes nothing', () => spec.given([created, released]).when(release).thenNothingHappens());
    it('dispatches a segment to an eligible work unit', () => spec.given([created, released]).when({ type: 'DispatchJobOrder', jobOrderId, segmentId: 'turn', workUnitId: 'lathe-1', at }).then([dispatched]));
    it('refuses to dispatch to a work unit the segment cannot run on', () =>
      spec.given([created, released]).when({ type: 'DispatchJobOrder', jobOrderId, segmentId: 'turn', workUnitId: 'mill-1', at }).thenThrows(WorkUnitNotEligible, (e) => expect(e.details).toMatchObject({ eligible: ['lathe-1'] })));
    it('refuses an unknown segment, listing the known ones', () =>
      spec.given([created, released]).when(start('weld', 'lathe-1')).thenThrows(UnknownSegment, (e) => expect(e.message).toContain('turn, mill')));
    it('starts the first segment', () => spec.given([created, released, dispatched]).when(start('turn', 'lathe-1')).then([turnStarted]));
    it('refuses a segment before the segments it depends on ended', () =>
      spec.given([created, released]).when(start('mill', 'mill-1')).thenThrows(SegmentDependencyOpen, (e) => expect(e.details).toMatchObject({ open: ['turn'] })));
    it('refuses counts: the job is not running', () => spec.given([created, released]).when(report(5)).thenThrows(JobOrderCommandNotAllowed));
  });

  describe('when running', () => {
    const running = [created, released, dispatched, turnStarted];
    it('a start sent again changes nothing', () => spec.given(running).when(start('turn', 'lathe-1')).thenNothingHappens());
    it('refuses a dispatch of a segment already running', () =>
      spec.given(running).when({ type: 'DispatchJobOrder', jobOrderId, segmentId: 'turn', workUnitId: 'lathe-1', at }).thenThrows(SegmentAlreadyStarted));
    it('refuses the same segment on another unit', () =>
      spec.given([created, released, { ...turnStarted, data: { ...turnStarted.data, workUnitId: 'lathe-1' } }]).when(start('turn', 'lathe-2')).thenThrows(WorkUnitNotEligible));
    it('records produced, good, scrap and rework quantities with reasons', () =>
      spec.given(running).when(report(10, 2, 1)).then([
        { type: 'ProductionReported', data: { jobOrderId, segmentId: 'turn', workUnitId: 'lathe-1', good: 10, scrap: 2, rework: 1, scrapReasonCode: 'BURR', reportedAt: later } },
      ]));
    it('refuses a negative quantity, naming it', () =>
      spec.given(running).when(report(10, -1)).thenThrows(NegativeQuantity, (e) => expect(e.message).toBe('scrap must be a whole number of at least 0, not -1')));
    it('refuses counts on a segment that is not running', () =>
      spec.given(running).when({ ...report(1), segmentId: 'mill' } as JobOrderCommand).thenThrows(SegmentNotRunning));
    it('an all-zero report records nothing', () => spec.given(running).when(report(0)).thenNothingHappens());
    it('records a material lot consumed', () =>
      spec.given(running).when({ type: 'RecordMaterialActual', jobOrderId, segmentId: 'turn', materialUse: 'Consumed', materialDefinitionId: 'bar-42', materialLotId: 'LOT-7', quantity: 12.5, at: later }).then([
        { type: 'MaterialActualRecorded', data: { jobOrderId, segmentId: 'turn', materialUse: 'Consumed', materialDefinitionId: 'bar-42', materialLotId: 'LOT-7', quantity: 12.5, recordedAt: later } },
      ]));
    it('is paused, and resumed', () => {
      spec.given(running).when({ type: 'PauseJobOrder', jobOrderId, at: later }).then([paused]);
      spec.given([...running, paused]).when({ type: 'ResumeJobOrder', jobOrderId, at: later }).then([{ type: 'JobOrderResumed', data: { jobOrderId, resumedAt: later } }]);
    });
    it('refuses counts while paused', () => spec.given([...running, paused]).when(report(1)).thenThrows(JobOrderCommandNotAllowed));
    it('refuses a start while held', () => spec.given([created, released, held]).when(start('turn', 'lathe-1')).thenThrows(JobOrderCommandNotAllowed));
    it('completes a segment, which lets the next one start', () => {
      spec.given(running).when({ type: 'CompleteSegment', jobOrderId, segmentId: 'turn', at: later }).then([turnCompleted]);
      spec.given([...running, turnCompleted]).when(start('mill', 'mill-1')).then([millStarted]);
    });
    it('refuses to complete a segment that never started', () =>
      spec.given(running).when({ type: 'CompleteSegment', jobOrderId, segmentId: 'mill', at: later }).thenThrows(SegmentNotRunning));
    it('refuses completion with open segments', () =>
      spec.given(running).when(complete()).thenThrows(OpenSegments, (e) => expect(e.details).toMatchObject({ open: ['turn', 'mill'] })));
    it('completes with open segments when forced with a reason', () =>
      spec.given(running).when(complete({ reasonCode: 'SHORT_RUN' })).then([
        { type: 'JobOrderCompleted', data: { jobOrderId, forced: true, reasonCode: 'SHORT_RUN', openSegments: ['turn', 'mill'], completedAt: later } },
      ]));
    it('completes once every segment ended', () => spec.given([...running, turnCompleted, millStarted, millCompleted]).when(complete()).then([completed]));
    it('refuses a close before completion', () => spec.given(running).when({ type: 'CloseJobOrder', jobOrderId, at: later }).thenThrows(JobOrderCommandNotAllowed));
  });

  describe('when completed or aborted', () => {
    const done = [created, released, dispatched, turnStarted, turnCompleted, millStarted, millCompleted, completed];
    it('is closed', () => spec.given(done).when({ type: 'CloseJobOrder', jobOrderId, at: later }).then([{ type: 'JobOrderClosed', data: { jobOrderId, closedAt: later } }]));
    it('refuses to start again', () => spec.given(done).when(start('turn', 'lathe-1')).thenThrows(JobOrderCommandNotAllowed));
    it('refuses an abort', () => spec.given(done).when({ type: 'AbortJobOrder', jobOrderId, reasonCode: 'X', at: later }).thenThrows(JobOrderCommandNotAllowed));
    it('an aborted job order is closed too, and takes nothing else', () => {
      spec.given([created, released, aborted]).when({ type: 'CloseJobOrder', jobOrderId, at: later }).then([{ type: 'JobOrderClosed', data: { jobOrderId, closedAt: later } }]);
      spec.given([created, released, aborted]).when(start('turn', 'lathe-1')).thenThrows(JobOrderCommandNotAllowed);
    });
  });
});
