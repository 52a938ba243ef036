import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DateTimeScalar } from './date-time.scalar';
import { JSONScalar } from './json.scalar';
import { formatError } from './graphql-errors';
import { graphqlTypePaths } from './schema-location';

/**
 * Schema-first: `schemas/graphql/*.graphql` is the contract, resolvers implement it. Queries and mutations
 * on POST /graphql, subscriptions over graphql-ws on the same path, GraphiQL on GET /graphql in a browser.
 */
export function graphqlOptions(): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    typePaths: graphqlTypePaths(),
    resolvers: { DateTime: DateTimeScalar, JSON: JSONScalar },
    subscriptions: { 'graphql-ws': true },
    introspection: true,
    graphiql: true,
    // Resolver errors carry a code and a message meant for clients; stack traces stay in the log.
    includeStacktraceInErrorResponses: false,
    formatError,
    // No type or field carries cache hints: without this, Apollo's default cache-control plugin wraps every
    // resolver of every answer (a KPI series of 720 buckets resolves thousands of fields).
    plugins: [ApolloServerPluginCacheControlDisabled()],
  };
}
