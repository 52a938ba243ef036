import '@quadrant/platform/production-mode';
import 'reflect-metadata';
import { runService } from '@quadrant/platform';
import { createGatewayApp } from './create-gateway-app';

/** Full mode: the gateway as its own process, on PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS). */
void runService('gateway', 4000, (runtime) => createGatewayApp(runtime, { productionUrl: process.env['PRODUCTION_URL'] ?? 'http://127.0.0.1:4001' }));
