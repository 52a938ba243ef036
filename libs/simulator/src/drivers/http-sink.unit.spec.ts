import type { CountMessage, MachineMessage, StateMessage } from '../model/machine-message';
import { createHttpSink, HttpSinkError, type FetchLike, type HttpSinkOptions, type Refusal } from './http-sink';

interface Request {
  url: string;
  body: { changes?: Record<string, unknown>[]; counts?: Record<string, unknown>[] };
}

/** A production service that records what it was sent and answers as told, request by request. */
function fakePlatform(answers: ((request: Request) => { status: number; body: unknown } | Error)[] = []) {
  const requests: Request[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request: Request = { url, body: JSON.parse(init.body) };
    requests.push(request);
    const answer = (answers.shift() ?? recordAll)(request);
    if (answer instanceof Error) throw answer;
    return { status: answer.status, text: async () => (typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)) };
  };
  return { fetch, requests };
}
const itemsOf = (request: Request): Record<string, unknown>[] => request.body.changes ?? request.body.counts ?? [];
const recordAll = (request: Request): { status: number; body: unknown } => ({
  status: 200,
  body: { results: itemsOf(request).map((item) => ({ messageId: item['messageId'], status: 'recorded' })) },
});

const state = (n: number, extra: Partial<StateMessage> = {}): StateMessage => ({
  kind: 'state',
  messageId: `sim-1-press-1-${n}`,
  workUnitId: 'press-1',
  state: 'Running',
  since: new Date(Date.UTC(2026, 0, 5, 6, 0, n)).toISOString(),
  ...extra,
});
const count = (n: number): CountMessage => ({ kind: 'count', messageId: `sim-1-press-1-${n}`, workUnitId: 'press-1', at: '2026-01-05T06:01:00.000Z', good: 8, scrap: 1, rework: 0 });

describe('HTTP sink', () => {
  const delays: number[] = [];
  const options = (fetch: FetchLike, extra: Partial<HttpSinkOptions> = {}): HttpSinkOptions => ({
    baseUrl: 'http://production:3000/',
    fetch,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...extra,
  });
  beforeEach(() => (delays.length = 0));

  it('posts states and counts to their endpoints in the platform’s shape', async () => {
    const platform = fakePlatform();
    await createHttpSink(options(platform.fetch))([state(0, { state: 'Down', reasonCode: 'JAM' }), count(1), state(2)]);
    expect(platform.requests).toEqual([
      {
        url: 'http://production:3000/work-units/state-changes',
        body: {
          changes: [
            { messageId: 'sim-1-press-1-0', workUnitId: 'press-1', state: 'Down', since: '2026-01-05T06:00:00.000Z', reasonCode: 'JAM' },
            { messageId: 'sim-1-press-1-2', workUnitId: 'press-1', state: 'Running', since: '2026-01-05T06:00:02.000Z' },
          ],
        },
      },
      {
        url: 'http://production:3000/work-units/production-counts',
        body: { counts: [{ messageId: 'sim-1-press-1-1', workUnitId: 'press-1', at: '2026-01-05T06:01:00.000Z', good: 8, scrap: 1, rework: 0 }] },
      },
    ]);
  });

  it('sends at most 1000 messages a request, in order', async () => {
    const platform = fakePlatform();
    await createHttpSink(options(platform.fetch))(Array.from({ length: 2500 }, (_, n) => state(n)));
    expect(platform.requests.map((request) => itemsOf(request).length)).toEqual([1000, 1000, 500]);
    expect(platform.requests.flatMap(itemsOf).map((item) => item['messageId'])).toEqual(Array.from({ length: 2500 }, (_, n) => `sim-1-press-1-${n}`));
  });

  it('leaves counts out where there is no count endpoint, and posts them where configured', async () => {
    const without = fakePlatform();
    await createHttpSink(options(without.fetch, { countsPath: null }))([state(0), count(1)]);
    expect(without.requests.map((request) => request.url)).toEqual(['http://production:3000/work-units/state-changes']);
    const elsewhere = fakePlatform();
    await createHttpSink(options(elsewhere.fetch, { countsPath: '/v2/counts' }))([count(1)]);
    expect(elsewhere.requests.map((request) => request.url)).toEqual(['http://production:3000/v2/counts']);
  });

  it('sends nothing for messages of neither kind present', async () => {
    const platform = fakePlatform();
    await createHttpSink(options(platform.fetch))([]);
    expect(platform.requests).toEqual([]);
  });

  it('tries again after a network error or a 5xx, with the same message ids and a doubling wait', async () => {
    const platform = fakePlatform([() => new Error('ECONNREFUSED'), () => ({ status: 503, body: 'starting' }), () => ({ status: 502, body: '' })]);
    await createHttpSink(options(platform.fetch))([state(0), state(1)]);
    expect(platform.requests).toHaveLength(4);
    expect(new Set(platform.requests.map((request) => JSON.stringify(request.body))).size).toBe(1);
    expect(delays).toEqual([250, 500, 1000]);
  });

  it('gives up after the last attempt with an error naming the endpoint and the last failure', async () => {
    const platform = fakePlatform(Array.from({ length: 3 }, () => () => ({ status: 500, body: 'database unavailable' })));
    const sending = createHttpSink(options(platform.fetch, { maxAttempts: 3, initialBackoffMs: 100, maxBackoffMs: 150 }))([state(0)]);
    await expect(sending).rejects.toThrow(
      new HttpSinkError('GAVE_UP', 'gave up after 3 attempts to POST 1 messages to http://production:3000/work-units/state-changes: answered 500 database unavailable', {
        url: '',
      }),
    );
    expect(platform.requests).toHaveLength(3);
    expect(delays).toEqual([100, 150]);
  });

  it('does not try a request the platform rejected as bad again, and says which field', async () => {
    const platform = fakePlatform([() => ({ status: 400, body: { message: ['changes.0.since must be an ISO 8601 timestamp'] } })]);
    const sending = createHttpSink(options(platform.fetch))([state(0)]);
    await expect(sending).rejects.toMatchObject({ code: 'REJECTED', message: expect.stringContaining('changes.0.since must be an ISO 8601 timestamp') });
    expect(platform.requests).toHaveLength(1);
  });

  it('hints at countsPath when the count endpoint is not there', async () => {
    const platform = fakePlatform([recordAll, () => ({ status: 404, body: 'Cannot POST /work-units/production-counts' })]);
    await expect(createHttpSink(options(platform.fetch))([state(0), count(1)])).rejects.toThrow('countsPath: null leaves counts out');
  });

  it('reports refused messages through the callback and carries on with the rest', async () => {
    const refused: Refusal[] = [];
    const answer = (request: Request): { status: number; body: unknown } => ({
      status: 200,
      body: {
        results: itemsOf(request).map((item, i) =>
          i === 1 ? { messageId: item['messageId'], status: 'refused', error: { code: 'STATE_CHANGE_OUT_OF_ORDER', message: 'older than the current state' } } : { messageId: item['messageId'], status: 'replayed' },
        ),
      },
    });
    const platform = fakePlatform([answer, answer]);
    const messages: MachineMessage[] = Array.from({ length: 4 }, (_, n) => state(n));
    await createHttpSink(options(platform.fetch, { batchSize: 2, onRefused: (refusals) => refused.push(...refusals) }))(messages);
    expect(refused).toEqual([
      { message: messages[1], error: { code: 'STATE_CHANGE_OUT_OF_ORDER', message: 'older than the current state' } },
      { message: messages[3], error: { code: 'STATE_CHANGE_OUT_OF_ORDER', message: 'older than the current state' } },
    ]);
  });

  it('fails clearly on an answer without a result for each message', async () => {
    const platform = fakePlatform([() => ({ status: 200, body: { results: [] } })]);
    await expect(createHttpSink(options(platform.fetch))([state(0)])).rejects.toMatchObject({ code: 'UNEXPECTED_ANSWER', message: expect.stringContaining('no result for message sim-1-press-1-0') });
  });

  it('refuses a batch size above the platform’s limit', () => {
    expect(() => createHttpSink(options(fakePlatform().fetch, { batchSize: 1001 }))).toThrow('batchSize must be a whole number from 1 to 1000');
  });
});
