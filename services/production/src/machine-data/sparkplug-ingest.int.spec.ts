import type { INestApplication } from '@nestjs/common';
import { openDatabase, type Database } from '@quadrant/database';
import { InProcessTransport } from '@quadrant/messaging';
import { SparkplugEdgeNode, loadMappings, type EdgeMetric } from '@quadrant/sparkplug';
import { testDatabaseUrl, uniqueSchema } from '@quadrant/testing';
import { createProductionApp } from '../create-production-app';
import { definePressLine } from '../testing/press-line';

const mqttUrl = process.env['MQTT_URL'] ?? '';
if (!mqttUrl) throw new Error('MQTT_URL is not set: the int tier needs an MQTT broker (see libs/testing/src/global-setup.ts)');

/** Machine data over the real Mosquitto broker into the production service on a real PostgreSQL. */
describe('Sparkplug B ingest into production', () => {
  const schemaPrefix = `${uniqueSchema('spb')}_`;
  const group = `plant-${schemaPrefix.replace(/_/g, '')}`;
  let db: Database;
  let app: INestApplication;
  let url: string;
  let edge: SparkplugEdgeNode;

  const metrics = (state: number, good: number, scrap: number): EdgeMetric[] => [
    { name: 'State', datatype: 'Int32', value: state },
    { name: 'Reason', datatype: 'String', value: state === 3 ? 'BEARING' : '' },
    { name: 'Good', datatype: 'UInt64', value: good },
    { name: 'Scrap', datatype: 'UInt64', value: scrap },
  ];
  const ok = async (path: string, body: unknown = {}): Promise<void> => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  };
  const rows = (): Promise<{ event_type: string; data: Record<string, unknown> }[]> =>
    db.query(`select event_type, data from "${schemaPrefix}production".events where stream_id in ('equipment-press-1', 'job-order-jo-1') order by global_position`);
  async function eventually(what: string, check: (events: { event_type: string; data: Record<string, unknown> }[]) => boolean): Promise<void> {
    for (const deadline = Date.now() + 8000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (check(await rows())) return;
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await rows())}`);
  }

  beforeAll(async () => {
    db = await openDatabase(testDatabaseUrl(), { max: 4 });
    const mappings = loadMappings([
      {
        groupId: group,
        edgeNodeId: 'line-1-plc',
        deviceId: 'press',
        workUnitId: 'press-1',
        state: { metric: 'State', values: { '1': { state: 'Running' }, '2': { state: 'Idle' }, '3': { state: 'Down', reasonCode: 'FAULT' } }, reasonMetric: 'Reason' },
        goodCount: { metric: 'Good', mode: 'cumulative' },
        scrapCount: { metric: 'Scrap', mode: 'cumulative' },
      },
    ]);
    app = await createProductionApp({ db, transport: new InProcessTransport(), schemaPrefix }, { logger: false, sparkplug: { url: mqttUrl, hostId: `host-${group}`, mappings } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await definePressLine(ok);
    edge = new SparkplugEdgeNode({ url: mqttUrl, groupId: group, edgeNodeId: 'line-1-plc' });
    await edge.connect();
  });
  afterAll(async () => {
    await edge.disconnect().catch(() => undefined);
    await app.close();
    await db.exec(`drop schema if exists "${schemaPrefix}production" cascade`);
    await db.close();
  });

  it('turns births, data and a device death into state changes and job order counts', async () => {
    await edge.birthDevice('press', metrics(1, 100, 5));
    await eventually('Running', (events) => events.some((e) => e.event_type === 'WorkUnitStateChanged' && e.data['state'] === 'Running'));
    await ok('/job-orders/jo-1/segments/press/start', { workUnitId: 'press-1' });

    await edge.publishDeviceData('press', { Good: 130, Scrap: 7 });
    await eventually('a count', (events) => events.some((e) => e.event_type === 'ProductionReported'));
    await edge.publishDeviceData('press', { State: 3, Reason: 'BEARING' });
    await eventually('Down', (events) => events.some((e) => e.event_type === 'WorkUnitStateChanged' && e.data['state'] === 'Down'));
    await edge.deviceDeath('press');
    await eventually('Unknown', (events) => events.some((e) => e.event_type === 'WorkUnitStateChanged' && e.data['state'] === 'Unknown'));

    const events = await rows();
    const counts = events.filter((e) => e.event_type === 'ProductionReported').map((e) => [e.data['good'], e.data['scrap'], e.data['jobOrderId']]);
    expect(counts).toEqual([[30, 2, 'jo-1']]);
    const states = events.filter((e) => e.event_type === 'WorkUnitStateChanged').map((e) => [e.data['state'], e.data['reasonCode'] ?? null]);
    expect(states).toEqual([['Running', null], ['Down', 'BEARING'], ['Unknown', null]]);
  });
});
