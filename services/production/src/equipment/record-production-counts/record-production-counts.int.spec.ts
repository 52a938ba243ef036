import type { INestApplication } from '@nestjs/common';
import { openDatabase, type Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { defineMachiningEquipment, testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createProductionApp } from '../../create-production-app';

/**
 * Two replicas of the production service on one store. A count is booked on the job order its work unit
 * runs now, even when the replica taking it last saw the unit running another one (which the other replica
 * has since completed): the stale reading is checked against the stream and the count goes where it belongs.
 */
describe('machine counts across replicas', () => {
  const schemaPrefix = `${uniqueSchema('counts')}_`;
  let db: Database;
  const apps: INestApplication[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 6 });
    for (let i = 0; i < 2; i++) {
      const app = await createProductionApp({ db, transport: new InProcessTransport(), schemaPrefix }, { logger: false });
      await app.listen(0, '127.0.0.1');
      apps.push(app);
      urls.push((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.exec(`drop schema if exists "${schemaPrefix}production" cascade`);
    await db.close();
  });

  async function post(replica: number, path: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${urls[replica]}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  it('books a count on the job order running now, not the one this replica last saw', async () => {
    await defineMachiningEquipment((path, body) => post(0, path, body), { workUnits: ['lathe-1'], lathesClass: false });
    await post(0, '/work-units/lathe-1/state', { state: 'Running', since: new Date(Date.now() - 60_000).toISOString() });
    await post(0, '/products', { productId: 'shaft', name: 'Shaft', unitOfMeasure: 'pcs' });
    await post(0, '/products/shaft/routings', { segments: [{ segmentId: 'turn', name: 'Turning', eligible: [{ workUnitId: 'lathe-1', idealCycleTimeSeconds: 30, setupTimeSeconds: 0 }] }] });
    for (const jobOrderId of ['jo-1', 'jo-2']) {
      await post(0, '/job-orders', { jobOrderId, productId: 'shaft', quantity: 100, siteId: 'lyon', priority: 3 });
      await post(0, `/job-orders/${jobOrderId}/release`, {});
      await post(0, `/job-orders/${jobOrderId}/dispatch`, { segmentId: 'turn', workUnitId: 'lathe-1' });
    }
    await post(0, '/job-orders/jo-1/segments/turn/start', { workUnitId: 'lathe-1' });
    const count = (messageId: string): { counts: object[] } => ({ counts: [{ messageId, workUnitId: 'lathe-1', at: new Date().toISOString(), good: 5, scrap: 1 }] });
    // Replica 0 books a count on jo-1: it now holds lathe-1's state with jo-1 running on it.
    expect(await post(0, '/work-units/production-counts', count('m-1'))).toMatchObject({ results: [{ status: 'recorded', jobOrderId: 'jo-1' }] });
    // Replica 1 completes jo-1 and starts jo-2 on the same unit.
    await post(1, '/job-orders/jo-1/segments/turn/complete', {});
    await post(1, '/job-orders/jo-2/segments/turn/start', { workUnitId: 'lathe-1' });
    // Replica 0's next count goes to jo-2, and a redelivery of it is answered as such.
    expect(await post(0, '/work-units/production-counts', count('m-2'))).toMatchObject({ results: [{ status: 'recorded', jobOrderId: 'jo-2' }] });
    expect(await post(0, '/work-units/production-counts', count('m-2'))).toMatchObject({ results: [{ status: 'replayed', jobOrderId: 'jo-2' }] });
  });
});
