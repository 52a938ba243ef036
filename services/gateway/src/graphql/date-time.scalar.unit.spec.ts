import { GraphQLError } from 'graphql';
import { parseDateTime, serializeDateTime } from './date-time.scalar';

describe('DateTime scalar', () => {
  it('reads ISO 8601 timestamps with a zone and answers them in UTC', () => {
    expect(parseDateTime('2026-11-02T06:00:00Z')).toBe('2026-11-02T06:00:00.000Z');
    expect(parseDateTime('2026-11-02T07:30:15.250+01:00')).toBe('2026-11-02T06:30:15.250Z');
    expect(parseDateTime('2026-11-02T07:30+0100')).toBe('2026-11-02T06:30:00.000Z');
  });

  it.each([
    ['no zone, so no instant', '2026-11-02T06:00:00'],
    ['a date only', '2026-11-02'],
    ['a day that does not exist', '2026-02-30T06:00:00Z'],
    ['an hour that does not exist', '2026-11-02T24:00:00Z'],
    ['words', 'yesterday'],
  ])('refuses %s, as bad user input', (_why, value) => {
    let thrown: unknown;
    try {
      parseDateTime(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
    expect((thrown as GraphQLError).message).toContain(`"${value}"`);
  });

  it('refuses a number: epoch values are ambiguous (seconds or milliseconds?)', () => {
    expect(() => parseDateTime(1_700_000_000)).toThrow(/ISO 8601/);
  });

  it('answers Dates and stored strings as ISO 8601 UTC', () => {
    expect(serializeDateTime(new Date('2026-11-02T06:00:00Z'))).toBe('2026-11-02T06:00:00.000Z');
    expect(serializeDateTime('2026-11-02T07:00:00+01:00')).toBe('2026-11-02T06:00:00.000Z');
  });
});
