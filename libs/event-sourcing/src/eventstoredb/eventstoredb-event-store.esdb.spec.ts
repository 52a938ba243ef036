import { eventStoreContract } from '../testing/event-store-contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

function eventStoreDbUrl(): string {
  const url = process.env['EVENTSTOREDB_URL'];
  // The global setup provides one or fails the run; this only guards a run without that setup.
  if (!url) throw new Error('EVENTSTOREDB_URL is not set: run this tier with `npm run test:esdb`');
  return url;
}

// Every store gets its own stream prefix: runs share one server, and each store's global log then
// holds only its own events, as a PostgreSQL store with a schema of its own would.
const uniquePrefix = (): string => `esdb${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}-`;

eventStoreContract('EventStoreDbEventStore', async () => EventStoreDbEventStore.connect(eventStoreDbUrl(), { prefix: uniquePrefix() }));
