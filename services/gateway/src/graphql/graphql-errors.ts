import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * A GraphQLError thrown by a resolver is an answer for the client (bad input, not found, a refused rule),
 * not a fault: hand it to GraphQL as it is, without Nest logging it as an unhandled exception.
 */
@Catch(GraphQLError)
export class GraphQLErrorPassThrough implements GqlExceptionFilter {
  catch(error: GraphQLError): GraphQLError {
    return error;
  }
}

/** Anything else a resolver throws is our fault: the client gets a code, the log keeps the details. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (formatted.extensions?.['code'] === 'INTERNAL_SERVER_ERROR' && !(original instanceof GraphQLError)) {
    return { ...formatted, message: 'internal error; see the gateway log' };
  }
  return formatted;
}
