import { connectAsync, type MqttClient } from 'mqtt';
import { SparkplugEdgeNode, type EdgeMetric } from '../edge-node/sparkplug-edge-node';
import { loadMappings } from '../mapping/load-mappings';
import { decodePayload } from '../payload/payload-codec';
import type { HostAction, MachineSignal } from '../session/signals';
import { SparkplugHost } from './sparkplug-host';
import { REBIRTH_METRIC } from './host-messages';

const url = process.env['MQTT_URL'] ?? '';
if (!url) throw new Error('MQTT_URL is not set: the int tier needs an MQTT broker (see libs/testing/src/global-setup.ts)');

// Unique per run, so parallel runs on one broker never see each other's messages.
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const group = `it-${run}`;
const hostId = `quadrant-it-${run}`;
const edges = ['births', 'gap', 'ddeath', 'will', 'errors', 'batch'] as const;

const pressMetrics = (state: number, good: number): EdgeMetric[] => [
  { name: 'State', datatype: 'Int32', value: state },
  { name: 'Good', datatype: 'UInt64', value: good },
];
const mappings = loadMappings(
  edges.flatMap((edge) => [
    {
      groupId: group,
      edgeNodeId: edge,
      deviceId: 'press-1',
      workUnitId: `${edge}-press-1`,
      state: { metric: 'State', values: { '1': { state: 'Running' }, '2': { state: 'Idle' }, '3': { state: 'Down', reasonCode: 'FAULT' } } },
      goodCount: { metric: 'Good', mode: 'cumulative' },
    },
    { groupId: group, edgeNodeId: edge, deviceId: 'oven-1', workUnitId: `${edge}-oven-1`, state: { metric: 'Heating', values: { true: { state: 'Running' } } } },
  ]),
);

const signals: MachineSignal[] = [];
/** The size of each batch the sink was given. */
const batches: number[] = [];
/** While set, the sink holds every batch until it resolves. */
let gate: Promise<void> | undefined;
const actions: HostAction[] = [];
const errors: { error: Error; topic?: string }[] = [];
let sinksInFlight = 0;
let maxSinksInFlight = 0;
const host = new SparkplugHost({
  url,
  hostId,
  groups: [group],
  mappings,
  sink: async (batch) => {
    sinksInFlight += 1;
    maxSinksInFlight = Math.max(maxSinksInFlight, sinksInFlight);
    // Slow enough that a second message would overtake this one if the host did not wait.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await gate;
    signals.push(...batch);
    batches.push(batch.length);
    sinksInFlight -= 1;
  },
  onError: (error, topic) => errors.push({ error, ...(topic ? { topic } : {}) }),
  onAction: (action) => actions.push(action),
});
const nodes: SparkplugEdgeNode[] = [];
let observer: MqttClient;

async function edgeNode(edgeNodeId: (typeof edges)[number]): Promise<SparkplugEdgeNode> {
  const node = new SparkplugEdgeNode({ url, groupId: group, edgeNodeId, bdSeq: 4 });
  nodes.push(node);
  await node.connect();
  return node;
}

async function eventually<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
  }
  throw new Error(`timed out waiting for ${what}; signals: ${JSON.stringify(signals)}; actions: ${JSON.stringify(actions)}`);
}

const of = (workUnitId: string): MachineSignal[] => signals.filter((signal) => signal.workUnitId === workUnitId);

beforeAll(async () => {
  observer = await connectAsync(url, { clientId: `quadrant-it-observer-${run}` });
  await observer.subscribeAsync([`spBv1.0/STATE/${hostId}`, `spBv1.0/${group}/NCMD/#`], { qos: 1 });
  await host.start();
});

afterAll(async () => {
  for (const node of nodes) await node.kill();
  await host.stop();
  await observer.endAsync();
});

describe('Sparkplug host and edge node over a real broker', () => {
  it('announces the host online, retained, on its STATE topic', async () => {
    const late = await connectAsync(url, { clientId: `quadrant-it-late-${run}` });
    try {
      const state = new Promise<string>((resolve) => late.on('message', (_topic, payload) => resolve(payload.toString())));
      await late.subscribeAsync(`spBv1.0/STATE/${hostId}`, { qos: 1 });
      expect(JSON.parse(await state)).toEqual({ online: true, timestamp: expect.any(Number) });
    } finally {
      await late.endAsync();
    }
  });

  it('turns births and data into state and count signals, one batch at a time', async () => {
    const node = await edgeNode('births');
    await node.birthDevice('press-1', pressMetrics(1, 100));
    await node.publishDeviceData('press-1', { State: 3 });
    await node.publishDeviceData('press-1', { Good: 104 });
    await eventually('the count', () => of('births-press-1').length === 3);
    expect(of('births-press-1')).toMatchObject([
      { kind: 'state', state: 'Running' },
      { kind: 'state', state: 'Down', reasonCode: 'FAULT' },
      { kind: 'count', good: 4, scrap: 0, rework: 0 },
    ]);
    expect(maxSinksInFlight).toBe(1);
  });

  it('asks for a rebirth on a seq gap, drops the gapped data, and resumes once the edge node is born again', async () => {
    const node = await edgeNode('gap');
    await node.birthDevice('press-1', pressMetrics(1, 0));
    const ncmd = new Promise<Uint8Array>((resolve) => observer.on('message', (topic, payload) => topic.endsWith('/NCMD/gap') && resolve(payload)));
    node.skipSeq();
    await node.publishDeviceData('press-1', { State: 2 });
    const command = decodePayload(await ncmd);
    expect(command.metrics).toMatchObject([{ name: REBIRTH_METRIC, value: true }]);
    await eventually('the rebirth', () => node.rebirths === 1);
    // The rebirth re-sends the DBIRTH with the latest values, so the Idle that was dropped arrives now.
    await eventually('the re-birth signals', () => of('gap-press-1').some((signal) => signal.kind === 'state' && signal.state === 'Idle'));
    await node.publishDeviceData('press-1', { State: 1, Good: 5 });
    await eventually('data after the rebirth', () => of('gap-press-1').some((signal) => signal.kind === 'count'));
    expect(of('gap-press-1')).toMatchObject([
      { kind: 'state', state: 'Running' },
      { kind: 'state', state: 'Idle' },
      { kind: 'state', state: 'Running' },
      { kind: 'count', good: 5 },
    ]);
    expect(actions).toContainEqual(expect.objectContaining({ type: 'rebirth', edgeNodeId: 'gap', reason: 'SEQ_GAP' }));
  });

  it('disconnects a device’s work unit when the device dies', async () => {
    const node = await edgeNode('ddeath');
    await node.birthDevice('press-1', pressMetrics(1, 0));
    await node.birthDevice('oven-1', [{ name: 'Heating', datatype: 'Boolean', value: true }]);
    await node.deviceDeath('press-1');
    await eventually('the disconnection', () => of('ddeath-press-1').some((signal) => signal.kind === 'disconnected'));
    expect(of('ddeath-oven-1')).toMatchObject([{ kind: 'state', state: 'Running' }]);
  });

  it('disconnects every work unit of an edge node whose connection drops (its will NDEATH)', async () => {
    const node = await edgeNode('will');
    await node.birthDevice('press-1', pressMetrics(1, 0));
    await node.birthDevice('oven-1', [{ name: 'Heating', datatype: 'Boolean', value: true }]);
    await eventually('the births', () => of('will-oven-1').length === 1);
    await node.kill();
    await eventually('both disconnections', () => of('will-press-1').concat(of('will-oven-1')).filter((signal) => signal.kind === 'disconnected').length === 2);
  });

  it('reports a malformed topic or payload and goes on with the next message', async () => {
    const before = errors.length;
    await observer.publishAsync(`spBv1.0/${group}/NFOO/x`, Buffer.from([1]));
    await observer.publishAsync(`spBv1.0/${group}/DDATA/errors/press-1`, Buffer.from('not protobuf'));
    const node = await edgeNode('errors');
    await node.birthDevice('press-1', pressMetrics(2, 0));
    await eventually('the errors', () => errors.length === before + 2);
    expect(errors.slice(before).map(({ error }) => error.name)).toEqual(['InvalidSparkplugTopic', 'MalformedSparkplugPayload']);
    await eventually('the next message', () => of('errors-press-1').length === 1);
    expect(of('errors-press-1')).toMatchObject([{ kind: 'state', state: 'Idle' }]);
  });

  it('stops reading while its queue is full, and loses nothing once the sink catches up', async () => {
    // A host of its own, on its own group, with room for 10 signals.
    const boundedGroup = `${group}b`;
    const received: MachineSignal[] = [];
    let open = (): void => undefined;
    const held = new Promise<void>((resolve) => (open = resolve));
    const bounded = new SparkplugHost({
      url,
      hostId: `${hostId}-bounded`,
      groups: [boundedGroup],
      mappings: loadMappings([{ groupId: boundedGroup, edgeNodeId: 'bounded', deviceId: 'press-1', workUnitId: 'bounded-press-1', goodCount: { metric: 'Good', mode: 'cumulative' } }]),
      maxQueuedSignals: 10,
      sink: async (batch) => {
        await held;
        received.push(...batch);
      },
    });
    await bounded.start();
    const node = new SparkplugEdgeNode({ url, groupId: boundedGroup, edgeNodeId: 'bounded' });
    try {
      await node.connect();
      await node.birthDevice('press-1', [{ name: 'Good', datatype: 'UInt64', value: 0 }]);
      for (let good = 1; good <= 100; good++) await node.publishDeviceData('press-1', { Good: good });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bounded.backlog).toBe(10);
      open();
      for (const deadline = Date.now() + 5000; received.length < 100 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received.map((signal) => (signal.kind === 'count' ? signal.totals.goodCount : undefined))).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    } finally {
      open();
      await node.kill();
      await bounded.stop();
    }
  });

  it('hands the QoS 0 messages that arrive while the sink is busy to it as one batch, in order', async () => {
    const node = await edgeNode('batch');
    await node.birthDevice('press-1', pressMetrics(1, 0));
    await eventually('the birth', () => of('batch-press-1').length === 1);
    let open = (): void => undefined;
    gate = new Promise((resolve) => (open = resolve));
    const before = batches.length;
    try {
      // The first message takes the sink, which holds it; the next 39 queue up behind it.
      for (let good = 1; good <= 40; good++) await node.publishDeviceData('press-1', { Good: good });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(host.backlog).toBe(40);
      open();
      await eventually('all counts', () => of('batch-press-1').length === 41);
    } finally {
      open();
      gate = undefined;
    }
    expect(batches.slice(before)).toEqual([1, 39]);
    expect(of('batch-press-1').slice(1).map((signal) => (signal.kind === 'count' ? signal.good : -1))).toEqual(Array.from({ length: 40 }, () => 1));
    expect(host.backlog).toBe(0);
  });
});
