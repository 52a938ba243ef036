import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { connectAsync } from 'mqtt';

/**
 * Servers for the int and e2e tiers: taken from DATABASE_URL / KAFKA_BROKERS when given, else started
 * with testcontainers when a container engine answers, else the run fails and says how to provide them.
 * The int tier also needs an MQTT broker at MQTT_URL (no container fallback). Never a silent skip.
 */
export default async function globalSetup(_global: unknown, project: { testMatch?: string[] }): Promise<void> {
  const needsKafka = (project.testMatch ?? []).some((pattern) => pattern.endsWith('.e2e.spec.ts'));
  // Checked before any container starts: without a broker the run fails anyway (no container fallback here).
  const needsMqtt = (project.testMatch ?? []).some((pattern) => pattern.endsWith('.int.spec.ts'));
  if (needsMqtt && !process.env['MQTT_URL']) throw new Error(`MQTT_URL is not set: the int tier needs an MQTT broker (Sparkplug ingest).\n${HOW_TO}`);
  const missing = [!process.env['DATABASE_URL'] && 'DATABASE_URL', needsKafka && !process.env['KAFKA_BROKERS'] && 'KAFKA_BROKERS'].filter(
    (name): name is string => typeof name === 'string',
  );
  if (missing.length > 0) await startContainers(missing);
  await checkPostgres(process.env['DATABASE_URL'] ?? '');
  if (needsKafka) await checkKafka(process.env['KAFKA_BROKERS'] ?? '');
  if (needsMqtt) await checkMqtt(process.env['MQTT_URL'] ?? '');
}

const HOW_TO = [
  'Provide the servers the tests need:',
  '  PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
  '  Kafka:      bash deploy/kafka/kafka.sh start   then   KAFKA_BROKERS=127.0.0.1:9092',
  '  MQTT:       mosquitto -p 1883   then   MQTT_URL=mqtt://127.0.0.1:1883   (int tier; no container fallback)',
  'or run a container engine (Docker or Podman) so testcontainers can start them.',
].join('\n');

async function startContainers(missing: string[]): Promise<void> {
  const testcontainers = await import('testcontainers');
  try {
    await testcontainers.getContainerRuntimeClient();
  } catch (error) {
    throw new Error(`${missing.join(' and ')} not set, and no container engine answers (${(error as Error).message.split('\n')[0]}).\n${HOW_TO}`);
  }
  const started: { stop(): Promise<unknown> }[] = [];
  if (missing.includes('DATABASE_URL')) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const postgres = await new PostgreSqlContainer('postgres:16-alpine').withDatabase('test').start();
    process.env['DATABASE_URL'] = postgres.getConnectionUri();
    started.push(postgres);
  }
  if (missing.includes('KAFKA_BROKERS')) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.6.1').withKraft().start();
    process.env['KAFKA_BROKERS'] = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    started.push(kafka);
  }
  (globalThis as { __quadrantContainers?: typeof started }).__quadrantContainers = started;
}

async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`PostgreSQL at DATABASE_URL=${url} does not answer: ${(error as Error).message}\n${HOW_TO}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkKafka(brokers: string): Promise<void> {
  const admin = new Kafka({ clientId: 'quadrant-test-setup', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new Error(`Kafka at KAFKA_BROKERS=${brokers} does not answer: ${(error as Error).message}\n${HOW_TO}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function checkMqtt(url: string): Promise<void> {
  try {
    const client = await connectAsync(url, { connectTimeout: 5000, reconnectPeriod: 0 }, false);
    await client.endAsync();
  } catch (error) {
    throw new Error(`MQTT broker at MQTT_URL=${url} does not answer: ${(error as Error).message}\n${HOW_TO}`);
  }
}
