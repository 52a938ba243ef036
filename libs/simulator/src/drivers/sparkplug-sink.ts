import { SparkplugEdgeNode, type EdgeMetric, type SparkplugMapping } from '@quadrant/sparkplug';
import type { IClientOptions } from 'mqtt';
import type { MachineMessage, SimulatedState, Sink } from '../model/machine-message';

/** Where a work unit's machine publishes: a device of an edge node. */
export interface SparkplugDevice {
  workUnitId: string;
  edgeNodeId: string;
  deviceId: string;
}

/** The metrics each simulated device publishes (names as in its DBIRTH). */
export const SIMULATOR_METRICS = { state: 'State', reason: 'Reason', good: 'Good', scrap: 'Scrap', rework: 'Rework' } as const;

/** The `State` metric's values, as a PLC would code its machine states. */
export const SIMULATOR_STATE_CODES: Readonly<Record<SimulatedState, number>> = { Running: 1, Idle: 2, Setup: 3, Down: 4, PlannedDowntime: 5 };

export interface SparkplugSinkOptions {
  /** The MQTT broker, e.g. mqtt://127.0.0.1:1883 */
  url: string;
  /** The Sparkplug group every edge node belongs to. */
  groupId: string;
  /** Every work unit the simulation drives, with its edge node and device (`sparkplugLayout` makes one). */
  layout: readonly SparkplugDevice[];
  /**
   * How the values are dated: by the message's own time (default: a simulation played in real time), or by
   * the wall clock when published (history replayed as live load, e.g. by a benchmark).
   */
  timestamps?: 'message' | 'publish';
  /** The wall clock for `timestamps: 'publish'` (ms since the epoch). */
  clock?: () => number;
  /** Sparkplug publishes births and data at QoS 0; 1 for a test that must not lose a message on the way. */
  qos?: 0 | 1;
  mqtt?: IClientOptions;
  onError?: (error: Error) => void;
}

export interface SparkplugSink {
  /** Publishes each message as the DDATA of its work unit's device, in order (a device is born on its first). */
  readonly sink: Sink;
  /** Each edge node's NDEATH and disconnect. */
  close(): Promise<void>;
}

/** Work units in order, `devicesPerNode` to an edge node: `edge-0/device-0`, `edge-0/device-1`, … */
export function sparkplugLayout(workUnitIds: readonly string[], devicesPerNode: number): SparkplugDevice[] {
  if (!Number.isInteger(devicesPerNode) || devicesPerNode < 1) throw new RangeError(`devicesPerNode must be a whole number of at least 1, not ${devicesPerNode}`);
  return workUnitIds.map((workUnitId, index) => ({ workUnitId, edgeNodeId: `edge-${Math.floor(index / devicesPerNode)}`, deviceId: `device-${index % devicesPerNode}` }));
}

/** The host's mappings for what the sink publishes: state codes with the reason metric, cumulative counters. */
export function sparkplugMappingsFor(groupId: string, layout: readonly SparkplugDevice[]): SparkplugMapping[] {
  const values = Object.fromEntries(Object.entries(SIMULATOR_STATE_CODES).map(([state, code]) => [String(code), { state: state as SimulatedState }]));
  return layout.map(({ workUnitId, edgeNodeId, deviceId }) => ({
    groupId,
    edgeNodeId,
    deviceId,
    workUnitId,
    state: { metric: SIMULATOR_METRICS.state, values, reasonMetric: SIMULATOR_METRICS.reason },
    goodCount: { metric: SIMULATOR_METRICS.good, mode: 'cumulative' },
    scrapCount: { metric: SIMULATOR_METRICS.scrap, mode: 'cumulative' },
    reworkCount: { metric: SIMULATOR_METRICS.rework, mode: 'cumulative' },
  }));
}

interface DeviceTotals {
  good: number;
  scrap: number;
  rework: number;
}

/**
 * The simulator's machines as Sparkplug B edge nodes: each work unit is a device whose `State` (with its
 * `Reason`) and cumulative `Good`/`Scrap`/`Rework` counters it publishes, so the platform takes them through
 * its real MQTT ingest, as it would a plant's PLCs. Edge nodes connect on their first message; a device is
 * born (DBIRTH) on its first, with that message's state or zero counters.
 */
export function createSparkplugSink(options: SparkplugSinkOptions): SparkplugSink {
  const byUnit = new Map(options.layout.map((device) => [device.workUnitId, device]));
  const nodes = new Map<string, Promise<SparkplugEdgeNode>>();
  const connected = new Map<string, SparkplugEdgeNode>();
  /** Each born device's cumulative counters. */
  const totals = new Map<string, DeviceTotals>();
  const clock = options.clock ?? Date.now;

  const nodeOf = (edgeNodeId: string): Promise<SparkplugEdgeNode> => {
    let node = nodes.get(edgeNodeId);
    if (!node) {
      const created = new SparkplugEdgeNode({
        url: options.url,
        groupId: options.groupId,
        edgeNodeId,
        qos: options.qos ?? 0,
        ...(options.mqtt ? { mqtt: options.mqtt } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
      });
      node = created.connect().then(() => created);
      nodes.set(edgeNodeId, node);
    }
    return node;
  };

  const timestampOf = (message: MachineMessage): number => (options.timestamps === 'publish' ? clock() : Date.parse(message.kind === 'state' ? message.since : message.at));

  /** The first message of a work unit: its node connected if need be, its device born. */
  const birth = async (message: MachineMessage, device: SparkplugDevice): Promise<void> => {
    const node = await nodeOf(device.edgeNodeId);
    connected.set(device.edgeNodeId, node);
    totals.set(message.workUnitId, { good: 0, scrap: 0, rework: 0 });
    const state = message.kind === 'state' ? message : undefined;
    const metrics: EdgeMetric[] = [
      { name: SIMULATOR_METRICS.state, datatype: 'Int32', value: SIMULATOR_STATE_CODES[state?.state ?? 'Idle'] },
      { name: SIMULATOR_METRICS.reason, datatype: 'String', value: state?.reasonCode ?? '' },
      { name: SIMULATOR_METRICS.good, datatype: 'UInt64', value: 0 },
      { name: SIMULATOR_METRICS.scrap, datatype: 'UInt64', value: 0 },
      { name: SIMULATOR_METRICS.rework, datatype: 'UInt64', value: 0 },
    ];
    await node.birthDevice(device.deviceId, metrics, timestampOf(message));
    if (!state) await data(node, device, message);
  };

  /** Handed to the node's client before this returns, so calls in order are published in order. */
  const data = (node: SparkplugEdgeNode, device: SparkplugDevice, message: MachineMessage): Promise<void> => {
    if (message.kind === 'state') {
      return node.publishDeviceData(device.deviceId, { [SIMULATOR_METRICS.state]: SIMULATOR_STATE_CODES[message.state], [SIMULATOR_METRICS.reason]: message.reasonCode ?? '' }, timestampOf(message));
    }
    const counted = totals.get(message.workUnitId) ?? { good: 0, scrap: 0, rework: 0 };
    counted.good += message.good;
    counted.scrap += message.scrap;
    counted.rework += message.rework;
    totals.set(message.workUnitId, counted);
    return node.publishDeviceData(device.deviceId, { [SIMULATOR_METRICS.good]: counted.good, [SIMULATOR_METRICS.scrap]: counted.scrap, [SIMULATOR_METRICS.rework]: counted.rework }, timestampOf(message));
  };

  return {
    sink: async (messages) => {
      // Each publish is handed to its node's client in order; waiting for them together keeps that order.
      const sent: Promise<void>[] = [];
      for (const message of messages) {
        const device = byUnit.get(message.workUnitId);
        if (!device) throw new RangeError(`work unit "${message.workUnitId}" has no Sparkplug device in the layout`);
        const node = connected.get(device.edgeNodeId);
        if (node && totals.has(message.workUnitId)) sent.push(data(node, device, message));
        else {
          // A device's first message: what went before is out first, and the birth before what comes after.
          await Promise.all(sent.splice(0));
          await birth(message, device);
        }
      }
      await Promise.all(sent);
    },
    close: async () => {
      const settled = await Promise.allSettled(nodes.values());
      nodes.clear();
      connected.clear();
      for (const result of settled) if (result.status === 'fulfilled') await result.value.disconnect();
    },
  };
}
