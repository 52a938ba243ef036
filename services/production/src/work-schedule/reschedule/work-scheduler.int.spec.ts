import type { INestApplication } from '@nestjs/common';
import type { WorkScheduleRevised } from '@quadrant/contracts';
import { openDatabase, type Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { defineMachiningLine, testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createProductionApp } from '../../create-production-app';

type Revision = WorkScheduleRevised['data'] & { eventId: string; causationId: string | null };

/** The closed loop on a real PostgreSQL: releases, a breakdown and its repair revise the schedule on their own. */
describe('work scheduler', () => {
  const schemaPrefix = `${uniqueSchema('sched')}_`;
  let db: Database;
  let app: INestApplication;
  let url: string;

  const start = async (): Promise<void> => {
    app = await createProductionApp({ db, transport: new InProcessTransport(), schemaPrefix }, { logger: false, workScheduler: { firstRevisionMs: 100, improveMs: 0 } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  };
  const post = async (path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ok = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await post(path, body);
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const revisions = async (): Promise<Revision[]> => {
    const rows = await db.query<{ event_id: string; data: WorkScheduleRevised['data']; metadata: { causationId?: string } }>(
      `select event_id, data, metadata from "${schemaPrefix}production".events where stream_id = 'work-schedule-lyon' and event_type = 'WorkScheduleRevised' order by global_position`,
    );
    return rows.map((row) => ({ ...row.data, eventId: row.event_id, causationId: row.metadata.causationId ?? null }));
  };
  const eventIdOf = async (streamId: string, type: string): Promise<string> => {
    const rows = await db.query<{ event_id: string }>(`select event_id from "${schemaPrefix}production".events where stream_id = $1 and event_type = $2 order by global_position desc limit 1`, [streamId, type]);
    const id = rows[0]?.event_id;
    if (!id) throw new Error(`no ${type} on ${streamId}`);
    return id;
  };
  const until = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const revisionCount = async (n: number): Promise<Revision[]> => until(async () => ((await revisions()).length >= n ? revisions() : undefined), `${n} revisions`);
  /** Each unit's busy intervals in the schedule as it stands after all revisions. */
  const currentSchedule = async (): Promise<{ jobOrderId: string; segmentId: string; placement: { workUnitId: string; start: string; end: string; setupStart: string }; locked: boolean }[]> =>
    ((await (await fetch(`${url}/work-schedules/lyon`)).json()) as { operations: { jobOrderId: string; segmentId: string; placement: { workUnitId: string; start: string; end: string; setupStart: string }; locked: boolean }[] }).operations;

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
    await start();
    await defineMachiningLine(ok);
  });
  afterAll(async () => {
    await app.close();
    await db.exec(`drop schema if exists "${schemaPrefix}production" cascade`);
    await db.close();
  });

  it('places released job orders, then moves the work off a broken-down unit for its expected repair', async () => {
    for (const jobOrderId of ['jo-1', 'jo-2', 'jo-3', 'jo-4']) {
      await ok('/job-orders', { jobOrderId, productId: 'shaft', quantity: 40, siteId: 'lyon', priority: 3 });
      await ok(`/job-orders/${jobOrderId}/release`);
    }
    await until(async () => ((await currentSchedule()).length === 8 ? true : undefined), 'all 8 operations scheduled');
    const before = await revisions();
    expect(before.every((r) => r.trigger.kind === 'JobOrderReleased')).toBe(true);
    expect((await currentSchedule()).some((o) => o.placement.workUnitId === 'lathe-1')).toBe(true);

    // Whole seconds: the scheduler counts in seconds.
    const since = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    await ok('/work-units/lathe-1/state', { state: 'Down', reasonCode: 'BEARING', since });
    const breakdownId = await eventIdOf('equipment-lathe-1', 'WorkUnitStateChanged');
    const [revision] = (await revisionCount(before.length + 1)).slice(before.length);
    expect(revision?.trigger).toMatchObject({ kind: 'Breakdown', workUnitId: 'lathe-1', reasonCode: 'BEARING', eventIds: [breakdownId] });
    expect(revision?.causationId).toBe(breakdownId);
    // No repair history yet: the default 30 minutes.
    const outage = revision?.unavailable.find((w) => w.workUnitId === 'lathe-1');
    expect(outage).toMatchObject({ kind: 'Breakdown', reason: 'BEARING', from: since });
    expect(Date.parse(outage?.to ?? '') - Date.parse(since)).toBe(30 * 60 * 1000);
    expect(revision?.moved.length).toBeGreaterThan(0);
    for (const move of revision?.moved ?? []) expect(move.from).not.toBeNull();
    for (const operation of await currentSchedule()) {
      if (operation.placement.workUnitId !== 'lathe-1') continue;
      expect(Date.parse(operation.placement.setupStart)).toBeGreaterThanOrEqual(Date.parse(outage?.to ?? ''));
    }

    await ok('/work-units/lathe-1/state', { state: 'Idle', since: new Date(Date.parse(since) + 60_000).toISOString() });
    const [repaired] = (await revisionCount(before.length + 2)).slice(before.length + 1);
    expect(repaired?.trigger).toMatchObject({ kind: 'Repaired', workUnitId: 'lathe-1' });
    expect(repaired?.unavailable).toEqual([]);
  });

  it('lets a planner lock, move by hand (checked) and unlock an operation', async () => {
    const schedule = await currentSchedule();
    const turn = schedule.find((o) => o.segmentId === 'turn' && o.jobOrderId === 'jo-4');
    if (!turn) throw new Error('jo-4 turn not scheduled');
    const later = new Date(Date.parse(turn.placement.start) + 8 * 3600_000).toISOString();
    const refused = await post('/work-schedules/lyon/operations/jo-4/turn/move', { workUnitId: 'mill-1', start: later });
    expect(refused.status).toBe(422);
    expect(refused.body['code']).toBe('WORK_UNIT_NOT_ELIGIBLE');
    const past = await post('/work-schedules/lyon/operations/jo-4/turn/move', { workUnitId: 'lathe-2', start: '2020-01-01T00:00:00Z' });
    expect(past.body['code']).toBe('INFEASIBLE_MOVE');
    expect(String(past.body['message'])).toContain('in the past');

    const moved = await ok('/work-schedules/lyon/operations/jo-4/turn/move', { workUnitId: 'lathe-2', start: later });
    expect(moved['placement']).toMatchObject({ workUnitId: 'lathe-2', start: later });
    const after = await currentSchedule();
    expect(after.find((o) => o.jobOrderId === 'jo-4' && o.segmentId === 'turn')).toMatchObject({ locked: true, placement: { workUnitId: 'lathe-2', start: later } });
    const mill = after.find((o) => o.jobOrderId === 'jo-4' && o.segmentId === 'mill');
    expect(Date.parse(mill?.placement.start ?? '')).toBeGreaterThanOrEqual(Date.parse(String((moved['placement'] as { end: string }).end)));
    const last = (await revisions()).at(-1);
    expect(last?.trigger.kind).toBe('OperationMoved');

    // A breakdown of the unit it is locked on does not move it.
    await ok('/work-units/lathe-2/state', { state: 'Down', reasonCode: 'JAM', since: new Date().toISOString() });
    const count = (await revisions()).length;
    await revisionCount(count + 1);
    expect((await currentSchedule()).find((o) => o.jobOrderId === 'jo-4' && o.segmentId === 'turn')?.placement.start).toBe(later);
    await ok('/work-units/lathe-2/state', { state: 'Idle', since: new Date().toISOString() });
    await revisionCount(count + 2);

    await ok('/work-schedules/lyon/operations/jo-4/turn/unlock');
    expect((await currentSchedule()).find((o) => o.jobOrderId === 'jo-4' && o.segmentId === 'turn')?.locked).toBe(false);
    const requested = await ok('/work-schedules/lyon/reschedule');
    expect((requested['events'] as { type: string }[])[0]?.type).toBe('WorkScheduleRevised');
  });

  it('survives a restart: no revision twice, and reacts to what happens after', async () => {
    const count = (await revisions()).length;
    await app.close();
    await start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await revisions()).length).toBe(count);
    await ok('/work-units/mill-1/state', { state: 'Down', reasonCode: 'ELECTRICAL', since: new Date().toISOString() });
    const [next] = (await revisionCount(count + 1)).slice(count);
    expect(next?.trigger).toMatchObject({ kind: 'Breakdown', workUnitId: 'mill-1' });
    expect(next?.revision).toBe(count + 1);
  });
});
