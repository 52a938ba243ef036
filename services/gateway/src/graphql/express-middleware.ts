import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';

type Request = IncomingMessage & { body?: unknown };
type Next = (error?: unknown) => void;

/**
 * Apollo Server 5 on Express 5, as `@as-integrations/express5` does it (that package is not among our
 * dependencies, and @nestjs/apollo would otherwise refuse to start): Express has parsed the JSON body;
 * Apollo gets method, headers, query string and body, and its answer is written back, streamed when it
 * is incremental.
 */
export function expressMiddleware(
  server: ApolloServer<BaseContext>,
  context: ContextFunction<[{ req: Request; res: ServerResponse }], BaseContext> = async () => ({}),
): (req: Request, res: ServerResponse, next: Next) => void {
  server.assertStarted('expressMiddleware()');
  return (req, res, next) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    server
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: new URL(req.url ?? '', 'http://localhost').search,
          body: req.body ?? {},
        },
        context: () => context({ req, res }),
      })
      .then(async (response) => {
        for (const [name, value] of response.headers) res.setHeader(name, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === 'complete') {
          res.end(response.body.string);
          return;
        }
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch(next);
  };
}
