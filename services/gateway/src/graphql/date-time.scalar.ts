import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** Date and time with seconds optional, fractions optional, and a zone required: no "local" ambiguity. */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

function invalid(value: unknown): GraphQLError {
  const shown = typeof value === 'string' ? `"${value}"` : typeof value;
  return new GraphQLError(`DateTime must be an ISO 8601 timestamp with a time zone, e.g. 2026-11-02T06:00:00Z; got ${shown}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Reads a client's timestamp, normalized to UTC (`toISOString`). A date that does not exist is refused, not rolled over. */
export function parseDateTime(value: unknown): string {
  const match = typeof value === 'string' ? ISO_8601.exec(value) : null;
  if (!match) throw invalid(value);
  const [, year, month, day, hour, minute, second = '00', fraction = '', zulu, sign, offsetHours = '00', offsetMinutes = '00'] = match;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const fieldsExist =
    Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth &&
    Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 && Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59;
  if (!fieldsExist) throw invalid(value);
  const zone = zulu ? 'Z' : `${sign ?? '+'}${offsetHours}:${offsetMinutes}`;
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${zone}`);
  if (Number.isNaN(time)) throw invalid(value);
  return new Date(time).toISOString();
}

/** What `toISOString` writes: answers already in this form (most are) go out as they are. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function serializeDateTime(value: unknown): string {
  if (typeof value === 'string' && CANONICAL_UTC.test(value) && !Number.isNaN(Date.parse(value))) return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new GraphQLError(`cannot serialize ${typeof value} as a DateTime`);
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant as an ISO 8601 string with a time zone; answers are in UTC.',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  // A plain error here, not a GraphQLError: graphql-js then reports it with the literal's location and
  // `Expected value of type "DateTime!", found ...`, which points the client at the field.
  parseLiteral(ast) {
    try {
      if (ast.kind !== Kind.STRING) throw invalid(ast.kind);
      return parseDateTime(ast.value);
    } catch (error) {
      throw new TypeError(error instanceof Error ? error.message : String(error));
    }
  },
});
