import type { INestApplication } from '@nestjs/common';
import { openDatabase, type Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { createProductionApp } from '@quadrant/production';
import { defineMachiningLine, testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createGatewayApp } from '@quadrant/gateway';

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Revision {
  revision: number;
  causationId: string | null;
  trigger: { kind: string; workUnitId: string | null; reasonCode: string | null; eventIds: string[] };
  movedCount: number;
  moved: { jobOrderId: string; segmentId: string; from: { workUnitId: string } | null; to: { workUnitId: string; start: string } | null }[];
}

const REVISIONS = `query ($siteId: ID!) { scheduleRevisions(siteId: $siteId, last: 50) {
  revision causationId movedCount trigger { kind workUnitId reasonCode eventIds } moved { jobOrderId segmentId from { workUnitId } to { workUnitId start } }
} }`;
const SCHEDULE = `query ($scope: ID!, $from: DateTime!, $to: DateTime!) { workSchedule(scope: $scope, from: $from, to: $to) {
  siteId revision workUnitIds operations { jobOrderId segmentId workUnitId setupStart start end locked productId priority late }
  unavailable { workUnitId from to kind reason }
} }`;

/** Planners' GraphQL on the real production service, wired as in embedded mode (one transport): the loop's revisions, the Gantt window, why an operation moved, and their mutations. */
describe('work schedule through the gateway', () => {
  const schemaPrefix = `${uniqueSchema('gsched')}_`;
  let db: Database;
  let transport: InProcessTransport;
  let production: INestApplication;
  let gateway: INestApplication;
  let productionUrl: string;
  let gatewayUrl: string;
  let ws: Client;

  const rest = async (path: string, body: unknown = {}): Promise<void> => {
    const response = await fetch(`${productionUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  };
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> => {
    const response = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };
  const revisions = async (): Promise<Revision[]> => (await graphql<{ scheduleRevisions: Revision[] }>(REVISIONS, { siteId: 'lyon' })).data?.scheduleRevisions ?? [];

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 6 });
    transport = new InProcessTransport();
    production = await createProductionApp({ db, transport, schemaPrefix }, { logger: false, workScheduler: { firstRevisionMs: 100, improveMs: 0 } });
    await production.listen(0, '127.0.0.1');
    productionUrl = (await production.getUrl()).replace('[::1]', '127.0.0.1');
    gateway = await createGatewayApp({ db, transport, schemaPrefix }, { productionUrl, logger: ['error'] });
    await gateway.listen(0, '127.0.0.1');
    gatewayUrl = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    ws = createClient({ url: `${gatewayUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: true });
    await defineMachiningLine(rest);
    // One release at a time, each answered by its own revision: releases that reach the scheduler together
    // are answered by one revision (a backlog is revised once), and the tests below count three.
    for (const [index, jobOrderId] of ['jo-1', 'jo-2', 'jo-3'].entries()) {
      await rest('/job-orders', { jobOrderId, productId: 'shaft', quantity: 40, siteId: 'lyon', priority: 2, dueAt: '2026-01-01T00:00:00Z' });
      await rest(`/job-orders/${jobOrderId}/release`);
      await eventually(async () => (await revisions()).length === index + 1, `the revision of release ${index + 1}`, 15_000);
    }
    await eventually(async () => (await revisions()).length === 3, 'three release revisions', 15_000);
  });
  afterAll(async () => {
    await ws?.dispose();
    await gateway?.close();
    await production?.close();
    await transport?.close();
    await db.exec(`drop schema if exists "${schemaPrefix}production" cascade; drop schema if exists "${schemaPrefix}gateway" cascade`);
    await db.close();
  });

  it('answers the schedule of a line as a Gantt window, with job order labels', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 2 * 86400_000).toISOString();
    const answer = await graphql<{ workSchedule: { siteId: string; revision: number; workUnitIds: string[]; operations: { jobOrderId: string; productId: string; late: boolean }[] } }>(SCHEDULE, { scope: 'line-1', from, to });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.workSchedule).toMatchObject({ siteId: 'lyon', revision: 3, workUnitIds: ['lathe-1', 'lathe-2', 'mill-1'] });
    expect(answer.data?.workSchedule.operations).toHaveLength(6);
    // Due in the past: every operation ends late.
    expect(answer.data?.workSchedule.operations.every((o) => o.productId === 'shaft' && o.late)).toBe(true);
    const bad = await graphql(SCHEDULE, { scope: 'line-1', from: to, to: from });
    expect(bad.errors?.[0]?.message).toContain('must be before');
  });

  it('pushes the revision a breakdown causes, and explains why an operation moved', async () => {
    const pushed: { revision: number; trigger: { kind: string; workUnitId: string } }[] = [];
    const iterator = ws.iterate<{ scheduleRevised: { revision: number; trigger: { kind: string; workUnitId: string } } }>({
      query: `subscription { scheduleRevised(siteId: "lyon") { revision movedCount trigger { kind workUnitId } } }`,
    });
    const listening = (async () => {
      for await (const result of iterator) if (result.data) pushed.push(result.data.scheduleRevised);
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = (await revisions()).length;
    const onLathe1 = (await revisions()).flatMap((r) => r.moved).filter((m) => m.to?.workUnitId === 'lathe-1');
    expect(onLathe1.length).toBeGreaterThan(0);
    const change = await graphql<{ changeWorkUnitState: { eventIds: string[] } }>(
      `mutation ($since: DateTime!) { changeWorkUnitState(workUnitId: "lathe-1", input: { state: Down, reasonCode: "BEARING", since: $since }) { eventIds } }`,
      { since: new Date().toISOString() },
    );
    expect(change.errors).toBeUndefined();
    const breakdownId = change.data?.changeWorkUnitState.eventIds[0];
    await eventually(async () => (await revisions()).length > before, 'the breakdown revision', 15_000);
    const [latest] = await revisions();
    expect(latest).toMatchObject({ revision: before + 1, causationId: breakdownId, trigger: { kind: 'Breakdown', workUnitId: 'lathe-1', reasonCode: 'BEARING' } });
    await eventually(() => pushed.some((p) => p.revision === before + 1), 'the scheduleRevised push');
    expect(pushed.find((p) => p.revision === before + 1)?.trigger).toEqual({ kind: 'Breakdown', workUnitId: 'lathe-1' });
    await iterator.return?.();
    await listening;

    const moved = latest?.moved.find((m) => m.from?.workUnitId === 'lathe-1');
    if (!moved) throw new Error('nothing moved off lathe-1');
    const why = await graphql<{ whyDidOperationMove: { revision: { revision: number }; move: { from: { workUnitId: string } | null }; causes: { eventId: string; type: string; summary: string }[] }[] }>(
      `query ($j: ID!, $s: ID!) { whyDidOperationMove(jobOrderId: $j, segmentId: $s) { revision { revision } move { from { workUnitId } } causes { eventId type summary } } }`,
      { j: moved.jobOrderId, s: moved.segmentId },
    );
    expect(why.errors).toBeUndefined();
    const [explained] = why.data?.whyDidOperationMove ?? [];
    expect(explained?.revision.revision).toBe(before + 1);
    expect(explained?.causes[0]?.type).toBe('WorkScheduleRevised');
    expect(explained?.causes[1]).toMatchObject({ eventId: breakdownId, type: 'WorkUnitStateChanged', summary: 'lathe-1 Down (BEARING) after Unknown' });
    // The first placement is explained too: by the job order's release.
    expect(why.data?.whyDidOperationMove.at(-1)?.causes[1]).toMatchObject({ type: 'JobOrderReleased' });
  });

  it('routes the planners mutations to the production service, with its refusals', async () => {
    const refused = await graphql(`mutation { moveScheduledOperation(siteId: "lyon", jobOrderId: "jo-1", segmentId: "turn", workUnitId: "mill-1", start: "2030-01-01T00:00:00Z") { eventIds } }`);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('WORK_UNIT_NOT_ELIGIBLE');
    const badId = await graphql(`mutation { lockScheduledOperation(siteId: "ly on", jobOrderId: "jo-1", segmentId: "turn") { eventIds } }`);
    expect(badId.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const locked = await graphql<{ lockScheduledOperation: { eventIds: string[] } }>(`mutation { lockScheduledOperation(siteId: "lyon", jobOrderId: "jo-2", segmentId: "mill") { eventIds } }`);
    expect(locked.data?.lockScheduledOperation.eventIds).toHaveLength(1);
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 7 * 86400_000).toISOString();
    await eventually(async () => {
      const answer = await graphql<{ workSchedule: { operations: { jobOrderId: string; segmentId: string; locked: boolean }[] } }>(SCHEDULE, { scope: 'lyon', from, to });
      return answer.data?.workSchedule.operations.find((o) => o.jobOrderId === 'jo-2' && o.segmentId === 'mill')?.locked === true;
    }, 'the lock in the read model');
    const requested = await graphql<{ requestReschedule: { eventIds: string[] } }>(`mutation { requestReschedule(siteId: "lyon") { eventIds } }`);
    expect(requested.errors).toBeUndefined();
    const nothing = await graphql(`mutation { requestReschedule(siteId: "austin") { eventIds } }`);
    expect(nothing.errors?.[0]?.extensions?.['code']).toBe('NOTHING_TO_SCHEDULE');
  });
});
