import { openDatabase, type Database } from '@quadrant/database';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { eventStoreContract } from '../testing/event-store-contract';
import { PostgresEventStore } from './postgres-event-store';

const opened: { db: Database; schema: string }[] = [];
let pglite: Promise<Database> | undefined;

afterAll(async () => {
  for (const { db, schema } of opened) {
    await db.exec(`drop schema if exists "${schema}" cascade`);
    if (db.kind === 'postgres') await db.close();
  }
  if (pglite) await (await pglite).close();
});

async function storeIn(db: Database): Promise<PostgresEventStore> {
  const schema = uniqueSchema('es_contract');
  opened.push({ db, schema });
  return PostgresEventStore.create(db, schema);
}

eventStoreContract('PostgresEventStore on a PostgreSQL server', async () => storeIn(await openDatabase(testDatabaseUrl(), { max: 4 })));

// PGlite takes seconds to boot, so its tests share one database, a schema each.
eventStoreContract('PostgresEventStore on PGlite (embedded mode)', async () => storeIn(await (pglite ??= openDatabase('pglite:memory'))));
