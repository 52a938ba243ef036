import { NestFactory } from '@nestjs/core';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import type { ServiceRuntime } from '@quadrant/platform';
import { GatewayModule, type GatewayOptions } from './gateway.module';

/**
 * The gateway as a Nest application, not yet listening. `init()` (or `listen()`) migrates the read models
 * and subscribes the projections' consumer before any request is served.
 */
export async function createGatewayApp(
  runtime: ServiceRuntime,
  options: GatewayOptions & { logger?: LoggerService | LogLevel[] | false },
): Promise<INestApplication> {
  return NestFactory.create(GatewayModule.register(runtime, { productionUrl: options.productionUrl }), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
}
