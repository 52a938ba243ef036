import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { expressMiddleware } from './express-middleware';

/**
 * @nestjs/apollo's driver with our own Express 5 middleware in place of `@as-integrations/express5`
 * (see express-middleware.ts). Everything else (schema building, graphql-ws subscriptions, landing page,
 * error formatting) stays @nestjs/apollo's.
 */
@Injectable()
export class GatewayApolloDriver extends ApolloDriver {
  constructor(modules: ModulesContainer) {
    super(modules);
  }

  protected override async registerExpress(options: ApolloDriverConfig, hooks: { preStartHook?: () => void } = {}): Promise<void> {
    const { schema } = options;
    if (!schema) throw new Error('the GraphQL schema was not built');
    const path = options.path ?? '/graphql';
    const httpAdapter = this.httpAdapterHost.httpAdapter;
    hooks.preStartHook?.();
    const server = new ApolloServer<BaseContext>({
      ...options,
      schema,
      plugins: [...(options.plugins ?? []), ApolloServerPluginDrainHttpServer({ httpServer: httpAdapter.getHttpServer() })],
    });
    await server.start();
    httpAdapter.use(path, expressMiddleware(server, options.context));
    this.apolloServer = server;
  }
}
