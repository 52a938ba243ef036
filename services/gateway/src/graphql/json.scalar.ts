import { GraphQLError, GraphQLScalarType } from 'graphql';

/**
 * An event's data as it was recorded, for clients that want more than the summary. Output only: no
 * argument takes free-form JSON, so a client cannot slip unchecked structure into a command.
 */
export const JSONScalar = new GraphQLScalarType<never, unknown>({
  name: 'JSON',
  description: 'A JSON value, as recorded. Output only.',
  serialize: (value) => value,
  parseValue() {
    throw new GraphQLError('JSON is an output type only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral() {
    throw new TypeError('JSON is an output type only');
  },
});
