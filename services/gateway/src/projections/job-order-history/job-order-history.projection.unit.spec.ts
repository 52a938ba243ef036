import type { JobOrderEvent } from '@quadrant/contracts';
import {
  aborted,
  closed,
  completed,
  created,
  dispatched,
  fact,
  forceCompleted,
  held,
  materialConsumed,
  paused,
  released,
  reported,
  resumed,
  segmentCompleted,
  started,
  t,
} from '../../testing/job-order-facts';
import { stateChanged } from '../../testing/projection-specification';
import { projectJobOrderHistory } from './job-order-history.projection';

describe('job order history projection', () => {
  it('records who did what, when, under which request, with the data', () => {
    expect(projectJobOrderHistory(fact(5, held, { actor: 'supervisor.sam', correlationId: 'corr-9', occurredAt: t(12) }))).toEqual({
      write: {
        eventId: 'jo-1-5',
        jobOrderId: 'jo-1',
        streamPosition: 5,
        type: 'JobOrderHeld',
        summary: 'Held (QUALITY)',
        occurredAt: t(12),
        actor: 'supervisor.sam',
        correlationId: 'corr-9',
        reasonCode: 'QUALITY',
        data: { jobOrderId: 'jo-1', reasonCode: 'QUALITY', heldAt: t(12) },
      },
    });
  });

  it.each<[string, JobOrderEvent, string, string | null]>([
    ['creation', created(), 'Created for 100 of shaft at lyon, priority 2, due 2026-11-05T16:00:00.000Z', null],
    ['release', released, 'Released with routing v3: turn, mill', null],
    ['dispatch', dispatched('turn', 'lathe-1', 1), 'Segment turn dispatched to lathe-1', null],
    ['segment start', started('turn', 'lathe-1'), 'Segment turn started on lathe-1', null],
    ['pause with a reason', paused('BREAK'), 'Paused (BREAK)', 'BREAK'],
    ['pause without one', paused(), 'Paused', null],
    ['hold', held, 'Held (QUALITY)', 'QUALITY'],
    ['resume', resumed, 'Resumed', null],
    ['production report', reported('turn', 'lathe-1', 40, 2, 1, { scrapReasonCode: 'BURR' }), 'Segment turn on lathe-1: 40 good, 2 scrap (BURR), 1 rework', null],
    ['material actual', materialConsumed, 'Segment turn consumed 12.5 of steel-bar, lot lot-42', null],
    ['segment completion', segmentCompleted('turn', 'lathe-1'), 'Segment turn completed on lathe-1', null],
    ['completion', completed(), 'Completed', null],
    ['forced completion', forceCompleted, 'Completed by force (SHORT_RUN) with segments open: mill', 'SHORT_RUN'],
    ['close', closed, 'Closed', null],
    ['abort', aborted, 'Aborted (CANCELLED)', 'CANCELLED'],
  ])('summarises a %s, with its reason code as the why', (_what, event, summary, reasonCode) => {
    expect(projectJobOrderHistory(fact(3, event))).toMatchObject({ write: { type: event.type, summary, reasonCode, data: event.data } });
  });

  it('records nothing for an event of another stream', () => {
    expect(projectJobOrderHistory(stateChanged(2, 'Running', 'Idle', t(6)))).toEqual({ skip: expect.stringMatching(/not a job order event/) });
  });
});
