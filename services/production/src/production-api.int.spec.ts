import type { INestApplication } from '@nestjs/common';
import { openDatabase, type Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { defineMachiningEquipment, testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createProductionApp } from './create-production-app';

/** The production service's HTTP API on a real PostgreSQL: validation, typed errors, idempotency. */
describe('production API', () => {
  const schemaPrefix = `${uniqueSchema('prod')}_`;
  let db: Database;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
    app = await createProductionApp({ db, transport: new InProcessTransport(), schemaPrefix }, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await defineMachiningEquipment(
      async (path, body) => {
        const response = await post(path, body);
        expect(response.status).toBe(201);
      },
      { workUnits: ['lathe-1'], lathesClass: false },
    );
  });
  afterAll(async () => {
    await app.close();
    await db.exec(`drop schema if exists "${schemaPrefix}production" cascade`);
    await db.close();
  });

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const events = async (): Promise<number> =>
    Number((await db.query<{ n: string }>(`select count(*)::text as n from "${schemaPrefix}production".events`))[0]?.n);

  it('records a state change and answers the stream version and event ids', async () => {
    const response = await post('/work-units/lathe-1/state', { state: 'Running', since: '2026-11-02T06:00:00Z' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ streamId: 'equipment-lathe-1', version: 2, replayed: false, events: [{ type: 'WorkUnitStateChanged', streamPosition: 2 }] });
    const state = await (await fetch(`${url}/equipment/lathe-1`)).json();
    expect(state).toMatchObject({ level: 'WorkUnit', path: ['acme', 'lyon', 'machining', 'line-1', 'lathe-1'], workUnit: { state: 'Running' } });
  });

  it('answers 400 naming each bad field, and writes nothing', async () => {
    const before = await events();
    const response = await post('/work-units/lathe-1/state', { state: 'Exploded', since: 'tuesday', extra: 1 });
    expect(response.status).toBe(400);
    expect(response.body['code']).toBe('BAD_USER_INPUT');
    const fields = (response.body['details'] as { problems: { field: string }[] }).problems.map((problem) => problem.field);
    expect(fields.sort()).toEqual(['extra', 'since', 'state']);
    expect(await events()).toBe(before);
  });

  it('answers 404 for an unknown work unit, and 404 for an unknown parent', async () => {
    expect((await post('/work-units/nope/state', { state: 'Running', since: '2026-11-02T06:00:00Z' })).status).toBe(404);
    const orphan = await post('/equipment', { equipmentId: 'orphan', name: 'orphan', level: 'WorkUnit', parentId: 'missing-line' });
    expect(orphan.status).toBe(404);
    expect(orphan.body['message']).toContain('missing-line');
  });

  it('answers 409 for an id defined twice, 422 with the rule for a refused command', async () => {
    expect((await post('/equipment', { equipmentId: 'acme', name: 'again', level: 'Enterprise' })).status).toBe(409);
    const down = await post('/work-units/lathe-1/state', { state: 'Down', since: '2026-11-02T07:00:00Z' });
    expect(down.status).toBe(422);
    expect(down.body).toMatchObject({ code: 'STOP_REASON_REQUIRED', details: { field: 'reasonCode' } });
  });

  it('appends once for a request retried with the same Idempotency-Key', async () => {
    const before = await events();
    const body = { state: 'Down', reasonCode: 'JAM', since: '2026-11-02T08:00:00Z' };
    const first = await post('/work-units/lathe-1/state', body, { 'idempotency-key': `retry-${schemaPrefix}` });
    const second = await post('/work-units/lathe-1/state', body, { 'idempotency-key': `retry-${schemaPrefix}` });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, replayed: true });
    expect(await events()).toBe(before + 1);
  });

  it('records a batch of state changes, each answered on its own, and a batch sent again appends nothing', async () => {
    const before = await events();
    const batch = {
      changes: [
        { messageId: `m1-${schemaPrefix}`, workUnitId: 'lathe-1', state: 'Setup', since: '2026-11-02T09:00:00Z' },
        { messageId: `m2-${schemaPrefix}`, workUnitId: 'lathe-1', state: 'Down', since: '2026-11-02T09:10:00Z' },
        { messageId: `m3-${schemaPrefix}`, workUnitId: 'lathe-1', state: 'Running', since: '2026-11-02T09:20:00Z' },
        { messageId: `m4-${schemaPrefix}`, workUnitId: 'ghost', state: 'Running', since: '2026-11-02T09:20:00Z' },
      ],
    };
    const first = await post('/work-units/state-changes', batch);
    expect(first.status).toBe(200);
    expect((first.body['results'] as { status: string; error?: { code: string } }[]).map((r) => r.error?.code ?? r.status)).toEqual([
      'recorded',
      'STOP_REASON_REQUIRED',
      'recorded',
      'NOT_FOUND',
    ]);
    expect(await events()).toBe(before + 2);
    const again = await post('/work-units/state-changes', batch);
    expect((again.body['results'] as { status: string }[]).map((r) => r.status)).toEqual(['replayed', 'refused', 'replayed', 'refused']);
    expect(await events()).toBe(before + 2);
  });

  it('appends a run of the messages of one work unit together, each with its own version, and a resent overlapping batch adds only what is new', async () => {
    const before = await events();
    const change = (n: number, state: string, minute: number) => ({
      messageId: `run${n}-${schemaPrefix}`, workUnitId: 'lathe-1', state, since: `2026-11-03T09:${String(minute).padStart(2, '0')}:00Z`,
      ...(state === 'Down' ? { reasonCode: 'JAM' } : {}),
    });
    const run = [change(1, 'Setup', 0), change(2, 'Idle', 5), change(3, 'Down', 10), change(4, 'Running', 15)];
    const first = await post('/work-units/state-changes', { changes: run });
    const results = first.body['results'] as { status: string; version: number }[];
    expect(results.map((r) => r.status)).toEqual(['recorded', 'recorded', 'recorded', 'recorded']);
    expect(results.map((r) => r.version - (results[0]?.version ?? 0))).toEqual([0, 1, 2, 3]);
    expect(await events()).toBe(before + 4);
    const resent = await post('/work-units/state-changes', { changes: [...run, change(5, 'Idle', 20), change(6, 'Idle', 25), change(7, 'Setup', 30)] });
    expect((resent.body['results'] as { status: string }[]).map((r) => r.status)).toEqual([
      'replayed', 'replayed', 'replayed', 'replayed', 'recorded', 'unchanged', 'recorded',
    ]);
    expect(await events()).toBe(before + 6);
  });

  it('refuses a batch with a bad message as a whole, naming the field, and writes nothing', async () => {
    const before = await events();
    const response = await post('/work-units/state-changes', {
      changes: [
        { messageId: 'ok', workUnitId: 'lathe-1', state: 'Idle', since: '2026-11-02T10:00:00Z' },
        { messageId: 'bad', workUnitId: 'lathe-1', state: 'Idle', since: 'soon' },
      ],
    });
    expect(response.status).toBe(400);
    expect((response.body['details'] as { problems: { field: string }[] }).problems.map((problem) => problem.field)).toEqual(['changes.1.since']);
    expect(await events()).toBe(before);
  });

  it('takes a full batch of 1,000 messages, and answers a malformed or oversized body with a 4xx that says so', async () => {
    const changes = Array.from({ length: 1000 }, (_, i) => ({
      messageId: `full-${i}-${schemaPrefix}`,
      workUnitId: 'lathe-1',
      state: i % 2 === 0 ? 'Idle' : 'Running',
      since: new Date(Date.parse('2026-11-04T00:00:00Z') + i * 1000).toISOString(),
      reasonText: 'a reason text that makes each message about as long as a real machine message',
    }));
    const full = await post('/work-units/state-changes', { changes });
    expect(full.status).toBe(200);
    expect((full.body['results'] as unknown[]).length).toBe(1000);
    const malformed = await fetch(`${url}/work-units/state-changes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"changes": [' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toContain('not valid JSON');
    const huge = await fetch(`${url}/work-units/state-changes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ changes: [], padding: 'x'.repeat(5 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
