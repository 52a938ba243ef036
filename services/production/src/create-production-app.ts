import { NestFactory } from '@nestjs/core';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { createValidationPipe, QuadrantExceptionFilter, type ServiceRuntime } from '@quadrant/platform';
import type { SparkplugIngestConfig } from './machine-data/sparkplug-ingest';
import { ProductionModule } from './production.module';

export async function createProductionApp(
  runtime: ServiceRuntime,
  options: { logger?: LoggerService | LogLevel[] | false; sparkplug?: SparkplugIngestConfig } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(ProductionModule.register(runtime, options.sparkplug ? { sparkplug: options.sparkplug } : {}), { logger: options.logger ?? ['log', 'warn', 'error'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new QuadrantExceptionFilter());
  return app;
}
