import { GatewayHarness, startFakeProduction, type ReceivedRequest } from '../testing/gateway-harness';

/** Answers like production's job order API: receipts, and `{ code, message, details }` with 400/404/409/422. */
function production(request: ReceivedRequest): { status: number; body: unknown } {
  const { body, url } = request;
  const jobOrderId = decodeURIComponent(/^\/job-orders\/([^/]+)/.exec(url)?.[1] ?? String(body['jobOrderId']));
  const receipt = (status: number, type: string) => ({
    status,
    body: { streamId: `job-order-${jobOrderId}`, version: 3, replayed: false, events: [{ eventId: `ev-${jobOrderId}-${type}`, type, streamPosition: 3 }] },
  });
  if (url === '/job-orders') {
    if (jobOrderId === 'jo-dup') return { status: 409, body: { code: 'ALREADY_EXISTS', message: 'job order "jo-dup" already exists', details: { jobOrderId } } };
    return receipt(201, 'JobOrderCreated');
  }
  if (jobOrderId === 'ghost') return { status: 404, body: { code: 'NOT_FOUND', message: 'job order "ghost" does not exist', details: { kind: 'job order', id: 'ghost' } } };
  if (url.endsWith('/release')) return receipt(200, 'JobOrderReleased');
  if (url.endsWith('/dispatch')) {
    if (body['workUnitId'] === 'mill-1') {
      return { status: 422, body: { code: 'WORK_UNIT_NOT_ELIGIBLE', message: 'segment "turn" cannot run on "mill-1"', details: { segmentId: 'turn', workUnitId: 'mill-1', eligible: ['lathe-1'] } } };
    }
    return receipt(200, 'JobOrderDispatched');
  }
  if (url.endsWith('/commands')) {
    if (body['command'] === 'Pause' && body['reasonCode'] === 'too-long') {
      const message = 'reasonCode must be shorter than or equal to 64 characters';
      return { status: 400, body: { code: 'BAD_USER_INPUT', message, details: { problems: [{ field: 'reasonCode', message }] } } };
    }
    return receipt(200, `JobOrder${String(body['command'])}`);
  }
  return { status: 404, body: { code: 'NOT_FOUND', message: `no route ${url}` } };
}

const CREATE = `mutation ($input: CreateJobOrderInput!, $key: String) {
  createJobOrder(input: $input, idempotencyKey: $key) { streamId version replayed eventIds }
}`;
const RELEASE = `mutation ($id: ID!, $key: String) { releaseJobOrder(id: $id, idempotencyKey: $key) { streamId eventIds } }`;
const DISPATCH = `mutation ($id: ID!, $segmentId: ID!, $workUnitId: ID!, $key: String) {
  dispatchJobOrder(id: $id, segmentId: $segmentId, workUnitId: $workUnitId, idempotencyKey: $key) { streamId eventIds }
}`;
const CONTROL = `mutation ($id: ID!, $command: JobOrderCommand!, $reasonCode: String, $force: Boolean, $key: String) {
  controlJobOrder(id: $id, command: $command, reasonCode: $reasonCode, force: $force, idempotencyKey: $key) { streamId eventIds }
}`;

describe('job order mutations routed to production', () => {
  let fake: Awaited<ReturnType<typeof startFakeProduction>>;
  let gateway: GatewayHarness;
  const last = (): ReceivedRequest | undefined => fake.received[fake.received.length - 1];

  beforeAll(async () => {
    fake = await startFakeProduction(production);
    gateway = await GatewayHarness.start(fake.url);
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });

  it("creates a job order with the planner's actor, correlation id and idempotency key, due time in UTC, nulls left out", async () => {
    const answer = await gateway.graphql(
      CREATE,
      { input: { jobOrderId: 'jo-1', productId: 'shaft', quantity: 250, siteId: 'lyon', priority: 2, dueAt: '2026-11-30T17:00:00+01:00', description: null }, key: 'create-jo-1' },
      { 'x-quadrant-actor': 'planner.anna', 'x-correlation-id': 'corr-7' },
    );
    expect(answer).toEqual({ data: { createJobOrder: { streamId: 'job-order-jo-1', version: 3, replayed: false, eventIds: ['ev-jo-1-JobOrderCreated'] } } });
    expect(last()).toMatchObject({
      method: 'POST',
      url: '/job-orders',
      headers: { 'x-quadrant-actor': 'planner.anna', 'x-correlation-id': 'corr-7', 'idempotency-key': 'create-jo-1' },
      body: { jobOrderId: 'jo-1', productId: 'shaft', quantity: 250, siteId: 'lyon', priority: 2, dueAt: '2026-11-30T16:00:00.000Z' },
    });
    expect(last()?.body).not.toHaveProperty('description');
  });

  it('releases a job order', async () => {
    const answer = await gateway.graphql(RELEASE, { id: 'jo-1', key: 'release-jo-1' });
    expect(answer).toEqual({ data: { releaseJobOrder: { streamId: 'job-order-jo-1', eventIds: ['ev-jo-1-JobOrderReleased'] } } });
    expect(last()).toMatchObject({ url: '/job-orders/jo-1/release', headers: { 'idempotency-key': 'release-jo-1' }, body: {} });
  });

  it('dispatches a segment to a work unit', async () => {
    const answer = await gateway.graphql(DISPATCH, { id: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1' });
    expect(answer.errors).toBeUndefined();
    expect(last()).toMatchObject({ url: '/job-orders/jo-1/dispatch', body: { segmentId: 'turn', workUnitId: 'lathe-1' } });
  });

  it('sends a B2MML command with its reason, and force only when asked for', async () => {
    await gateway.graphql(CONTROL, { id: 'jo-1', command: 'Hold', reasonCode: 'QUALITY' });
    expect(last()).toMatchObject({ url: '/job-orders/jo-1/commands' });
    expect(last()?.body).toEqual({ command: 'Hold', reasonCode: 'QUALITY' });
    const answer = await gateway.graphql(CONTROL, { id: 'jo-1', command: 'Complete', reasonCode: 'SHORT_RUN', force: true, key: 'complete-jo-1' });
    expect(answer).toEqual({ data: { controlJobOrder: { streamId: 'job-order-jo-1', eventIds: ['ev-jo-1-JobOrderComplete'] } } });
    expect(last()?.body).toEqual({ command: 'Complete', reasonCode: 'SHORT_RUN', force: true });
  });

  it('refuses malformed input at the edge, naming each field, without calling production', async () => {
    const before = fake.received.length;
    const create = await gateway.graphql(CREATE, { input: { jobOrderId: 'jo 2', productId: 'shaft', quantity: 0, siteId: 'lyon', priority: 12 } });
    expect(create.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'input.jobOrderId' }, { field: 'input.quantity', message: 'must be more than 0' }, { field: 'input.priority' }],
    });
    const hold = await gateway.graphql(CONTROL, { id: 'jo-1', command: 'Hold' });
    expect(hold.errors?.[0]?.message).toBe('invalid input: reasonCode: is required to Hold');
    const dispatch = await gateway.graphql(DISPATCH, { id: 'jo/1', segmentId: 'turn', workUnitId: 'lathe 1', key: ' ' });
    expect(dispatch.errors?.[0]?.extensions?.['problems']).toEqual([
      { field: 'id', message: expect.any(String) },
      { field: 'workUnitId', message: expect.any(String) },
      { field: 'idempotencyKey', message: 'must not be blank' },
    ]);
    const due = await gateway.graphql(CREATE, { input: { jobOrderId: 'jo-2', productId: 'shaft', quantity: 1, siteId: 'lyon', dueAt: 'next friday' } });
    expect(due.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(due.errors?.[0]?.message).toContain('"input.dueAt"');
    expect(fake.received).toHaveLength(before);
  });

  it("names the argument production refused: a top-level one as itself, an input field under input", async () => {
    const { errors } = await gateway.graphql(CONTROL, { id: 'jo-1', command: 'Pause', reasonCode: 'too-long' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', service: 'production', problems: [{ field: 'reasonCode' }] });
  });

  it("maps production's refusals: 404 NOT_FOUND, 409 CONFLICT, 422 the rule's own code", async () => {
    const missing = await gateway.graphql(RELEASE, { id: 'ghost' });
    expect(missing.errors?.[0]).toMatchObject({ message: 'job order "ghost" does not exist', path: ['releaseJobOrder'], extensions: { code: 'NOT_FOUND' } });
    const duplicate = await gateway.graphql(CREATE, { input: { jobOrderId: 'jo-dup', productId: 'shaft', quantity: 1, siteId: 'lyon' } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EXISTS' });
    const ineligible = await gateway.graphql(DISPATCH, { id: 'jo-1', segmentId: 'turn', workUnitId: 'mill-1' });
    expect(ineligible.errors?.[0]).toMatchObject({ message: 'segment "turn" cannot run on "mill-1"', extensions: { code: 'WORK_UNIT_NOT_ELIGIBLE', details: { eligible: ['lathe-1'] } } });
  });
});
