import type { INestApplication } from '@nestjs/common';
import { openDatabase, type Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { defineMachiningEquipment, testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createProductionApp } from '../create-production-app';

/** Work definitions and a job order from creation to close, with every enforcement, on a real PostgreSQL. */
describe('job orders over HTTP', () => {
  const schemaPrefix = `${uniqueSchema('jobs')}_`;
  let db: Database;
  let app: INestApplication;
  let url: string;

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const post = (path: string, body?: unknown, headers?: Record<string, string>) => send('POST', path, body ?? {}, headers);
  const ok = async (path: string, body?: unknown, headers?: Record<string, string>): Promise<Record<string, unknown>> => {
    const response = await post(path, body, headers);
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const refusal = async (path: string, body?: unknown): Promise<string> => {
    const response = await post(path, body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    return String(response.body['code']);
  };
  // The work scheduler revises the site's schedule on its own, whenever it gets to it: its stream is left out.
  const events = async (): Promise<{ stream_id: string; event_type: string }[]> =>
    db.query(`select stream_id, event_type from "${schemaPrefix}production".events where stream_id not like 'work-schedule-%' order by global_position`);

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
    app = await createProductionApp({ db, transport: new InProcessTransport(), schemaPrefix }, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await defineMachiningEquipment(ok);
    await ok('/products', { productId: 'shaft', name: 'Drive shaft', unitOfMeasure: 'pcs' });
    await ok('/products/shaft/routings', {
      segments: [
        { segmentId: 'turn', name: 'Turning', eligible: [{ equipmentClassId: 'lathes', idealCycleTimeSeconds: 30, setupTimeSeconds: 600 }], consumes: [{ materialDefinitionId: 'bar-42', quantityPerUnit: 1 }] },
        { segmentId: 'mill', name: 'Milling', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: 45, setupTimeSeconds: 300 }], dependsOn: ['turn'] },
      ],
    });
    for (const unit of ['lathe-1', 'lathe-2', 'mill-1']) await ok(`/work-units/${unit}/state`, { state: 'Idle', since: '2026-11-02T05:00:00Z' });
  });
  afterAll(async () => {
    await app.close();
    await db.exec(`drop schema if exists "${schemaPrefix}production" cascade`);
    await db.close();
  });

  it('refuses a routing that cannot run, naming the problem, and keeps the versions apart', async () => {
    const cyclic = await post('/products/shaft/routings', {
      segments: [
        { segmentId: 'a', name: 'A', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: 1, setupTimeSeconds: 0 }], dependsOn: ['b'] },
        { segmentId: 'b', name: 'B', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: 1, setupTimeSeconds: 0 }], dependsOn: ['a'] },
      ],
    });
    expect(cyclic.status).toBe(422);
    expect(cyclic.body['message']).toContain('cycle');
    const bad = await post('/products/shaft/routings', { segments: [{ segmentId: 'x', name: 'X', eligible: [{ idealCycleTimeSeconds: -1, setupTimeSeconds: 0 }] }] });
    expect(bad.status).toBe(400);
    const fields = (bad.body['details'] as { problems: { field: string }[] }).problems.map((p) => p.field).sort();
    expect(fields).toEqual(['segments.0.eligible.0.equipmentClassId', 'segments.0.eligible.0.idealCycleTimeSeconds', 'segments.0.eligible.0.workUnitId']);
    const product = (await (await fetch(`${url}/products/shaft`)).json()) as { routings: unknown[] };
    expect(product.routings).toHaveLength(1);
  });

  it('runs a job order from creation to close, enforcing every rule on the way', async () => {
    expect(await refusal('/job-orders', { jobOrderId: 'jo-1', productId: 'bolt', quantity: 10, siteId: 'lyon' })).toBe('NOT_FOUND');
    await ok('/job-orders', { jobOrderId: 'jo-1', productId: 'shaft', quantity: 10, siteId: 'lyon', priority: 2, dueAt: '2026-11-05T16:00:00Z' });
    expect(await refusal('/job-orders/jo-1/segments/turn/start', { workUnitId: 'lathe-1' })).toBe('UNKNOWN_SEGMENT');
    await ok('/job-orders/jo-1/release');
    const released = (await (await fetch(`${url}/job-orders/jo-1`)).json()) as { status: string; routingVersion: number; segments: { definition: { eligible: { workUnitId: string }[] } }[] };
    expect(released).toMatchObject({ status: 'Ready', routingVersion: 1 });
    expect(released.segments[0]?.definition.eligible.map((e) => e.workUnitId)).toEqual(['lathe-1', 'lathe-2']);

    expect(await refusal('/job-orders/jo-1/dispatch', { segmentId: 'turn', workUnitId: 'mill-1' })).toBe('WORK_UNIT_NOT_ELIGIBLE');
    await ok('/job-orders/jo-1/dispatch', { segmentId: 'turn', workUnitId: 'lathe-1' });
    expect(await refusal('/job-orders/jo-1/segments/mill/start', { workUnitId: 'mill-1' })).toBe('SEGMENT_DEPENDENCY_OPEN');

    await ok('/work-units/lathe-1/state', { state: 'Down', reasonCode: 'BEARING', since: '2026-11-02T06:00:00Z' });
    const before = (await events()).length;
    expect(await refusal('/job-orders/jo-1/segments/turn/start', { workUnitId: 'lathe-1' })).toBe('WORK_UNIT_UNAVAILABLE');
    expect((await events()).length).toBe(before);
    await ok('/work-units/lathe-1/state', { state: 'Running', since: '2026-11-02T06:30:00Z' });
    expect(await refusal('/job-orders/jo-1/segments/turn/production', { good: 1, scrap: 0 })).toBe('JOB_ORDER_COMMAND_NOT_ALLOWED');
    await ok('/job-orders/jo-1/segments/turn/start', { workUnitId: 'lathe-1' }, { 'idempotency-key': 'start-turn' });
    await ok('/job-orders/jo-1/segments/turn/start', { workUnitId: 'lathe-1' }, { 'idempotency-key': 'start-turn' });

    // One job order at a time on a unit.
    await ok('/job-orders', { jobOrderId: 'jo-2', productId: 'shaft', quantity: 5, siteId: 'lyon' });
    await ok('/job-orders/jo-2/release');
    expect(await refusal('/job-orders/jo-2/segments/turn/start', { workUnitId: 'lathe-1' })).toBe('WORK_UNIT_AT_CAPACITY');

    const negative = await post('/job-orders/jo-1/segments/turn/production', { good: 3, scrap: -1 });
    expect(negative.status).toBe(400);
    await ok('/job-orders/jo-1/segments/turn/production', { good: 6, scrap: 1, scrapReasonCode: 'BURR' });
    const counts = await ok('/work-units/production-counts', {
      counts: [
        { messageId: 'c-1', workUnitId: 'lathe-1', at: '2026-11-02T07:00:00Z', good: 3, scrap: 0 },
        { messageId: 'c-1', workUnitId: 'lathe-1', at: '2026-11-02T07:00:00Z', good: 3, scrap: 0 },
        { messageId: 'c-2', workUnitId: 'lathe-2', at: '2026-11-02T07:00:00Z', good: 1, scrap: 0 },
      ],
    });
    expect((counts['results'] as { status: string; error?: { code: string } }[]).map((r) => r.error?.code ?? r.status)).toEqual(['recorded', 'replayed', 'NO_RUNNING_JOB_ORDER']);
    await ok('/job-orders/jo-1/segments/turn/material-actuals', { materialUse: 'Consumed', materialDefinitionId: 'bar-42', materialLotId: 'LOT-7', quantity: 10 });

    expect(await refusal('/job-orders/jo-1/commands', { command: 'Complete' })).toBe('OPEN_SEGMENTS');
    expect((await post('/job-orders/jo-1/commands', { command: 'Hold' })).status).toBe(400);
    await ok('/job-orders/jo-1/commands', { command: 'Pause' });
    expect(await refusal('/job-orders/jo-1/segments/turn/production', { good: 1, scrap: 0 })).toBe('JOB_ORDER_COMMAND_NOT_ALLOWED');
    await ok('/job-orders/jo-1/commands', { command: 'Resume' });

    await ok('/job-orders/jo-1/segments/turn/complete');
    // lathe-1 is free again: jo-2 takes it.
    await ok('/job-orders/jo-2/segments/turn/start', { workUnitId: 'lathe-1' });
    await ok('/job-orders/jo-1/segments/mill/start', { workUnitId: 'mill-1' });
    await ok('/job-orders/jo-1/segments/mill/complete');
    await ok('/job-orders/jo-1/commands', { command: 'Complete' });
    await ok('/job-orders/jo-1/commands', { command: 'Close' });

    const done = (await (await fetch(`${url}/job-orders/jo-1`)).json()) as { status: string; segments: { status: string; good: number; scrap: number }[] };
    expect(done.status).toBe('Closed');
    expect(done.segments.map((s) => [s.status, s.good, s.scrap])).toEqual([['Completed', 9, 1], ['Completed', 0, 0]]);
    const jo1 = (await events()).filter((e) => e.stream_id === 'job-order-jo-1').map((e) => e.event_type);
    expect(jo1).toEqual([
      'JobOrderCreated', 'JobOrderReleased', 'JobOrderDispatched', 'JobOrderSegmentStarted', 'ProductionReported', 'ProductionReported',
      'MaterialActualRecorded', 'JobOrderPaused', 'JobOrderResumed', 'JobOrderSegmentCompleted', 'JobOrderSegmentStarted', 'JobOrderSegmentCompleted',
      'JobOrderCompleted', 'JobOrderClosed',
    ]);
  });

  it('forces completion with a reason, and an abort frees the work units', async () => {
    await ok('/job-orders/jo-2/commands', { command: 'Abort', reasonCode: 'CUSTOMER_CANCELLED' });
    const lathe = (await (await fetch(`${url}/equipment/lathe-1`)).json()) as { workUnit: { allocations: unknown[] } };
    expect(lathe.workUnit.allocations).toEqual([]);
    await ok('/job-orders', { jobOrderId: 'jo-3', productId: 'shaft', quantity: 5, siteId: 'lyon' });
    await ok('/job-orders/jo-3/release');
    await ok('/job-orders/jo-3/segments/turn/start', { workUnitId: 'lathe-2' });
    expect((await post('/job-orders/jo-3/commands', { command: 'Complete', force: true })).status).toBe(400);
    await ok('/job-orders/jo-3/commands', { command: 'Complete', force: true, reasonCode: 'SHORT_RUN' });
    const jo3 = (await (await fetch(`${url}/job-orders/jo-3`)).json()) as { status: string };
    expect(jo3.status).toBe('Completed');
    const lathe2 = (await (await fetch(`${url}/equipment/lathe-2`)).json()) as { workUnit: { allocations: unknown[] } };
    expect(lathe2.workUnit.allocations).toEqual([]);
  });

  it('refuses a start in the planned downtime of the calendar of the work unit, and takes it once the window is cancelled', async () => {
    const allDay = { timeZone: 'Europe/Paris', shifts: [{ name: 'Day', days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '00:00', end: '24:00' }] };
    expect((await post('/work-calendars/line-1', { calendar: allDay })).body['code']).toBe('CALENDAR_OWNER_NOT_SUPPORTED');
    const bad = await post('/work-calendars/mill-1', { calendar: { ...allDay, timeZone: 'Nowhere/Else' } });
    expect(bad.status).toBe(400);
    await ok('/work-calendars/mill-1', { calendar: allDay });
    const now = Date.now();
    await ok('/work-calendars/mill-1/planned-downtime', { windowId: 'pm-1', start: new Date(now - 3_600_000).toISOString(), end: new Date(now + 3_600_000).toISOString(), reason: 'planned maintenance' });
    await ok('/job-orders', { jobOrderId: 'jo-5', productId: 'shaft', quantity: 1, siteId: 'lyon' });
    await ok('/job-orders/jo-5/release');
    await ok('/job-orders/jo-5/segments/turn/start', { workUnitId: 'lathe-2' });
    await ok('/job-orders/jo-5/segments/turn/complete');
    const refused = await post('/job-orders/jo-5/segments/mill/start', { workUnitId: 'mill-1' });
    expect(refused.body).toMatchObject({ code: 'WORK_UNIT_UNAVAILABLE' });
    expect(String(refused.body['message'])).toContain('planned maintenance');
    const calendar = (await (await fetch(`${url}/work-calendars/mill-1?from=${new Date(now).toISOString()}&to=${new Date(now + 7_200_000).toISOString()}`)).json()) as { range: { times: { plannedOperatingTime: number; plannedDownTime: number } } };
    expect(calendar.range.times).toMatchObject({ plannedOperatingTime: 7200, plannedDownTime: 3600 });
    await ok('/work-calendars/mill-1/planned-downtime/pm-1/cancel');
    await ok('/job-orders/jo-5/segments/mill/start', { workUnitId: 'mill-1' });
  });
});
