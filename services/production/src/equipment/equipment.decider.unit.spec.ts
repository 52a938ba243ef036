import type { EquipmentDefined, WorkUnitStateChanged } from '@quadrant/contracts';
import { NotFoundError } from '@quadrant/event-sourcing';
import { DeciderSpecification } from '@quadrant/testing';
import { equipmentDecider, type ChangeWorkUnitState, type DefineEquipment } from './equipment.decider';
import {
  EquipmentAlreadyDefined,
  InvalidHierarchyPlacement,
  NotAWorkUnit,
  StateChangeOutOfOrder,
  StopNotFound,
  StopReasonRequired,
  WorkUnitAtCapacity,
  WorkUnitUnavailable,
} from './equipment.errors';

const spec = DeciderSpecification(equipmentDecider);
const at = '2026-11-02T06:00:00.000Z';

const line: DefineEquipment['parent'] = { equipmentId: 'line-1', level: 'WorkCenter', path: ['acme', 'plant-a', 'assembly', 'line-1'] };
const defineWorkUnit: DefineEquipment = {
  type: 'DefineEquipment',
  equipmentId: 'press-1',
  name: 'Press 1',
  level: 'WorkUnit',
  parent: line,
  at,
};
const workUnitDefined: EquipmentDefined = {
  type: 'EquipmentDefined',
  data: {
    equipmentId: 'press-1',
    name: 'Press 1',
    level: 'WorkUnit',
    parentId: 'line-1',
    path: ['acme', 'plant-a', 'assembly', 'line-1', 'press-1'],
    definedAt: at,
  },
};
const change = (state: ChangeWorkUnitState['state'], since: string, reasonCode?: string): ChangeWorkUnitState => ({
  type: 'ChangeWorkUnitState',
  workUnitId: 'press-1',
  state,
  since,
  ...(reasonCode ? { reasonCode } : {}),
});
const changed = (
  state: WorkUnitStateChanged['data']['state'],
  previousState: WorkUnitStateChanged['data']['state'],
  since: string,
  reasonCode?: string,
): WorkUnitStateChanged => ({
  type: 'WorkUnitStateChanged',
  data: { workUnitId: 'press-1', state, previousState, since, path: workUnitDefined.data.path, ...(reasonCode ? { reasonCode } : {}) },
});

describe('equipment', () => {
  describe('when not yet defined', () => {
    it('defines a work unit under a work center, with its path from the enterprise', () => {
      spec.given([]).when(defineWorkUnit).then([workUnitDefined]);
    });

    it('defines an enterprise with no parent', () => {
      spec
        .given([])
        .when({ type: 'DefineEquipment', equipmentId: 'acme', name: 'ACME', level: 'Enterprise', parent: null, at })
        .then([{ type: 'EquipmentDefined', data: { equipmentId: 'acme', name: 'ACME', level: 'Enterprise', parentId: null, path: ['acme'], definedAt: at } }]);
    });

    it('refuses a site without a parent', () => {
      spec.given([]).when({ ...defineWorkUnit, level: 'Site', parent: null }).thenThrows(InvalidHierarchyPlacement, (error) => {
        expect(error.message).toContain('needs a parentId');
      });
    });

    it('refuses a work unit placed directly under an area', () => {
      spec
        .given([])
        .when({ ...defineWorkUnit, parent: { equipmentId: 'assembly', level: 'Area', path: ['acme', 'plant-a', 'assembly'] } })
        .thenThrows(InvalidHierarchyPlacement, (error) => expect(error.details).toMatchObject({ field: 'parentId', parentLevel: 'Area' }));
    });

    it('refuses an enterprise with a parent', () => {
      spec.given([]).when({ ...defineWorkUnit, level: 'Enterprise' }).thenThrows(InvalidHierarchyPlacement);
    });

    it('refuses a work center type on anything but a work center', () => {
      spec.given([]).when({ ...defineWorkUnit, workCenterType: 'ProductionLine' }).thenThrows(InvalidHierarchyPlacement);
    });

    it('refuses a state change: there is no such work unit', () => {
      spec.given([]).when(change('Running', at)).thenThrows(NotFoundError);
    });
  });

  describe('when defined', () => {
    it('refuses to define it again', () => {
      spec.given([workUnitDefined]).when(defineWorkUnit).thenThrows(EquipmentAlreadyDefined);
    });

    it('records the first state, from Unknown', () => {
      spec.given([workUnitDefined]).when(change('Running', '2026-11-02T06:01:00.000Z')).then([changed('Running', 'Unknown', '2026-11-02T06:01:00.000Z')]);
    });

    it('records Down with its reason', () => {
      spec
        .given([workUnitDefined, changed('Running', 'Unknown', '2026-11-02T06:01:00.000Z')])
        .when({ ...change('Down', '2026-11-02T07:00:00.000Z', 'JAM'), reasonText: 'feeder jam' })
        .then([{ type: 'WorkUnitStateChanged', data: { ...changed('Down', 'Running', '2026-11-02T07:00:00.000Z', 'JAM').data, reasonText: 'feeder jam' } }]);
    });

    it('refuses Down without a reason code', () => {
      spec.given([workUnitDefined]).when(change('Down', '2026-11-02T07:00:00.000Z')).thenThrows(StopReasonRequired);
    });

    it('records planned downtime without a reason', () => {
      spec
        .given([workUnitDefined, changed('Running', 'Unknown', '2026-11-02T06:01:00.000Z')])
        .when(change('PlannedDowntime', '2026-11-02T09:00:00.000Z'))
        .then([changed('PlannedDowntime', 'Running', '2026-11-02T09:00:00.000Z')]);
    });

    it('treats the same state with the same reason as a repeat, not a change', () => {
      spec
        .given([workUnitDefined, changed('Down', 'Unknown', '2026-11-02T07:00:00.000Z', 'JAM')])
        .when(change('Down', '2026-11-02T07:00:05.000Z', 'JAM'))
        .thenNothingHappens();
    });

    it('records a new reason for a unit that stays down', () => {
      spec
        .given([workUnitDefined, changed('Down', 'Unknown', '2026-11-02T07:00:00.000Z', 'JAM')])
        .when(change('Down', '2026-11-02T07:10:00.000Z', 'WAIT_MAINT'))
        .then([changed('Down', 'Down', '2026-11-02T07:10:00.000Z', 'WAIT_MAINT')]);
    });

    it('refuses a change older than the current state', () => {
      spec
        .given([workUnitDefined, changed('Running', 'Unknown', '2026-11-02T08:00:00.000Z')])
        .when(change('Idle', '2026-11-02T07:59:59.000Z'))
        .thenThrows(StateChangeOutOfOrder);
    });
  });

  describe('when it is not a work unit', () => {
    it('refuses a state change', () => {
      spec
        .given([{ type: 'EquipmentDefined', data: { ...workUnitDefined.data, equipmentId: 'line-1', level: 'WorkCenter', parentId: 'assembly', path: ['acme', 'plant-a', 'assembly', 'line-1'] } }])
        .when({ ...change('Running', at), workUnitId: 'line-1' })
        .thenThrows(NotAWorkUnit);
    });
  });

  describe('allocation to job orders', () => {
    const allocate = { type: 'AllocateWorkUnit' as const, workUnitId: 'press-1', jobOrderId: 'jo-1', segmentId: 'press', at };
    const allocated = { type: 'WorkUnitAllocated' as const, data: { workUnitId: 'press-1', jobOrderId: 'jo-1', segmentId: 'press', allocatedAt: at, path: workUnitDefined.data.path } };
    const running = changed('Running', 'Unknown', at);
    it('allocates an available unit to a job order segment, once', () => {
      spec.given([workUnitDefined, running]).when(allocate).then([allocated]);
      spec.given([workUnitDefined, running, allocated]).when(allocate).thenNothingHappens();
    });
    it('refuses a unit that is down, in planned downtime, or never reported', () => {
      spec.given([workUnitDefined, running, changed('Down', 'Running', at, 'JAM')]).when(allocate).thenThrows(WorkUnitUnavailable, (e) => expect(e.message).toContain('it is Down (JAM)'));
      spec.given([workUnitDefined, changed('PlannedDowntime', 'Unknown', at)]).when(allocate).thenThrows(WorkUnitUnavailable);
      spec.given([workUnitDefined]).when(allocate).thenThrows(WorkUnitUnavailable);
    });
    it('refuses a start the calendar puts in planned downtime', () =>
      spec.given([workUnitDefined, running]).when({ ...allocate, plannedDowntime: { reason: 'lunch break' } }).thenThrows(WorkUnitUnavailable, (e) => expect(e.message).toContain('lunch break')));
    it('takes one job order at a time unless configured for more', () => {
      const other = { ...allocate, jobOrderId: 'jo-2' };
      spec.given([workUnitDefined, running, allocated]).when(other).thenThrows(WorkUnitAtCapacity, (e) => expect(e.message).toContain('already runs "jo-1"'));
      const twoAtOnce = { ...workUnitDefined, data: { ...workUnitDefined.data, maxConcurrentJobs: 2 } };
      spec.given([twoAtOnce, running, allocated]).when(other).then([{ ...allocated, data: { ...allocated.data, jobOrderId: 'jo-2' } }]);
    });
    it('frees the unit when the allocation ends', () => {
      const end = { type: 'EndWorkUnitAllocation' as const, workUnitId: 'press-1', jobOrderId: 'jo-1', segmentId: 'press', at };
      const ended = { type: 'WorkUnitAllocationEnded' as const, data: { workUnitId: 'press-1', jobOrderId: 'jo-1', segmentId: 'press', endedAt: at, path: workUnitDefined.data.path } };
      spec.given([workUnitDefined, running, allocated]).when(end).then([ended]);
      spec.given([workUnitDefined, running, allocated, ended]).when(end).thenNothingHappens();
      spec.given([workUnitDefined, running, allocated, ended]).when({ ...allocate, jobOrderId: 'jo-2' }).then([{ ...allocated, data: { ...allocated.data, jobOrderId: 'jo-2' } }]);
    });
  });

  describe('stop reasons after the fact', () => {
    const down = changed('Down', 'Running', '2026-11-02T08:00:00.000Z', 'JAM');
    const idle = changed('Idle', 'Down', '2026-11-02T08:30:00.000Z');
    const correct = (since: string, reasonCode: string) => ({ type: 'CorrectStopReason' as const, workUnitId: 'press-1', since, reasonCode, at });
    const corrected = (since: string, state: 'Down' | 'Idle', reasonCode: string, previousReasonCode?: string) => ({
      type: 'WorkUnitStopReasonCorrected' as const,
      data: { workUnitId: 'press-1', since, state, reasonCode, ...(previousReasonCode ? { previousReasonCode } : {}), correctedAt: at, path: workUnitDefined.data.path },
    });
    it('corrects the reason of an earlier stop, keeping what it was', () =>
      spec.given([workUnitDefined, down, idle]).when(correct('2026-11-02T09:00:00+01:00', 'BEARING')).then([corrected('2026-11-02T08:00:00.000Z', 'Down', 'BEARING', 'JAM')]));
    it('assigns a reason to a stop that had none', () =>
      spec.given([workUnitDefined, down, idle]).when(correct('2026-11-02T08:30:00.000Z', 'NO_OPERATOR')).then([corrected('2026-11-02T08:30:00.000Z', 'Idle', 'NO_OPERATOR')]));
    it('a correction sent again changes nothing', () =>
      spec.given([workUnitDefined, down, idle, corrected('2026-11-02T08:00:00.000Z', 'Down', 'BEARING', 'JAM')]).when(correct('2026-11-02T08:00:00.000Z', 'BEARING')).thenNothingHappens());
    it('refuses a time at which no stop began, naming it', () =>
      spec.given([workUnitDefined, down]).when(correct('2026-11-02T08:05:00.000Z', 'BEARING')).thenThrows(StopNotFound, (e) => expect(e.details).toMatchObject({ field: 'since' })));
  });
});
