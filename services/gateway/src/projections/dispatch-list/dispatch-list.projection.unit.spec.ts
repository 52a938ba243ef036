import type { JobOrderEvent } from '@quadrant/contracts';
import { aborted, completed, created, dispatched, due, fact, held, jobOrderId, paused, released, resumed, segmentCompleted, started, t } from '../../testing/job-order-facts';
import { projectJobOrder, type JobOrderRecord } from '../job-orders/job-orders.projection';
import { dispatchListOf } from './dispatch-list.projection';

/** The job order after these events, folded as the store does. */
function jobOrderAfter(...events: JobOrderEvent[]): JobOrderRecord {
  const job = events.reduce<JobOrderRecord | null>((current, event, index) => {
    const outcome = projectJobOrder(current, fact(index + 1, event));
    return 'write' in outcome ? outcome.write : current;
  }, null);
  if (!job) throw new Error('no job order was created');
  return job;
}

const entry = (workUnitId: string, segmentId: string, segmentName: string, dispatchedAt: string, startable: boolean) => ({
  workUnitId,
  jobOrderId,
  segmentId,
  segmentName,
  priority: 2,
  dueAt: due,
  dispatchedAt,
  startable,
});

const bothDispatched = [created(), released, dispatched('turn', 'lathe-1', 1), dispatched('turn', 'lathe-2', 2, t(8, 5)), dispatched('mill', 'mill-1', 3, t(8, 10))];

describe('dispatch list', () => {
  it('lists a dispatched segment on each work unit it was dispatched to, startable once what it depends on completed', () => {
    expect(dispatchListOf(jobOrderAfter(...bothDispatched))).toEqual([
      entry('lathe-1', 'turn', 'Turning', t(8), true),
      entry('lathe-2', 'turn', 'Turning', t(8, 5), true),
      entry('mill-1', 'mill', 'Milling', t(8, 10), false),
    ]);
  });

  it('takes a segment off every list once it starts on one of its work units', () => {
    expect(dispatchListOf(jobOrderAfter(...bothDispatched, started('turn', 'lathe-2')))).toEqual([entry('mill-1', 'mill', 'Milling', t(8, 10), false)]);
  });

  it('makes the next segment startable when the one before completes', () => {
    expect(dispatchListOf(jobOrderAfter(...bothDispatched, started('turn', 'lathe-1'), segmentCompleted('turn', 'lathe-1')))).toEqual([
      entry('mill-1', 'mill', 'Milling', t(8, 10), true),
    ]);
  });

  it('keeps a paused job order on the lists', () => {
    expect(dispatchListOf(jobOrderAfter(...bothDispatched, started('turn', 'lathe-1'), paused()))).toHaveLength(1);
  });

  it('takes a held job order off the lists until it is resumed', () => {
    expect(dispatchListOf(jobOrderAfter(...bothDispatched, held))).toEqual([]);
    expect(dispatchListOf(jobOrderAfter(...bothDispatched, held, resumed))).toHaveLength(3);
  });

  it('lists nothing of a job order that is completed or aborted', () => {
    expect(dispatchListOf(jobOrderAfter(...bothDispatched, started('turn', 'lathe-1'), completed()))).toEqual([]);
    expect(dispatchListOf(jobOrderAfter(...bothDispatched, aborted))).toEqual([]);
  });

  it('lists nothing before a dispatch', () => {
    expect(dispatchListOf(jobOrderAfter(created(), released))).toEqual([]);
  });
});
