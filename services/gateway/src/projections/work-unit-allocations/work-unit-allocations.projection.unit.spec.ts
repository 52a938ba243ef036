import { pressPath, ProjectionSpecification, stateChanged } from '../../testing/projection-specification';
import type { ProductionFact } from '../production-facts';
import { projectWorkUnitAllocation, workUnitAllocationKeyOf } from './work-unit-allocations.projection';

const spec = ProjectionSpecification(projectWorkUnitAllocation);
const t = (minute: number): string => `2026-11-02T06:${String(minute).padStart(2, '0')}:00.000Z`;

function allocated(streamPosition: number, at: string, jobOrderId = 'jo-1', segmentId = 'press'): ProductionFact {
  return {
    type: 'WorkUnitAllocated',
    eventId: `press-1-${streamPosition}`,
    streamPosition,
    occurredAt: at,
    actor: 'planner.anna',
    correlationId: null,
    data: { workUnitId: 'press-1', jobOrderId, segmentId, allocatedAt: at, path: pressPath },
  };
}

function ended(streamPosition: number, at: string, jobOrderId = 'jo-1', segmentId = 'press'): ProductionFact {
  return {
    type: 'WorkUnitAllocationEnded',
    eventId: `press-1-${streamPosition}`,
    streamPosition,
    occurredAt: at,
    actor: 'operator.olga',
    correlationId: null,
    data: { workUnitId: 'press-1', jobOrderId, segmentId, endedAt: at, path: pressPath },
  };
}

const row = { workUnitId: 'press-1', jobOrderId: 'jo-1', segmentId: 'press', path: pressPath };

describe('work unit allocations projection', () => {
  describe('when a work unit is allocated to a job order segment', () => {
    it('opens an allocation, keyed by the allocating event', () => {
      spec.given().when(allocated(3, t(5))).then({ ...row, allocationId: 'press-1-3', allocatedAt: t(5), endedAt: null, streamPosition: 3 });
    });

    it('keys every allocation of the unit to the same segment of the same job order together, and nothing else', () => {
      expect(workUnitAllocationKeyOf(allocated(3, t(5)))).toEqual(workUnitAllocationKeyOf(ended(4, t(9))));
      expect(workUnitAllocationKeyOf(allocated(3, t(5), 'jo-2'))).not.toEqual(workUnitAllocationKeyOf(allocated(3, t(5))));
      expect(workUnitAllocationKeyOf(stateChanged(2, 'Running', 'Unknown', t(1)))).toBeUndefined();
      spec.given().when(stateChanged(2, 'Running', 'Unknown', t(1))).thenNothingIsWritten(/does not allocate/);
    });

    it('does not open a second allocation while one is open', () => {
      spec.given(allocated(3, t(5))).when(allocated(4, t(6))).thenNothingIsWritten(/already allocated since/);
    });

    it('opens a new history row when the unit is allocated again after the end', () => {
      spec.given(allocated(3, t(5)), ended(4, t(9))).when(allocated(6, t(20))).then({ ...row, allocationId: 'press-1-6', allocatedAt: t(20), endedAt: null, streamPosition: 6 });
    });
  });

  describe('when the allocation ends', () => {
    it('keeps the row as history with its end', () => {
      spec.given(allocated(3, t(5))).when(ended(4, t(9))).then({ ...row, allocationId: 'press-1-3', allocatedAt: t(5), endedAt: t(9), streamPosition: 4 });
    });
  });

  describe('ordering guard', () => {
    it('writes nothing for a redelivered allocation', () => {
      spec.given(allocated(3, t(5))).when(allocated(3, t(5))).thenNothingIsWritten(/stale: position 3 is not after 3/);
    });

    it('does not reopen an ended allocation when its allocation is redelivered', () => {
      spec.given(allocated(3, t(5)), ended(4, t(9))).when(allocated(3, t(5))).thenNothingIsWritten(/stale: position 3 is not after 4/);
    });

    it('writes nothing for a redelivered end', () => {
      spec.given(allocated(3, t(5)), ended(4, t(9))).when(ended(4, t(9))).thenNothingIsWritten(/stale: position 4 is not after 4/);
    });
  });

  describe('when the end arrives before its allocation (decided: kept, then completed)', () => {
    it('keeps the end as a row without allocatedAt, which queries leave out', () => {
      spec.given().when(ended(4, t(9))).then({ ...row, allocationId: 'press-1-4', allocatedAt: null, endedAt: t(9), streamPosition: 4 });
    });

    it('completes that row when the earlier allocation arrives, rather than leaving it open for ever', () => {
      spec.given(ended(4, t(9))).when(allocated(3, t(5))).then({ ...row, allocationId: 'press-1-4', allocatedAt: t(5), endedAt: t(9), streamPosition: 4 });
    });

    it('keeps an end arriving before a re-allocation apart from the earlier, ended allocation', () => {
      spec.given(allocated(3, t(5)), ended(4, t(9))).when(ended(7, t(30))).then({ ...row, allocationId: 'press-1-7', allocatedAt: null, endedAt: t(30), streamPosition: 7 });
    });

    it('then takes the redelivered late allocation only once', () => {
      spec.given(ended(4, t(9)), allocated(3, t(5))).when(allocated(3, t(5))).thenNothingIsWritten(/stale: position 3 is not after 4/);
    });
  });
});
