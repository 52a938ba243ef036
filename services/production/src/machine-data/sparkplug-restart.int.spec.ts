import type { INestApplication } from '@nestjs/common';
import { openDatabase, type Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { SparkplugEdgeNode, loadMappings, type EdgeMetric, type SparkplugMappings } from '@quadrant/sparkplug';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createProductionApp } from '../create-production-app';
import { definePressLine } from '../testing/press-line';

const mqttUrl = process.env['MQTT_URL'] ?? '';
if (!mqttUrl) throw new Error('MQTT_URL is not set: the int tier needs an MQTT broker (see libs/testing/src/global-setup.ts)');

type Row = { event_type: string; data: Record<string, unknown> };

/** Cumulative counter baselines survive a restart of the production service: nothing lost, nothing counted twice. */
describe('Sparkplug B ingest across a production restart', () => {
  const schemaPrefix = `${uniqueSchema('spbr')}_`;
  const group = `plant-${schemaPrefix.replace(/_/g, '')}`;
  let db: Database;
  let app: INestApplication | undefined;
  let url: string;
  let edge: SparkplugEdgeNode;
  let mappings: SparkplugMappings;

  const metrics = (good: number, scrap: number): EdgeMetric[] => [
    { name: 'State', datatype: 'Int32', value: 1 },
    { name: 'Good', datatype: 'UInt64', value: good },
    { name: 'Scrap', datatype: 'UInt64', value: scrap },
  ];
  const ok = async (path: string, body: unknown = {}): Promise<void> => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  };
  const counts = async (): Promise<unknown[][]> =>
    (await db.query<Row>(`select event_type, data from "${schemaPrefix}production".events where event_type = 'ProductionReported' order by global_position`)).map((e) => [
      e.data['good'],
      e.data['scrap'],
    ]);
  async function eventually(what: string, check: (counted: unknown[][]) => boolean): Promise<void> {
    for (const deadline = Date.now() + 8000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (check(await counts())) return;
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await counts())}`);
  }
  async function open(): Promise<void> {
    app = await createProductionApp({ db, transport: new InProcessTransport(), schemaPrefix }, { logger: false, sparkplug: { url: mqttUrl, hostId: `host-${group}`, mappings } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
    mappings = loadMappings([
      {
        groupId: group,
        edgeNodeId: 'line-1-plc',
        deviceId: 'press',
        workUnitId: 'press-1',
        state: { metric: 'State', values: { '1': { state: 'Running' } } },
        goodCount: { metric: 'Good', mode: 'cumulative' },
        scrapCount: { metric: 'Scrap', mode: 'cumulative' },
      },
    ]);
    await open();
    await definePressLine(ok);
    edge = new SparkplugEdgeNode({ url: mqttUrl, groupId: group, edgeNodeId: 'line-1-plc' });
    await edge.connect();
  });
  afterAll(async () => {
    await edge.disconnect().catch(() => undefined);
    await app?.close();
    await db.exec(`drop schema if exists "${schemaPrefix}production" cascade`);
    await db.close();
  });

  it('counts the parts made between the last booked count and the restart once, from the baselines kept with the counts', async () => {
    // Parts made while nothing runs on the unit belong to no job order, but move the baseline.
    await edge.birthDevice('press', metrics(100, 5));
    await edge.publishDeviceData('press', { Good: 104 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await db.query(`select work_unit_id, totals from "${schemaPrefix}production".sparkplug_counter_totals`)).toEqual([
      { work_unit_id: 'press-1', totals: { goodCount: '104', scrapCount: '5' } },
    ]);
    await ok('/job-orders/jo-1/segments/press/start', { workUnitId: 'press-1' });

    await edge.publishDeviceData('press', { Good: 130, Scrap: 7 });
    await eventually('the first count', (counted) => counted.length === 1);
    await edge.publishDeviceData('press', { Good: 140 });
    await eventually('the second count', (counted) => counted.length === 2);

    await app?.close();
    app = undefined;
    // Made while the service is down: no host is listening, the broker keeps nothing.
    await edge.publishDeviceData('press', { Good: 150, Scrap: 8 });

    await open();
    // The new host has not seen the node born: it asks for a rebirth, which brings the current totals.
    await edge.publishDeviceData('press', { Good: 165 });
    await eventually('the count after the restart', (counted) => counted.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await counts()).toEqual([
      [26, 2],
      [10, 0],
      [25, 1],
    ]);
  });
});
