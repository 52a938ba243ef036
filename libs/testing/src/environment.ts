/**
 * Where the int and e2e tiers find their servers. The global setup fills these in (from the environment,
 * or from containers it started), so a test only reads them.
 */
export function testDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: the int and e2e tiers need a PostgreSQL (see README, "Tests")');
  return url;
}

export function testKafkaBrokers(): string[] {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: the e2e tier needs a Kafka broker (see README, "Tests")');
  return brokers.split(',').map((broker) => broker.trim()).filter(Boolean);
}

/** A schema name no other test run uses, so suites can share one database. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`.toLowerCase();
}
