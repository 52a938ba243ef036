import { graphQLErrorOf, serviceUnavailable } from './command-errors';

describe("mapping production's answers to GraphQL errors", () => {
  it('400: BAD_USER_INPUT naming every field, in the message and in extensions.problems', () => {
    const error = graphQLErrorOf('production', 400, {
      code: 'BAD_USER_INPUT',
      message: 'since: since must be an ISO 8601 timestamp',
      details: { problems: [{ field: 'since', message: 'since must be an ISO 8601 timestamp' }, { field: 'state', message: 'state must be one of ...' }] },
    });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'input.since', message: 'since must be an ISO 8601 timestamp' },
        { field: 'input.state', message: 'state must be one of ...' },
      ],
    });
    expect(error.message).toMatch(/input\.since: .*input\.state: /);
  });

  it('400: names a field that came from a top-level argument as that argument', () => {
    const error = graphQLErrorOf('production', 400, { code: 'BAD_USER_INPUT', details: { problems: [{ field: 'reasonCode', message: 'reasonCode is required to Hold' }] } }, (field) => field);
    expect(error.extensions['problems']).toEqual([{ field: 'reasonCode', message: 'reasonCode is required to Hold' }]);
  });

  it('404: NOT_FOUND with what was missing', () => {
    const error = graphQLErrorOf('production', 404, { code: 'NOT_FOUND', message: 'work unit "ghost" does not exist', details: { kind: 'work unit', id: 'ghost' } });
    expect(error.message).toBe('work unit "ghost" does not exist');
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', details: { id: 'ghost' } });
  });

  it("409: CONFLICT with the stream's current version and the service's reason", () => {
    const error = graphQLErrorOf('production', 409, { code: 'VERSION_CONFLICT', message: 'stream is at version 7', details: { currentVersion: 7 } });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_CONFLICT', currentVersion: 7 });
  });

  it("422: the refused rule's own code", () => {
    const error = graphQLErrorOf('production', 422, { code: 'STOP_REASON_REQUIRED', message: 'cannot go Down without a reasonCode', details: { field: 'reasonCode' } });
    expect(error.extensions).toMatchObject({ code: 'STOP_REASON_REQUIRED', service: 'production', details: { field: 'reasonCode' } });
  });

  it('503: SERVICE_UNAVAILABLE naming the service', () => {
    const error = graphQLErrorOf('production', 503, 'Service Unavailable');
    expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'production' });
    expect(error.message).toContain('production');
  });

  it('500: an internal error of the service, not a client mistake', () => {
    expect(graphQLErrorOf('production', 500, { code: 'INTERNAL', message: 'internal error' }).extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', status: 500 });
  });

  it('no answer at all: SERVICE_UNAVAILABLE with the socket error', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const error = serviceUnavailable('production', 'http://127.0.0.1:4001', refused);
    expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'production' });
    expect(error.message).toBe('the production service is unavailable at http://127.0.0.1:4001: ECONNREFUSED; try again (with the same idempotencyKey)');
  });

  it('no answer in time: SERVICE_UNAVAILABLE saying so', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    expect(serviceUnavailable('production', 'http://p', timeout).message).toContain('did not answer in time');
  });
});
