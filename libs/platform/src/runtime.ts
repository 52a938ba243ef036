import { openDatabase, PgLeaderLock, type Database, type LeaderLock } from '@quadrant/database';
import { KafkaTransport, type MessageTransport } from '@quadrant/messaging';

/**
 * What a service needs from its surroundings. Full mode builds it from the environment (one process per
 * service, PostgreSQL and Kafka); embedded mode builds one for all services (PGlite, in-process transport).
 */
export interface ServiceRuntime {
  db: Database;
  transport: MessageTransport;
  /** Put before every schema a service owns, so test runs can share one database. Empty in production. */
  schemaPrefix?: string;
  /** Elects the one relay among a service's replicas; without it every instance relays. */
  leaderLock?: LeaderLock;
}

export function schemaName(runtime: ServiceRuntime, schema: string): string {
  return `${runtime.schemaPrefix ?? ''}${schema}`;
}

export const SERVICE_RUNTIME = Symbol('ServiceRuntime');

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see README, "Configuration")`);
  return value;
}

export async function runtimeFromEnv(service: string): Promise<ServiceRuntime> {
  const databaseUrl = requiredEnv('DATABASE_URL');
  const db = await openDatabase(databaseUrl, { applicationName: `quadrant-${service}` });
  const transport = new KafkaTransport({
    brokers: requiredEnv('KAFKA_BROKERS').split(',').map((broker) => broker.trim()),
    clientId: `quadrant-${service}`,
    partitions: Number(process.env['KAFKA_PARTITIONS'] ?? 3),
    namespace: process.env['KAFKA_NAMESPACE'] ?? '',
  });
  return {
    db,
    transport,
    schemaPrefix: process.env['QUADRANT_SCHEMA_PREFIX'] ?? '',
    ...(db.kind === 'postgres' ? { leaderLock: new PgLeaderLock(databaseUrl) } : {}),
  };
}

export function portFromEnv(fallback: number): number {
  const raw = process.env['PORT'];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT "${raw}" is not a TCP port number`);
  return port;
}
