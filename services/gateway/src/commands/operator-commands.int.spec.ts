import { GatewayHarness, startFakeProduction, type ReceivedRequest } from '../testing/gateway-harness';

/** Answers like production's segment and stop reason API: receipts, and `{ code, message, details }` with 400/422. */
function production(request: ReceivedRequest): { status: number; body: unknown } {
  const { body, url } = request;
  const refusedField = (field: string, message: string) => ({
    status: 400,
    body: { code: 'BAD_USER_INPUT', message: `${field}: ${message}`, details: { problems: [{ field, message: `${field} ${message}` }] } },
  });
  const refused = (code: string, message: string, details: Record<string, unknown>) => ({ status: 422, body: { code, message, details } });
  const stopReason = /^\/work-units\/([^/]+)\/stop-reasons$/.exec(url);
  if (stopReason) {
    const workUnitId = decodeURIComponent(stopReason[1] ?? '');
    if (body['reasonCode'] === 'NOT-A-REASON') return refusedField('reasonCode', 'is not a stop reason code');
    if (body['since'] === '2026-01-01T00:00:00.000Z') return refused('STOP_NOT_FOUND', `work unit "${workUnitId}" had no stop beginning at 2026-01-01T00:00:00.000Z`, { workUnitId });
    const receipt = { streamId: `equipment-${workUnitId}`, version: 7, replayed: false, events: [{ eventId: `ev-${workUnitId}-StopReasonCorrected`, type: 'StopReasonCorrected', streamPosition: 7 }] };
    return { status: 200, body: receipt };
  }
  const segment = /^\/job-orders\/([^/]+)\/segments\/([^/]+)\/(start|production|complete)$/.exec(url);
  if (!segment) return { status: 404, body: { code: 'NOT_FOUND', message: `no route ${url}` } };
  const [, jobOrderId = '', segmentId = '', action] = segment.map(decodeURIComponent);
  const receipt = (type: string) => ({
    status: 200,
    body: { streamId: `job-order-${jobOrderId}`, version: 5, replayed: false, events: [{ eventId: `ev-${jobOrderId}-${segmentId}-${type}`, type, streamPosition: 5 }] },
  });
  const notRunning = refused('SEGMENT_NOT_RUNNING', `segment "${segmentId}" of job order "${jobOrderId}" is not running`, { jobOrderId, segmentId });
  if (action === 'start') {
    if (body['workUnitId'] === 'lathe-down') return refused('WORK_UNIT_UNAVAILABLE', 'work unit "lathe-down" is Down', { workUnitId: 'lathe-down', state: 'Down' });
    if (body['workUnitId'] === 'retired') return refusedField('workUnitId', 'must be an equipment id');
    return receipt('JobOrderSegmentStarted');
  }
  if (segmentId === 'idle') return notRunning;
  if (action === 'production') {
    if (body['scrapReasonCode'] === 'NOT-A-REASON') return refusedField('scrapReasonCode', 'is not a scrap reason code');
    return receipt('ProductionReported');
  }
  return receipt('JobOrderSegmentCompleted');
}

const START = `mutation ($jobOrderId: ID!, $segmentId: ID!, $workUnitId: ID!, $key: String) {
  startJobOrderSegment(jobOrderId: $jobOrderId, segmentId: $segmentId, workUnitId: $workUnitId, idempotencyKey: $key) { streamId version replayed eventIds }
}`;
const REPORT = `mutation ($jobOrderId: ID!, $segmentId: ID!, $input: ReportProductionInput!, $key: String) {
  reportProduction(jobOrderId: $jobOrderId, segmentId: $segmentId, input: $input, idempotencyKey: $key) { streamId eventIds }
}`;
const COMPLETE = `mutation ($jobOrderId: ID!, $segmentId: ID!, $key: String) {
  completeJobOrderSegment(jobOrderId: $jobOrderId, segmentId: $segmentId, idempotencyKey: $key) { streamId eventIds }
}`;
const CORRECT = `mutation ($workUnitId: ID!, $since: DateTime!, $reasonCode: String!, $reasonText: String, $key: String) {
  correctStopReason(workUnitId: $workUnitId, since: $since, reasonCode: $reasonCode, reasonText: $reasonText, idempotencyKey: $key) { streamId eventIds }
}`;

describe('operator mutations routed to production', () => {
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

  it("starts a segment on a work unit with the operator's actor, correlation id and idempotency key", async () => {
    const answer = await gateway.graphql(
      START,
      { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', key: 'start-jo-1-turn' },
      { 'x-quadrant-actor': 'operator.ben', 'x-correlation-id': 'corr-9' },
    );
    expect(answer).toEqual({ data: { startJobOrderSegment: { streamId: 'job-order-jo-1', version: 5, replayed: false, eventIds: ['ev-jo-1-turn-JobOrderSegmentStarted'] } } });
    expect(last()).toMatchObject({
      method: 'POST',
      url: '/job-orders/jo-1/segments/turn/start',
      headers: { 'x-quadrant-actor': 'operator.ben', 'x-correlation-id': 'corr-9', 'idempotency-key': 'start-jo-1-turn' },
    });
    expect(last()?.body).toEqual({ workUnitId: 'lathe-1' });
  });

  it('reports production counts, the count time in UTC, nulls left out', async () => {
    const input = { good: 40, scrap: 2, rework: null, scrapReasonCode: 'SCRATCH', reworkReasonCode: null, at: '2026-11-02T08:30:00+01:00' };
    const answer = await gateway.graphql(REPORT, { jobOrderId: 'jo-1', segmentId: 'turn', input, key: 'report-1' });
    expect(answer).toEqual({ data: { reportProduction: { streamId: 'job-order-jo-1', eventIds: ['ev-jo-1-turn-ProductionReported'] } } });
    expect(last()).toMatchObject({ url: '/job-orders/jo-1/segments/turn/production', headers: { 'idempotency-key': 'report-1' } });
    expect(last()?.body).toEqual({ good: 40, scrap: 2, scrapReasonCode: 'SCRATCH', at: '2026-11-02T07:30:00.000Z' });
  });

  it('completes a segment', async () => {
    const answer = await gateway.graphql(COMPLETE, { jobOrderId: 'jo-1', segmentId: 'turn' });
    expect(answer).toEqual({ data: { completeJobOrderSegment: { streamId: 'job-order-jo-1', eventIds: ['ev-jo-1-turn-JobOrderSegmentCompleted'] } } });
    expect(last()).toMatchObject({ url: '/job-orders/jo-1/segments/turn/complete', body: {} });
  });

  it("corrects a stop's reason, since in UTC, reasonText only when given", async () => {
    const answer = await gateway.graphql(CORRECT, { workUnitId: 'press-1', since: '2026-11-02T07:00:00+01:00', reasonCode: 'TOOL_BREAK', key: 'fix-1' });
    expect(answer).toEqual({ data: { correctStopReason: { streamId: 'equipment-press-1', eventIds: ['ev-press-1-StopReasonCorrected'] } } });
    expect(last()).toMatchObject({ url: '/work-units/press-1/stop-reasons', headers: { 'idempotency-key': 'fix-1' } });
    expect(last()?.body).toEqual({ since: '2026-11-02T06:00:00.000Z', reasonCode: 'TOOL_BREAK' });
    await gateway.graphql(CORRECT, { workUnitId: 'press-1', since: '2026-11-02T06:00:00Z', reasonCode: 'WAIT_MAINT', reasonText: 'waiting for the fitter' });
    expect(last()?.body).toEqual({ since: '2026-11-02T06:00:00.000Z', reasonCode: 'WAIT_MAINT', reasonText: 'waiting for the fitter' });
  });

  it('refuses malformed input at the edge, naming each field, without calling production', async () => {
    const before = fake.received.length;
    const report = await gateway.graphql(REPORT, { jobOrderId: 'jo-1', segmentId: 'turn', input: { good: -1, scrap: 0, rework: -2 } });
    expect(report.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'input.good', message: 'must not be negative' },
        { field: 'input.rework', message: 'must not be negative' },
      ],
    });
    const start = await gateway.graphql(START, { jobOrderId: 'jo/1', segmentId: 'turn', workUnitId: 'lathe 1', key: ' ' });
    expect(start.errors?.[0]?.extensions?.['problems']).toEqual([
      { field: 'jobOrderId', message: expect.any(String) },
      { field: 'workUnitId', message: expect.any(String) },
      { field: 'idempotencyKey', message: 'must not be blank' },
    ]);
    const complete = await gateway.graphql(COMPLETE, { jobOrderId: 'jo-1', segmentId: '-turn' });
    expect(complete.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'segmentId' }] });
    const correct = await gateway.graphql(CORRECT, { workUnitId: 'press-1', since: '2026-11-02T06:00:00Z', reasonCode: ' ' });
    expect(correct.errors?.[0]?.message).toBe('invalid input: reasonCode: must not be blank');
    const since = await gateway.graphql(CORRECT, { workUnitId: 'press-1', since: 'this morning', reasonCode: 'JAM' });
    expect(since.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(fake.received).toHaveLength(before);
  });

  it("maps production's 400 to BAD_USER_INPUT naming the argument: a top-level one as itself, an input field under input", async () => {
    const start = await gateway.graphql(START, { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'retired' });
    expect(start.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', service: 'production', problems: [{ field: 'workUnitId' }] });
    const report = await gateway.graphql(REPORT, { jobOrderId: 'jo-1', segmentId: 'turn', input: { good: 1, scrap: 1, scrapReasonCode: 'NOT-A-REASON' } });
    expect(report.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', service: 'production', problems: [{ field: 'input.scrapReasonCode' }] });
    const correct = await gateway.graphql(CORRECT, { workUnitId: 'press-1', since: '2026-11-02T06:00:00Z', reasonCode: 'NOT-A-REASON' });
    expect(correct.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', service: 'production', problems: [{ field: 'reasonCode' }] });
  });

  it("maps production's 422 refusals to the rule's own code", async () => {
    const down = await gateway.graphql(START, { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-down' });
    expect(down.errors?.[0]).toMatchObject({ message: 'work unit "lathe-down" is Down', path: ['startJobOrderSegment'], extensions: { code: 'WORK_UNIT_UNAVAILABLE', details: { state: 'Down' } } });
    const report = await gateway.graphql(REPORT, { jobOrderId: 'jo-1', segmentId: 'idle', input: { good: 1, scrap: 0 } });
    expect(report.errors?.[0]?.extensions).toMatchObject({ code: 'SEGMENT_NOT_RUNNING', service: 'production' });
    const complete = await gateway.graphql(COMPLETE, { jobOrderId: 'jo-1', segmentId: 'idle' });
    expect(complete.errors?.[0]).toMatchObject({ path: ['completeJobOrderSegment'], extensions: { code: 'SEGMENT_NOT_RUNNING' } });
    const noStop = await gateway.graphql(CORRECT, { workUnitId: 'press-1', since: '2026-01-01T00:00:00Z', reasonCode: 'JAM' });
    expect(noStop.errors?.[0]?.extensions).toMatchObject({ code: 'STOP_NOT_FOUND', details: { workUnitId: 'press-1' } });
  });
});
