import type { INestApplication } from '@nestjs/common';
import { portFromEnv, runtimeFromEnv, type ServiceRuntime } from './runtime';

/**
 * Full mode's process entry for a service: runtime from the environment, listen on PORT, and on SIGINT or
 * SIGTERM stop taking requests, stop relays and consumers, then close Kafka and PostgreSQL.
 */
export async function runService(name: string, defaultPort: number, create: (runtime: ServiceRuntime) => Promise<INestApplication>): Promise<void> {
  try {
    const runtime = await runtimeFromEnv(name);
    const app = await create(runtime);
    const port = portFromEnv(defaultPort);
    await app.listen(port, process.env['HOST'] ?? '0.0.0.0');
    console.log(`${name} listening on :${port}`);
    let closing = false;
    const shutdown = async (signal: string): Promise<void> => {
      if (closing) return;
      closing = true;
      console.log(`${name}: ${signal}, stopping`);
      await app.close();
      await runtime.transport.close();
      await runtime.db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    console.error(`${name} could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
