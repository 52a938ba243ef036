import type { JobOrderEvent } from '@quadrant/contracts';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { equipmentDefined, eventually, GatewayHarness, jobOrderRecorded } from '../testing/gateway-harness';
import { routing } from '../testing/job-order-facts';
import { JobOrderFeed } from './job-order-feed';

/** `2026-11-<day>T<hour>:<minute>Z` */
const at = (day: number, hour: number, minute = 0): string => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
const due = at(5, 16);

/** A job order's stream: each event recorded at the next position. */
function stream(jobOrderId: string) {
  let position = 0;
  return (event: (jobOrderId: string) => JobOrderEvent): RecordedEvent => {
    position += 1;
    return jobOrderRecorded(position, event(jobOrderId), { occurredAt: at(2, 6), actor: 'planner.anna' });
  };
}

const created =
  (siteId: string, quantity: number) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderCreated', data: { jobOrderId, productId: 'shaft', quantity, siteId, priority: 2, dueAt: due, createdAt: at(2, 6) } });
const released = (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderReleased', data: { jobOrderId, routingVersion: 3, segments: routing, releasedAt: at(2, 7) } });
const dispatched =
  (segmentId: string, workUnitId: string, sequence: number) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderDispatched', data: { jobOrderId, segmentId, workUnitId, sequence, dispatchedAt: at(2, 8) } });
const started =
  (segmentId: string, workUnitId: string) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderSegmentStarted', data: { jobOrderId, segmentId, workUnitId, startedAt: at(2, 9) } });
const reported =
  (segmentId: string, workUnitId: string, good: number, scrap = 0) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'ProductionReported', data: { jobOrderId, segmentId, workUnitId, good, scrap, rework: 0, reportedAt: at(2, 10) } });
const segmentCompleted =
  (segmentId: string, workUnitId: string) =>
  (jobOrderId: string): JobOrderEvent => ({ type: 'JobOrderSegmentCompleted', data: { jobOrderId, segmentId, workUnitId, endedAt: at(2, 11) } });

interface PushedJobOrder {
  id: string;
  siteId: string;
  status: string;
  progress: { fraction: number; good: number; scrap: number };
  lateness: number;
  segments: { segmentId: string; status: string }[];
}

/** Everything one subscription is pushed, in order. */
function subscribe(client: Client, variables: { siteId?: string; jobOrderId?: string }) {
  const pushes: PushedJobOrder[] = [];
  const errors: unknown[] = [];
  const iterator = client.iterate<{ jobOrderChanged: PushedJobOrder }>({
    query: `subscription ($siteId: ID, $jobOrderId: ID) {
      jobOrderChanged(siteId: $siteId, jobOrderId: $jobOrderId) { id siteId status progress { fraction good scrap } lateness segments { segmentId status } }
    }`,
    variables,
  });
  const done = (async () => {
    for await (const result of iterator) {
      if (result.errors || !result.data) errors.push(result.errors ?? result);
      else pushes.push(result.data.jobOrderChanged);
    }
  })();
  return {
    pushes,
    errors,
    seen: (): string[] => pushes.map((job) => `${job.id} ${job.status}`),
    async stop(): Promise<void> {
      await iterator.return?.();
      await done;
    },
  };
}

/** Lateness in seconds as the gateway measures it at some instant in [before, after]. */
function latenessBetween(before: number, after: number): [number, number] {
  const dueMs = Date.parse(due);
  return [Math.trunc((before - dueMs) / 1000), Math.trunc((after - dueMs) / 1000)];
}

describe('jobOrderChanged subscription', () => {
  let gateway: GatewayHarness;
  let client: Client;
  // Lyon makes jo-l1 and jo-l2; Austin makes jo-a1.
  const l1 = stream('jo-l1');
  const l2 = stream('jo-l2');
  const a1 = stream('jo-a1');

  beforeAll(async () => {
    gateway = await GatewayHarness.start('http://127.0.0.1:9');
    await gateway.publish(equipmentDefined('acme', 'Enterprise'), equipmentDefined('lyon', 'Site', ['acme']), equipmentDefined('austin', 'Site', ['acme']));
    client = createClient({ url: `${gateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  });

  afterAll(async () => {
    await client?.dispose();
    await gateway?.close();
  });

  it("pushes each committed batch's job orders once, at their latest, to the subscribers of their site or id", async () => {
    const feed = gateway.app.get(JobOrderFeed);
    const lyon = subscribe(client, { siteId: 'lyon' });
    const l2Only = subscribe(client, { jobOrderId: 'jo-l2' });
    const everything = subscribe(client, {});
    await eventually(() => feed.subscriberCount === 3, 'the subscriptions to reach the gateway');

    // One batch: jo-l1 is created and released (one push, Ready), jo-a1 and jo-l2 are created.
    const before = Date.now();
    await gateway.publish(l1(created('lyon', 100)), l1(released), a1(created('austin', 10)), l2(created('lyon', 20)));
    await eventually(() => everything.pushes.length === 3, 'the first batch pushed');
    const after = Date.now();
    expect(everything.seen()).toEqual(['jo-l1 Ready', 'jo-a1 Waiting', 'jo-l2 Waiting']);
    expect(everything.pushes[0]).toEqual({
      id: 'jo-l1',
      siteId: 'lyon',
      status: 'Ready',
      progress: { fraction: 0, good: 0, scrap: 0 },
      lateness: expect.any(Number),
      segments: [
        { segmentId: 'turn', status: 'Pending' },
        { segmentId: 'mill', status: 'Pending' },
      ],
    });
    const [earliest, latest] = latenessBetween(before, after);
    expect(everything.pushes[0]?.lateness).toBeGreaterThanOrEqual(earliest);
    expect(everything.pushes[0]?.lateness).toBeLessThanOrEqual(latest);
    // Pushed after the commit: a query made on receipt already sees it.
    const { data } = await gateway.graphql(`{ jobOrder(id: "jo-l1") { status } }`);
    expect(data).toEqual({ jobOrder: { status: 'Ready' } });

    // Dispatched and started: Running. Austin's release is not Lyon's business.
    await gateway.publish(l1(dispatched('turn', 'lathe-1', 1)), a1(released), l1(started('turn', 'lathe-1')));
    await eventually(() => everything.pushes.length === 5, 'the second batch pushed');
    expect(everything.seen().slice(3)).toEqual(['jo-l1 Running', 'jo-a1 Ready']);

    // Production through both segments: progress counts good where the routing ends.
    await gateway.publish(
      l1(reported('turn', 'lathe-1', 40, 2)),
      l1(segmentCompleted('turn', 'lathe-1')),
      l1(dispatched('mill', 'mill-1', 2)),
      l1(started('mill', 'mill-1')),
      l1(reported('mill', 'mill-1', 25)),
      l1(reported('mill', 'mill-1', 5, 1)),
    );
    await eventually(() => everything.pushes.length === 6, 'the third batch pushed');
    expect(everything.pushes[5]).toMatchObject({
      id: 'jo-l1',
      status: 'Running',
      progress: { fraction: 0.3, good: 30, scrap: 3 },
      segments: [
        { segmentId: 'turn', status: 'Completed' },
        { segmentId: 'mill', status: 'Running' },
      ],
    });

    // A push measures lateness when it is sent, not when the subscription's first push was.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = Date.now();
    await gateway.publish(l2(released));
    await eventually(() => lyon.pushes.length === 5 && l2Only.pushes.length === 2, 'the last batch pushed');
    const [laterEarliest, laterLatest] = latenessBetween(later, Date.now());
    expect(lyon.pushes[4]?.lateness).toBeGreaterThanOrEqual(laterEarliest);
    expect(lyon.pushes[4]?.lateness).toBeLessThanOrEqual(laterLatest);

    // In order, and nothing else: no job order of Austin, no intermediate state of a batch.
    expect(lyon.seen()).toEqual(['jo-l1 Ready', 'jo-l2 Waiting', 'jo-l1 Running', 'jo-l1 Running', 'jo-l2 Ready']);
    expect(lyon.pushes.map((job) => job.siteId)).toEqual(['lyon', 'lyon', 'lyon', 'lyon', 'lyon']);
    expect(l2Only.seen()).toEqual(['jo-l2 Waiting', 'jo-l2 Ready']);
    expect([lyon.errors, l2Only.errors, everything.errors]).toEqual([[], [], []]);

    await Promise.all([lyon.stop(), l2Only.stop(), everything.stop()]);
    await eventually(() => feed.subscriberCount === 0, 'the gateway to drop the subscriptions');
  });

  it('pushes nothing for a redelivered batch, which changes nothing', async () => {
    const feed = gateway.app.get(JobOrderFeed);
    const all = subscribe(client, {});
    await eventually(() => feed.subscriberCount === 1, 'the subscription to reach the gateway');
    const dispatch = a1(dispatched('turn', 'welder-1', 1));
    await gateway.publish(dispatch);
    // The same fact again under another event id: the stream position gives it away, so no push.
    await gateway.publish({ ...dispatch, eventId: `${dispatch.eventId}-again` });
    await gateway.publish(l2(dispatched('turn', 'lathe-1', 1)));
    await eventually(() => all.pushes.length === 2, 'both changes pushed');
    expect(all.seen()).toEqual(['jo-a1 Dispatched', 'jo-l2 Dispatched']);
    await all.stop();
  });
});
