import type { IntegrationEvent } from '@quadrant/contracts';
import { ident, migrate, openDatabase, type Database } from '@quadrant/database';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { stateChangeAt } from '../testing/integration-events';
import { claimFresh, ConcurrentDeliveryError } from './inbox-claims';
import { inboxMigrations } from './inbox-migrations';

const event = (subject: string, streamposition: number): IntegrationEvent => stateChangeAt(`${subject}-${streamposition}`, subject, streamposition);
const range = (subject: string, from: number, to: number): IntegrationEvent[] => Array.from({ length: to - from + 1 }, (_, i) => event(subject, from + i));
const ids = (events: readonly IntegrationEvent[]): string[] => events.map((e) => e.id);

function gate(): { opened: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Claims on the real database: two deliveries of one stream at once (a rebalancing group) never both apply an event. */
describe('inbox stream claims on PostgreSQL', () => {
  const schema = uniqueSchema('inbox_claims');
  const s = ident(schema);
  let db: Database;
  const claim = (tx: Parameters<Parameters<Database['transaction']>[0]>[0], events: IntegrationEvent[], group = 'g'): Promise<IntegrationEvent[]> =>
    claimFresh(tx, s, schema, group, 'topic', events).then(({ fresh }) => fresh);

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
    await migrate(db, schema, inboxMigrations);
  });
  afterAll(async () => {
    await db.exec(`drop schema if exists ${s} cascade`);
    await db.close();
  });

  it('given a delivery of a new stream still open, when a second delivery of it comes, then the second waits and is refused, and its retry applies only the rest', async () => {
    const held = gate();
    const first = db.transaction(async (tx) => {
      const fresh = await claim(tx, range('new', 1, 3));
      await held.opened;
      return fresh;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = db.transaction((tx) => claim(tx, range('new', 1, 5)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    held.open();
    expect(ids(await first)).toEqual(['new-1', 'new-2', 'new-3']);
    await expect(second).rejects.toBeInstanceOf(ConcurrentDeliveryError);
    expect(ids(await db.transaction((tx) => claim(tx, range('new', 1, 5))))).toEqual(['new-4', 'new-5']);
  });

  it('given a delivery of a known stream still open, when a second delivery of it comes, then the second waits and takes only what the first did not', async () => {
    await db.transaction((tx) => claim(tx, range('known', 1, 3)));
    const held = gate();
    const first = db.transaction(async (tx) => {
      const fresh = await claim(tx, range('known', 2, 6));
      await held.opened;
      return fresh;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = db.transaction((tx) => claim(tx, range('known', 4, 7)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    held.open();
    expect(ids(await first)).toEqual(['known-4', 'known-5', 'known-6']);
    expect(ids(await second)).toEqual(['known-7']);
  });

  it('given a delivery that rolls back, when it comes again, then its events are fresh again', async () => {
    await expect(
      db.transaction(async (tx) => {
        await claim(tx, range('rolled', 1, 2));
        throw new Error('the projection failed');
      }),
    ).rejects.toThrow('the projection failed');
    expect(ids(await db.transaction((tx) => claim(tx, range('rolled', 1, 2))))).toEqual(['rolled-1', 'rolled-2']);
  });

  it('given events applied before stream claims existed (inbox rows only), when they come again with later ones, then only the later ones are fresh', async () => {
    await db.query(`insert into ${s}.inbox (group_id, event_id, topic) values ('g', 'legacy-1', 'topic'), ('g', 'legacy-2', 'topic')`);
    expect(ids(await db.transaction((tx) => claim(tx, range('legacy', 1, 4))))).toEqual(['legacy-3', 'legacy-4']);
    const [row] = await db.query<{ stream_position: number }>(`select stream_position from ${s}.inbox_streams where group_id = 'g' and stream_id = 'legacy'`);
    expect(row?.stream_position).toBe(4);
  });

  it('keeps each consumer group apart', async () => {
    await db.transaction((tx) => claim(tx, range('shared', 1, 2), 'one'));
    expect(ids(await db.transaction((tx) => claim(tx, range('shared', 1, 3), 'two')))).toEqual(['shared-1', 'shared-2', 'shared-3']);
    expect(ids(await db.transaction((tx) => claim(tx, range('shared', 1, 3), 'one')))).toEqual(['shared-3']);
  });

  it('given a stream whose order broke, when the skipped position comes after a later one, then it is applied, once', async () => {
    await db.transaction((tx) => claim(tx, range('broken', 1, 2)));
    expect(ids(await db.transaction((tx) => claim(tx, [event('broken', 4)])))).toEqual(['broken-4']);
    const [row] = await db.query<{ missing: number[] }>(`select missing from ${s}.inbox_streams where group_id = 'g' and stream_id = 'broken'`);
    expect(row?.missing).toEqual([3, 3]);
    expect(ids(await db.transaction((tx) => claim(tx, range('broken', 3, 5))))).toEqual(['broken-3', 'broken-5']);
    expect(ids(await db.transaction((tx) => claim(tx, range('broken', 1, 5))))).toEqual([]);
  });
});
