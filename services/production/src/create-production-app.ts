import { NestFactory } from '@nestjs/core';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createValidationPipe, QuadrantExceptionFilter, REQUEST_BODY_LIMIT, type ServiceRuntime } from '@quadrant/platform';
import type { SparkplugIngestConfig } from './machine-data/sparkplug-ingest';
import { ProductionModule } from './production.module';
import type { WorkSchedulerOptions } from './work-schedule/reschedule/work-scheduler';

export async function createProductionApp(
  runtime: ServiceRuntime,
  options: { logger?: LoggerService | LogLevel[] | false; sparkplug?: SparkplugIngestConfig; workScheduler?: Partial<WorkSchedulerOptions> } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ProductionModule.register(runtime, { ...(options.sparkplug ? { sparkplug: options.sparkplug } : {}), ...(options.workScheduler ? { workScheduler: options.workScheduler } : {}) }), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  // Machine data comes in batches of up to 1,000 messages, above the parser's default 100 kB.
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new QuadrantExceptionFilter());
  return app;
}
