import type { JobOrderEvent } from '@quadrant/contracts';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { equipmentDefined, GatewayHarness, jobOrderRecorded } from '../testing/gateway-harness';
import { routing } from '../testing/job-order-facts';

/** `2026-11-<day>T<hour>:<minute>Z` */
const at = (day: number, hour: number, minute = 0): string => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

/** A job order's stream: each event recorded at the next position, by a planner unless said otherwise. */
function stream(jobOrderId: string) {
  let position = 0;
  return {
    jobOrderId,
    record(event: (jobOrderId: string) => JobOrderEvent, origin: { occurredAt?: string; actor?: string; correlationId?: string } = {}): RecordedEvent {
      position += 1;
      return jobOrderRecorded(position, event(jobOrderId), { occurredAt: origin.occurredAt ?? at(2, 6), actor: origin.actor ?? 'planner.anna', ...(origin.correlationId ? { correlationId: origin.correlationId } : {}) });
    },
  };
}

const created =
  (siteId: string, quantity: number, priority: number, dueAt: string | undefined, createdAt: string) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderCreated', data: { jobOrderId, productId: 'shaft', quantity, siteId, priority, ...(dueAt ? { dueAt } : {}), createdAt } });
const released = (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderReleased', data: { jobOrderId, routingVersion: 3, segments: routing, releasedAt: at(2, 7) } });
const dispatched =
  (segmentId: string, workUnitId: string, sequence: number, dispatchedAt: string) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderDispatched', data: { jobOrderId, segmentId, workUnitId, sequence, dispatchedAt } });
const started =
  (segmentId: string, workUnitId: string, startedAt: string) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderSegmentStarted', data: { jobOrderId, segmentId, workUnitId, startedAt } });
const reported =
  (segmentId: string, workUnitId: string, counts: { good: number; scrap?: number; rework?: number; scrapReasonCode?: string }) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'ProductionReported', data: { jobOrderId, segmentId, workUnitId, scrap: 0, rework: 0, ...counts, reportedAt: at(3, 10) } });
const segmentCompleted =
  (segmentId: string, workUnitId: string, endedAt: string) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderSegmentCompleted', data: { jobOrderId, segmentId, workUnitId, endedAt } });

describe('job order read models', () => {
  let gateway: GatewayHarness;
  // Lyon dispatches to lathe-1: jo-b is the most urgent; jo-d and jo-a are due together, jo-d the more
  // urgent; jo-c and jo-f have no due date and wait in dispatch order. Austin's jo-e is not released.
  const a = stream('jo-a');
  const b = stream('jo-b');
  const c = stream('jo-c');
  const d = stream('jo-d');
  const e = stream('jo-e');
  const f = stream('jo-f');

  beforeAll(async () => {
    gateway = await GatewayHarness.start('http://127.0.0.1:9');
    await gateway.publish(equipmentDefined('acme', 'Enterprise'), equipmentDefined('lyon', 'Site', ['acme']), equipmentDefined('austin', 'Site', ['acme']));
    // One publish: one batch, in which several job orders are created and evolve.
    await gateway.publish(
      a.record(created('lyon', 100, 3, at(5, 16), at(2, 6))),
      b.record(created('lyon', 50, 1, at(6, 16), at(2, 6, 1))),
      c.record(created('lyon', 10, 3, undefined, at(2, 6, 2))),
      d.record(created('lyon', 20, 2, at(5, 16), at(2, 6, 3))),
      e.record(created('austin', 5, 5, at(3, 12), at(2, 6, 4))),
      f.record(created('lyon', 5, 3, undefined, at(2, 6, 5))),
      ...[a, b, c, d, f].map((job) => job.record(released)),
      b.record(dispatched('turn', 'lathe-1', 1, at(2, 8, 30))),
      f.record(dispatched('turn', 'lathe-1', 1, at(2, 8, 40))),
      c.record(dispatched('turn', 'lathe-1', 1, at(2, 8, 50))),
      d.record(dispatched('turn', 'lathe-1', 1, at(2, 9))),
      // After jo-f and jo-c, yet ahead of them: it has a due date.
      a.record(dispatched('turn', 'lathe-1', 1, at(2, 9, 10))),
      a.record(dispatched('mill', 'mill-1', 2, at(2, 9, 11))),
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('lists job orders soonest due first, then most urgent, by site, status and due window', async () => {
    const { data, errors } = await gateway.graphql(`{
      all: jobOrders { id status priority dueAt }
      lyon: jobOrders(siteId: "lyon") { id }
      waiting: jobOrders(statuses: [Waiting, Held]) { id siteId site { level } }
      window: jobOrders(dueAfter: "2026-11-05T00:00:00Z", dueBefore: "2026-11-06T16:00:00Z") { id }
      firstTwo: jobOrders(first: 2) { id }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      all: [
        { id: 'jo-e', status: 'Waiting', priority: 5, dueAt: at(3, 12) },
        { id: 'jo-d', status: 'Dispatched', priority: 2, dueAt: at(5, 16) },
        { id: 'jo-a', status: 'Dispatched', priority: 3, dueAt: at(5, 16) },
        { id: 'jo-b', status: 'Dispatched', priority: 1, dueAt: at(6, 16) },
        { id: 'jo-c', status: 'Dispatched', priority: 3, dueAt: null },
        { id: 'jo-f', status: 'Dispatched', priority: 3, dueAt: null },
      ],
      lyon: [{ id: 'jo-d' }, { id: 'jo-a' }, { id: 'jo-b' }, { id: 'jo-c' }, { id: 'jo-f' }],
      waiting: [{ id: 'jo-e', siteId: 'austin', site: { level: 'Site' } }],
      // dueBefore is exclusive: jo-b, due exactly then, is out.
      window: [{ id: 'jo-d' }, { id: 'jo-a' }],
      firstTwo: [{ id: 'jo-e' }, { id: 'jo-d' }],
    });
  });

  it('refuses a page size out of range, naming the argument', async () => {
    const { errors } = await gateway.graphql(`{ jobOrders(first: 0) { id } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'first', message: 'must be between 1 and 1000' }] });
  });

  it("answers each work unit's dispatch list: most urgent, then soonest due, then longest waiting", async () => {
    const { data, errors } = await gateway.graphql(`{
      lathe: dispatchList(workUnitId: "lathe-1") { position jobOrderId segmentId segmentName priority dueAt dispatchedAt startable jobOrder { quantity } }
      mill: dispatchList(workUnitId: "mill-1") { position jobOrderId segmentId startable }
      idle: dispatchList(workUnitId: "lathe-2") { jobOrderId }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      lathe: [
        { position: 1, jobOrderId: 'jo-b', segmentId: 'turn', segmentName: 'Turning', priority: 1, dueAt: at(6, 16), dispatchedAt: at(2, 8, 30), startable: true, jobOrder: { quantity: 50 } },
        { position: 2, jobOrderId: 'jo-d', segmentId: 'turn', segmentName: 'Turning', priority: 2, dueAt: at(5, 16), dispatchedAt: at(2, 9), startable: true, jobOrder: { quantity: 20 } },
        { position: 3, jobOrderId: 'jo-a', segmentId: 'turn', segmentName: 'Turning', priority: 3, dueAt: at(5, 16), dispatchedAt: at(2, 9, 10), startable: true, jobOrder: { quantity: 100 } },
        { position: 4, jobOrderId: 'jo-f', segmentId: 'turn', segmentName: 'Turning', priority: 3, dueAt: null, dispatchedAt: at(2, 8, 40), startable: true, jobOrder: { quantity: 5 } },
        { position: 5, jobOrderId: 'jo-c', segmentId: 'turn', segmentName: 'Turning', priority: 3, dueAt: null, dispatchedAt: at(2, 8, 50), startable: true, jobOrder: { quantity: 10 } },
      ],
      mill: [{ position: 1, jobOrderId: 'jo-a', segmentId: 'mill', startable: false }],
      idle: [],
    });
  });

  it('follows a job order through execution: segments, progress, the dispatch lists, then lateness at completion', async () => {
    await gateway.publish(
      a.record(started('turn', 'lathe-1', at(3, 9))),
      a.record(reported('turn', 'lathe-1', { good: 100, scrap: 3, scrapReasonCode: 'BURR' })),
      a.record(segmentCompleted('turn', 'lathe-1', at(3, 12))),
    );
    const turned = await gateway.graphql<{ jobOrder: unknown; lathe: { jobOrderId: string }[]; mill: unknown }>(`{
      jobOrder(id: "jo-a") { status startedAt progress { fraction good scrap rework } segments { segmentId status workUnitId actualStart actualEnd good scrap dispatchedTo } }
      lathe: dispatchList(workUnitId: "lathe-1") { jobOrderId }
      mill: dispatchList(workUnitId: "mill-1") { jobOrderId startable }
    }`);
    expect(turned.errors).toBeUndefined();
    expect(turned.data?.jobOrder).toEqual({
      // As production has it: nothing runs, and it has dispatches.
      status: 'Dispatched',
      startedAt: at(3, 9),
      // Turned pieces are not finished pieces: good counts where the routing ends.
      progress: { fraction: 0, good: 0, scrap: 3, rework: 0 },
      segments: [
        { segmentId: 'turn', status: 'Completed', workUnitId: 'lathe-1', actualStart: at(3, 9), actualEnd: at(3, 12), good: 100, scrap: 3, dispatchedTo: ['lathe-1'] },
        { segmentId: 'mill', status: 'Pending', workUnitId: null, actualStart: null, actualEnd: null, good: 0, scrap: 0, dispatchedTo: ['mill-1'] },
      ],
    });
    expect(turned.data?.lathe.map((entry) => entry.jobOrderId)).toEqual(['jo-b', 'jo-d', 'jo-f', 'jo-c']);
    expect(turned.data?.mill).toEqual([{ jobOrderId: 'jo-a', startable: true }]);

    await gateway.publish(
      a.record(started('mill', 'mill-1', at(4, 8))),
      a.record(reported('mill', 'mill-1', { good: 60, rework: 1 })),
      a.record((jobOrderId) => ({ type: 'JobOrderPaused', data: { jobOrderId, reasonCode: 'BREAK', pausedAt: at(4, 12) } })),
      a.record((jobOrderId) => ({ type: 'JobOrderResumed', data: { jobOrderId, resumedAt: at(4, 13) } })),
      a.record(reported('mill', 'mill-1', { good: 40 })),
      a.record(segmentCompleted('mill', 'mill-1', at(5, 17))),
      a.record((jobOrderId) => ({ type: 'JobOrderCompleted', data: { jobOrderId, forced: false, openSegments: [], completedAt: at(5, 18) } })),
    );
    const done = await gateway.graphql(`{
      jobOrder(id: "jo-a") { status completedAt progress { fraction good scrap rework } lateness }
      mill: dispatchList(workUnitId: "mill-1") { jobOrderId }
    }`);
    expect(done.errors).toBeUndefined();
    // Two hours late at completion, however long ago that was.
    expect(done.data).toEqual({ jobOrder: { status: 'Completed', completedAt: at(5, 18), progress: { fraction: 1, good: 100, scrap: 3, rework: 1 }, lateness: 7200 }, mill: [] });
  });

  it('measures an open job order against the clock, and one without a due date not at all', async () => {
    const before = Date.now();
    const { data } = await gateway.graphql<{ open: { lateness: number }; undated: { lateness: number | null } }>(`{ open: jobOrder(id: "jo-d") { lateness } undated: jobOrder(id: "jo-c") { lateness } }`);
    const after = Date.now();
    const due = Date.parse(at(5, 16));
    expect(data?.open.lateness).toBeGreaterThanOrEqual(Math.trunc((before - due) / 1000));
    expect(data?.open.lateness).toBeLessThanOrEqual(Math.trunc((after - due) / 1000));
    expect(data?.undated.lateness).toBeNull();
  });

  it('answers who did what, when and why, and takes a held job order off the dispatch lists', async () => {
    await gateway.publish(
      b.record((jobOrderId) => ({ type: 'JobOrderHeld', data: { jobOrderId, reasonCode: 'QUALITY', heldAt: at(3, 7) } }), { occurredAt: at(3, 7), actor: 'supervisor.sam', correlationId: 'corr-hold-1' }),
    );
    const { data, errors } = await gateway.graphql(`{
      jobOrderHistory(jobOrderId: "jo-b") { streamPosition type summary occurredAt actor reasonCode correlationId }
      jobOrder(id: "jo-b") { status history { type data } }
      lathe: dispatchList(workUnitId: "lathe-1") { jobOrderId }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      jobOrderHistory: [
        { streamPosition: 1, type: 'JobOrderCreated', summary: `Created for 50 of shaft at lyon, priority 1, due ${at(6, 16)}`, occurredAt: at(2, 6), actor: 'planner.anna', reasonCode: null, correlationId: null },
        { streamPosition: 2, type: 'JobOrderReleased', summary: 'Released with routing v3: turn, mill', occurredAt: at(2, 6), actor: 'planner.anna', reasonCode: null, correlationId: null },
        { streamPosition: 3, type: 'JobOrderDispatched', summary: 'Segment turn dispatched to lathe-1', occurredAt: at(2, 6), actor: 'planner.anna', reasonCode: null, correlationId: null },
        { streamPosition: 4, type: 'JobOrderHeld', summary: 'Held (QUALITY)', occurredAt: at(3, 7), actor: 'supervisor.sam', reasonCode: 'QUALITY', correlationId: 'corr-hold-1' },
      ],
      jobOrder: {
        status: 'Held',
        history: [
          expect.objectContaining({ type: 'JobOrderCreated' }),
          expect.objectContaining({ type: 'JobOrderReleased' }),
          expect.objectContaining({ type: 'JobOrderDispatched', data: { jobOrderId: 'jo-b', segmentId: 'turn', workUnitId: 'lathe-1', sequence: 1, dispatchedAt: at(2, 8, 30) } }),
          expect.objectContaining({ type: 'JobOrderHeld', data: { jobOrderId: 'jo-b', reasonCode: 'QUALITY', heldAt: at(3, 7) } }),
        ],
      },
      lathe: [{ jobOrderId: 'jo-d' }, { jobOrderId: 'jo-f' }, { jobOrderId: 'jo-c' }],
    });

    await gateway.publish(b.record((jobOrderId) => ({ type: 'JobOrderResumed', data: { jobOrderId, resumedAt: at(3, 8) } })));
    const resumed = await gateway.graphql(`{ jobOrder(id: "jo-b") { status } lathe: dispatchList(workUnitId: "lathe-1") { position jobOrderId } }`);
    expect(resumed.data).toEqual({
      jobOrder: { status: 'Dispatched' },
      lathe: [
        { position: 1, jobOrderId: 'jo-b' },
        { position: 2, jobOrderId: 'jo-d' },
        { position: 3, jobOrderId: 'jo-f' },
        { position: 4, jobOrderId: 'jo-c' },
      ],
    });
  });

  it('counts a redelivered production report once, whether it comes back under its own id or another', async () => {
    await gateway.publish(d.record(started('turn', 'lathe-1', at(3, 9))));
    const report = d.record(reported('turn', 'lathe-1', { good: 5, scrap: 1 }));
    await gateway.publish(report);
    await gateway.publish(report);
    // A producer that re-sent the fact under a new event id: the stream position still gives it away.
    await gateway.publish({ ...report, eventId: `${report.eventId}-again` });
    const { data } = await gateway.graphql(`{
      jobOrder(id: "jo-d") { status segments { segmentId good scrap } progress { scrap } }
      jobOrderHistory(jobOrderId: "jo-d") { type }
    }`);
    expect(data).toEqual({
      jobOrder: { status: 'Running', segments: [{ segmentId: 'turn', good: 5, scrap: 1 }, { segmentId: 'mill', good: 0, scrap: 0 }], progress: { scrap: 1 } },
      jobOrderHistory: [{ type: 'JobOrderCreated' }, { type: 'JobOrderReleased' }, { type: 'JobOrderDispatched' }, { type: 'JobOrderSegmentStarted' }, { type: 'ProductionReported' }],
    });
  });

  it('answers nothing, not an error, for a job order or work unit it does not know', async () => {
    const { data, errors } = await gateway.graphql(`{ jobOrder(id: "nowhere") { id } jobOrderHistory(jobOrderId: "nowhere") { type } dispatchList(workUnitId: "nowhere") { position } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ jobOrder: null, jobOrderHistory: [], dispatchList: [] });
  });
});
