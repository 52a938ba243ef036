import { GatewayHarness, startFakeProduction, type ReceivedRequest } from '../testing/gateway-harness';

/** Answers like production's REST API: receipts, and `{ code, message, details }` with 400/404/409/422. */
function production(request: ReceivedRequest): { status: number; body: unknown } {
  const { body } = request;
  const receipt = (streamId: string, type: string) => ({ streamId, version: 2, replayed: false, events: [{ eventId: `ev-${streamId}`, type, streamPosition: 2 }] });
  if (request.url === '/equipment') {
    if (body['equipmentId'] === 'too-long-name') {
      const message = 'name must be shorter than or equal to 200 characters';
      return { status: 400, body: { code: 'BAD_USER_INPUT', message: `name: ${message}`, details: { problems: [{ field: 'name', message }] } } };
    }
    if (body['parentId'] === 'nowhere') {
      return { status: 404, body: { code: 'NOT_FOUND', message: 'parent equipment "nowhere" does not exist', details: { kind: 'parent equipment', id: 'nowhere' } } };
    }
    return { status: 201, body: receipt(`equipment-${String(body['equipmentId'])}`, 'EquipmentDefined') };
  }
  const workUnitId = /^\/work-units\/([^/]+)\/state$/.exec(request.url)?.[1] ?? '';
  if (workUnitId === 'contended') {
    return { status: 409, body: { code: 'VERSION_CONFLICT', message: 'stream "equipment-contended" is at version 4, not 3 as expected', details: { expectedVersion: 3, currentVersion: 4 } } };
  }
  if (body['state'] === 'Down' && !body['reasonCode']) {
    return { status: 422, body: { code: 'STOP_REASON_REQUIRED', message: `work unit "${workUnitId}" cannot go Down without a reasonCode`, details: { workUnitId, field: 'reasonCode' } } };
  }
  return { status: 200, body: receipt(`equipment-${workUnitId}`, 'WorkUnitStateChanged') };
}

const DEFINE = `mutation ($input: DefineEquipmentInput!, $key: String) {
  defineEquipment(input: $input, idempotencyKey: $key) { streamId version replayed eventIds }
}`;
const CHANGE = `mutation ($id: ID!, $input: ChangeWorkUnitStateInput!, $key: String) {
  changeWorkUnitState(workUnitId: $id, input: $input, idempotencyKey: $key) { streamId version eventIds }
}`;

describe('gateway mutations routed to production', () => {
  let fake: Awaited<ReturnType<typeof startFakeProduction>>;
  let gateway: GatewayHarness;

  beforeAll(async () => {
    fake = await startFakeProduction(production);
    gateway = await GatewayHarness.start(fake.url);
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.close().catch(() => undefined);
  });

  it("sends the command with the caller's actor, correlation id and idempotency key, and answers production's receipt", async () => {
    const answer = await gateway.graphql(
      DEFINE,
      { input: { equipmentId: 'press-9', name: 'Press 9', level: 'WorkUnit', parentId: 'line-1', description: null }, key: 'define-press-9' },
      { 'x-quadrant-actor': 'planner.anna', 'x-correlation-id': 'corr-42' },
    );
    expect(answer).toEqual({ data: { defineEquipment: { streamId: 'equipment-press-9', version: 2, replayed: false, eventIds: ['ev-equipment-press-9'] } } });
    const sent = fake.received[fake.received.length - 1];
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/equipment');
    expect(sent?.headers).toMatchObject({ 'x-quadrant-actor': 'planner.anna', 'x-correlation-id': 'corr-42', 'idempotency-key': 'define-press-9' });
    // GraphQL's explicit null is left out: production refuses fields it does not know how to read.
    expect(sent?.body).toEqual({ equipmentId: 'press-9', name: 'Press 9', level: 'WorkUnit', parentId: 'line-1' });
  });

  it('takes the idempotency key from the Idempotency-Key header when the argument is absent, and sends since in UTC', async () => {
    const answer = await gateway.graphql(CHANGE, { id: 'press-9', input: { state: 'Running', since: '2026-11-02T07:00:00+01:00' } }, { 'idempotency-key': 'k-1' });
    expect(answer.errors).toBeUndefined();
    const sent = fake.received[fake.received.length - 1];
    expect(sent?.url).toBe('/work-units/press-9/state');
    expect(sent?.headers['idempotency-key']).toBe('k-1');
    expect(sent?.body).toEqual({ state: 'Running', since: '2026-11-02T06:00:00.000Z' });
  });

  it("maps production's 400 to BAD_USER_INPUT naming the field", async () => {
    const { errors } = await gateway.graphql(DEFINE, { input: { equipmentId: 'too-long-name', name: 'N', level: 'Site', parentId: 'acme' } });
    expect(errors?.[0]?.message).toBe('invalid input: input.name: name must be shorter than or equal to 200 characters');
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      service: 'production',
      problems: [{ field: 'input.name', message: 'name must be shorter than or equal to 200 characters' }],
    });
  });

  it('refuses malformed input at the edge, naming each field, without calling production', async () => {
    const before = fake.received.length;
    const { errors } = await gateway.graphql(DEFINE, { input: { equipmentId: 'press 10', name: ' ', level: 'WorkUnit', parentId: 'line-1' }, key: '' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errors?.[0]?.message).toMatch(/^invalid input: input\.equipmentId: .*; input\.name: must not be blank; idempotencyKey: must not be blank$/);
    expect(fake.received).toHaveLength(before);
  });

  it('refuses a since that is not a timestamp as BAD_USER_INPUT naming input.since, without calling production', async () => {
    const before = fake.received.length;
    const { errors } = await gateway.graphql(CHANGE, { id: 'press-9', input: { state: 'Idle', since: '2026-02-30T06:00:00Z' } });
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('"input.since"');
    expect(errors?.[0]?.message).toContain('ISO 8601');
    expect(fake.received).toHaveLength(before);
  });

  it("maps production's 404 to NOT_FOUND", async () => {
    const { errors, data } = await gateway.graphql(DEFINE, { input: { equipmentId: 'orphan', name: 'Orphan', level: 'Area', parentId: 'nowhere' } });
    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({ message: 'parent equipment "nowhere" does not exist', path: ['defineEquipment'], extensions: { code: 'NOT_FOUND' } });
  });

  it("maps production's 409 to CONFLICT with the stream's current version", async () => {
    const { errors } = await gateway.graphql(CHANGE, { id: 'contended', input: { state: 'Idle', since: '2026-11-02T06:00:00Z' } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_CONFLICT', currentVersion: 4 });
  });

  it("maps production's 422 to the refused rule's code", async () => {
    const { errors } = await gateway.graphql(CHANGE, { id: 'press-9', input: { state: 'Down', since: '2026-11-02T06:00:00Z' } });
    expect(errors?.[0]).toMatchObject({
      message: 'work unit "press-9" cannot go Down without a reasonCode',
      extensions: { code: 'STOP_REASON_REQUIRED', details: { field: 'reasonCode' } },
    });
  });

  it('answers SERVICE_UNAVAILABLE naming production when it cannot be reached', async () => {
    await fake.close();
    const { errors } = await gateway.graphql(CHANGE, { id: 'press-9', input: { state: 'Idle', since: '2026-11-02T06:00:00Z' }, key: 'k-2' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'production' });
    expect(errors?.[0]?.message).toContain(`the production service is unavailable at ${fake.url}: ECONNREFUSED`);
  });
});
