import {
  aborted,
  closed,
  completed,
  created,
  dispatched,
  due,
  fact,
  forceCompleted,
  held,
  jobOrderId,
  materialConsumed,
  paused,
  released,
  reported,
  resumed,
  segmentCompleted,
  started,
  t,
} from '../../testing/job-order-facts';
import { ProjectionSpecification, stateChanged } from '../../testing/projection-specification';
import { jobOrderKeyOf, projectJobOrder, type JobOrderSegmentRecord } from './job-orders.projection';

const spec = ProjectionSpecification(projectJobOrder);

const pending = (segmentId: string, name: string, eligibleWorkUnitIds: string[], dependsOn: string[]): JobOrderSegmentRecord => ({
  segmentId,
  name,
  status: 'Pending',
  eligibleWorkUnitIds,
  dependsOn,
  workUnitId: null,
  dispatches: [],
  actualStart: null,
  actualEnd: null,
  good: 0,
  scrap: 0,
  rework: 0,
});
const turn = pending('turn', 'Turning', ['lathe-1', 'lathe-2'], []);
const mill = pending('mill', 'Milling', ['mill-1'], ['turn']);

// A job order's life so far, at positions 1, 2, ...: `history(n)` is its first n events.
const life = [created(), released, dispatched('turn', 'lathe-1', 1), started('turn', 'lathe-1'), reported('turn', 'lathe-1', 40, 2)];
const history = (count: number) => life.slice(0, count).map((event, index) => fact(index + 1, event));
const next = (count: number, event: Parameters<typeof fact>[1]) => fact(count + 1, event);

describe('job order projection', () => {
  describe('when created', () => {
    it('is Waiting, with what to make, where, how urgently and by when', () => {
      spec.given().when(fact(1, created({ description: 'rush for ACME' }))).then({
        jobOrderId,
        productId: 'shaft',
        siteId: 'lyon',
        description: 'rush for ACME',
        quantity: 100,
        priority: 2,
        dueAt: due,
        status: 'Waiting',
        routingVersion: null,
        createdAt: t(6),
        releasedAt: null,
        startedAt: null,
        completedAt: null,
        closedAt: null,
        abortedAt: null,
        good: 0,
        scrap: 0,
        rework: 0,
        segments: [],
        streamPosition: 1,
        eventId: 'jo-1-1',
      });
    });

    it('has no due date when none was given', () => {
      spec.given().when(fact(1, created({ dueAt: undefined }))).thenWrites({ dueAt: null });
    });

    it('can be held before release, and resumes to Waiting', () => {
      spec.given(fact(1, created()), fact(2, held)).when(fact(3, resumed)).thenWrites({ status: 'Waiting' });
    });
  });

  describe('when released', () => {
    it('is Ready with the routing version and its segments Pending, in routing order', () => {
      spec.given(...history(1)).when(next(1, released)).thenWrites({ status: 'Ready', routingVersion: 3, releasedAt: t(7), segments: [turn, mill], streamPosition: 2 });
    });
  });

  describe('when dispatched', () => {
    it('is Dispatched, the segment knowing the work unit and when', () => {
      spec
        .given(...history(2))
        .when(next(2, dispatched('turn', 'lathe-1', 1)))
        .thenWrites({ status: 'Dispatched', segments: [{ ...turn, dispatches: [{ workUnitId: 'lathe-1', sequence: 1, dispatchedAt: t(8) }] }, mill] });
    });

    it('keeps every work unit a segment was dispatched to', () => {
      spec
        .given(...history(3))
        .when(next(3, dispatched('turn', 'lathe-2', 2, t(8, 30))))
        .thenWrites({
          segments: [
            {
              ...turn,
              dispatches: [
                { workUnitId: 'lathe-1', sequence: 1, dispatchedAt: t(8) },
                { workUnitId: 'lathe-2', sequence: 2, dispatchedAt: t(8, 30) },
              ],
            },
            mill,
          ],
        });
    });

    it('stays Held when dispatched on hold, and resumes as Dispatched', () => {
      const onHold = [...history(2), next(2, held)];
      spec.given(...onHold).when(next(3, dispatched('turn', 'lathe-1', 1))).thenWrites({ status: 'Held' });
      spec.given(...onHold, next(3, dispatched('turn', 'lathe-1', 1))).when(next(4, resumed)).thenWrites({ status: 'Dispatched' });
    });
  });

  describe('when a segment starts', () => {
    it('is Running from the first start, the segment on its work unit since then', () => {
      spec
        .given(...history(3))
        .when(next(3, started('turn', 'lathe-1')))
        .thenWrites({
          status: 'Running',
          startedAt: t(9),
          segments: [{ ...turn, status: 'Running', workUnitId: 'lathe-1', actualStart: t(9), dispatches: [{ workUnitId: 'lathe-1', sequence: 1, dispatchedAt: t(8) }] }, mill],
        });
    });

    it('keeps the first start as the job order start', () => {
      const turned = [...history(4), next(4, segmentCompleted('turn', 'lathe-1'))];
      spec.given(...turned).when(next(5, started('mill', 'mill-1', t(12)))).thenWrites({ startedAt: t(9), status: 'Running' });
    });
  });

  describe('while running', () => {
    it('is Paused, and resumes Running while a segment runs', () => {
      spec.given(...history(4)).when(next(4, paused('BREAK'))).thenWrites({ status: 'Paused' });
      spec.given(...history(4), next(4, paused())).when(next(5, resumed)).thenWrites({ status: 'Running' });
    });

    it('is Held, and resumes Running', () => {
      spec.given(...history(4)).when(next(4, held)).thenWrites({ status: 'Held' });
      spec.given(...history(4), next(4, held)).when(next(5, resumed)).thenWrites({ status: 'Running' });
    });

    it('adds reported counts to the segment; scrap and rework count anywhere, good only where the routing ends', () => {
      spec
        .given(...history(4))
        .when(next(4, reported('turn', 'lathe-1', 40, 2, 1)))
        .thenWrites({ good: 0, scrap: 2, rework: 1, segments: [expect.objectContaining({ segmentId: 'turn', good: 40, scrap: 2, rework: 1 }), mill] });
    });

    it('counts finished pieces from the last segment', () => {
      const milling = [...history(5), next(5, segmentCompleted('turn', 'lathe-1')), fact(7, started('mill', 'mill-1'))];
      spec
        .given(...milling, fact(8, reported('mill', 'mill-1', 30, 1)))
        .when(fact(9, reported('mill', 'mill-1', 8, 0, 2)))
        .thenWrites({ good: 38, scrap: 3, rework: 2, segments: [expect.objectContaining({ good: 40 }), expect.objectContaining({ good: 38, scrap: 1, rework: 2 })] });
    });

    it('records a material actual without changing status or counts', () => {
      spec.given(...history(5)).when(next(5, materialConsumed)).thenWrites({ status: 'Running', good: 0, scrap: 2, streamPosition: 6 });
    });

    it('is Dispatched again when its running segment completes, as production has it', () => {
      spec
        .given(...history(5))
        .when(next(5, segmentCompleted('turn', 'lathe-1')))
        .thenWrites({ status: 'Dispatched', segments: [expect.objectContaining({ segmentId: 'turn', status: 'Completed', actualEnd: t(11) }), mill] });
    });

    it('stays Paused when a segment completes while paused', () => {
      spec.given(...history(5), next(5, paused())).when(fact(7, segmentCompleted('turn', 'lathe-1'))).thenWrites({ status: 'Paused' });
    });
  });

  describe('when it ends', () => {
    it('is Completed, when', () => {
      spec.given(...history(5)).when(next(5, completed())).thenWrites({ status: 'Completed', completedAt: t(14) });
    });

    it('is Completed by force with segments still open, which keep their state', () => {
      spec
        .given(...history(5))
        .when(next(5, forceCompleted))
        .thenWrites({ status: 'Completed', completedAt: t(14), segments: [expect.objectContaining({ status: 'Running' }), expect.objectContaining({ status: 'Pending' })] });
    });

    it('is Closed after completion', () => {
      spec.given(...history(5), next(5, completed())).when(fact(7, closed)).thenWrites({ status: 'Closed', closedAt: t(15), completedAt: t(14) });
    });

    it('is Aborted, when', () => {
      spec.given(...history(3)).when(next(3, aborted)).thenWrites({ status: 'Aborted', abortedAt: t(15), completedAt: null });
    });
  });

  describe('ordering guard', () => {
    it('does not count a redelivered production report twice', () => {
      spec.given(...history(5)).when(fact(5, reported('turn', 'lathe-1', 40, 2))).thenNothingIsWritten(/stale: position 5 is not after 5 of job order "jo-1"/);
    });

    it('does not roll the status back for an older event arriving late', () => {
      spec.given(...history(4)).when(fact(3, dispatched('turn', 'lathe-1', 1))).thenNothingIsWritten(/stale: position 3 is not after 4/);
    });

    it('does not recreate a job order', () => {
      spec.given(...history(2)).when(fact(1, created())).thenNothingIsWritten(/stale/);
    });
  });

  it('writes nothing for a job order whose creation it never saw', () => {
    spec.given().when(fact(2, released)).thenNothingIsWritten(/"jo-1" has not been created/);
  });

  it('reads job order events only', () => {
    const equipmentEvent = stateChanged(2, 'Running', 'Idle', t(6));
    expect(jobOrderKeyOf(equipmentEvent)).toBeUndefined();
    expect(jobOrderKeyOf(fact(1, created()))).toBe(jobOrderId);
    spec.given().when(equipmentEvent).thenNothingIsWritten(/not a job order event/);
  });
});
