import 'reflect-metadata';
import { runService } from '@quadrant/platform';
import { createProductionApp } from './create-production-app';

/** Full mode: the production service as its own process, on PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS). */
void runService('production', 4001, (runtime) => createProductionApp(runtime));
