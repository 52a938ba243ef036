import { EventStoreDBClient, START } from '@eventstore/db-client';

/**
 * The EventStoreDB for the esdb tier: taken from EVENTSTOREDB_URL when given, else started with
 * testcontainers when a container engine answers, else the run fails and says how to provide one.
 * Never a silent skip.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env['EVENTSTOREDB_URL']) await startContainer();
  await checkEventStoreDb(process.env['EVENTSTOREDB_URL'] ?? '');
}

const HOW_TO = [
  'Provide an EventStoreDB server for the esdb tier:',
  '  docker run -d -p 2113:2113 -e EVENTSTORE_INSECURE=true eventstore/eventstore:24.10 --mem-db',
  '  EVENTSTOREDB_URL=esdb://127.0.0.1:2113?tls=false npm run test:esdb',
  'or run a container engine (Docker or Podman) so testcontainers can start one.',
].join('\n');

async function startContainer(): Promise<void> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    throw new Error(`EVENTSTOREDB_URL not set, and no container engine answers (${(error as Error).message.split('\n')[0]}).\n${HOW_TO}`);
  }
  const container = await new GenericContainer('eventstore/eventstore:24.10')
    .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None', EVENTSTORE_MEM_DB: 'true' })
    .withExposedPorts(2113)
    // The gRPC port opens before the node has elected itself leader; the health endpoint waits for that.
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  process.env['EVENTSTOREDB_URL'] = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  const holder = globalThis as { __quadrantContainers?: { stop(): Promise<unknown> }[] };
  holder.__quadrantContainers = [...(holder.__quadrantContainers ?? []), container];
}

async function checkEventStoreDb(url: string): Promise<void> {
  let client: EventStoreDBClient | undefined;
  try {
    client = EventStoreDBClient.connectionString(url);
    for await (const _event of client.readAll({ fromPosition: START, maxCount: 1, deadline: 10_000 })) {
      // One event read is enough to know the server answers.
    }
  } catch (error) {
    throw new Error(`EventStoreDB at EVENTSTOREDB_URL=${url} does not answer: ${(error as Error).message}\n${HOW_TO}`);
  } finally {
    await client?.dispose().catch(() => undefined);
  }
}
