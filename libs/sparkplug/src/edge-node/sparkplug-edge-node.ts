import type { IClientOptions, MqttClient } from 'mqtt';
import { SparkplugClientNotReady, UnencodableSparkplugPayload } from '../errors';
import { isRebirthRequest, REBIRTH_METRIC } from '../host/host-messages';
import { connectClient } from '../mqtt/mqtt-client';
import { DataType, type DataTypeName } from '../payload/data-types';
import type { MetricValue, SparkplugMetric } from '../payload/payload';
import { decodePayload, encodePayload } from '../payload/payload-codec';
import { formatTopic, type EdgeTopic } from '../topic/topic';

/** A metric as the edge node declares it in its births; later DATA messages send it by alias. */
export interface EdgeMetric {
  name: string;
  datatype: DataTypeName;
  value: MetricValue;
}

export interface SparkplugEdgeNodeOptions {
  url: string;
  groupId: string;
  edgeNodeId: string;
  /** The edge node's own metrics (NBIRTH/NDATA), besides bdSeq and Node Control/Rebirth. */
  metrics?: readonly EdgeMetric[];
  /** bdSeq of the first connection; each new connection takes the next (mod 256). */
  bdSeq?: number;
  /** Sparkplug asks QoS 0 for births and data; 1 for tests that must not lose a message. */
  qos?: 0 | 1;
  clock?: () => number;
  onRebirthRequest?: () => void;
  onError?: (error: Error) => void;
  mqtt?: IClientOptions;
}

interface Scope {
  metrics: Map<string, { datatype: number; value: MetricValue; alias: number }>;
}

/**
 * A Sparkplug B edge node for tests, the plant simulator and benchmarks: births with aliases, data by
 * alias, seq 0–255 wrapping, NDEATH as its MQTT will with the birth's bdSeq, and a rebirth on NCMD.
 * Every message is numbered and handed to the client in one synchronous step, so the seq order is the
 * order on the wire even when a rebirth interleaves with the caller's data.
 */
export class SparkplugEdgeNode {
  private client: MqttClient | undefined;
  private bdSeq: number;
  private seq = 0;
  private skip = 0;
  private nextAlias = 1;
  private readonly node: Scope = { metrics: new Map() };
  private readonly devices = new Map<string, Scope>();
  private readonly clock: () => number;
  /** Rebirth requests answered so far. */
  rebirths = 0;

  constructor(private readonly options: SparkplugEdgeNodeOptions) {
    this.bdSeq = (options.bdSeq ?? 0) % 256;
    this.clock = options.clock ?? Date.now;
    this.declare(this.node, options.metrics ?? []);
  }

  get currentBdSeq(): number {
    return this.bdSeq;
  }

  /** Connects (NDEATH as will), then publishes NBIRTH and the DBIRTH of every device declared so far. */
  async connect(): Promise<void> {
    const { groupId, edgeNodeId } = this.options;
    const client = await connectClient(
      this.options.url,
      { clientId: `quadrant-edge-${groupId}-${edgeNodeId}-${process.pid}`, clean: true, ...this.options.mqtt, will: this.will() },
      (created) => {
        created.on('message', (topic, bytes) => this.onCommand(topic, bytes));
        // A new connection is a new session: the next bdSeq, in the will and in the NBIRTH alike.
        created.on('close', () => {
          this.bdSeq = (this.bdSeq + 1) % 256;
          created.options.will = this.will();
        });
        created.on('error', (error) => this.client && this.options.onError?.(error));
      },
    );
    this.client = client;
    await client.subscribeAsync([formatTopic({ type: 'NCMD', groupId, edgeNodeId }), `${formatTopic({ type: 'DCMD', groupId, edgeNodeId, deviceId: '+' })}`], { qos: 1 });
    await this.rebirth();
    client.on('connect', () => void this.rebirth().catch((error: Error) => this.options.onError?.(error)));
  }

  /** NBIRTH (seq 0, same bdSeq) and the DBIRTH of every live device, current values included. */
  async rebirth(): Promise<void> {
    this.seq = 0;
    this.skip = 0;
    const sent = [this.send({ type: 'NBIRTH', ...this.ids() }, this.birthMetrics(this.node, true), 0)];
    for (const [deviceId, device] of this.devices) sent.push(this.send({ type: 'DBIRTH', ...this.ids(), deviceId }, this.birthMetrics(device, false)));
    await Promise.all(sent);
  }

  /** Declares (or re-declares) a device and publishes its DBIRTH. */
  async birthDevice(deviceId: string, metrics: readonly EdgeMetric[], timestamp?: number): Promise<void> {
    const device: Scope = { metrics: new Map() };
    this.declare(device, metrics);
    this.devices.set(deviceId, device);
    return this.send({ type: 'DBIRTH', ...this.ids(), deviceId }, this.birthMetrics(device, false, timestamp), undefined, timestamp);
  }

  /** DDATA by alias; `timestamp` (ms since the epoch) dates the values, the node's clock by default. */
  async publishDeviceData(deviceId: string, values: Record<string, MetricValue>, timestamp?: number): Promise<void> {
    return this.send({ type: 'DDATA', ...this.ids(), deviceId }, this.dataMetrics(this.scope(deviceId), values, `device "${deviceId}"`, timestamp), undefined, timestamp);
  }

  async publishNodeData(values: Record<string, MetricValue>): Promise<void> {
    return this.send({ type: 'NDATA', ...this.ids() }, this.dataMetrics(this.node, values, 'the edge node'));
  }

  /** DDEATH; the device is left out of rebirths until it is born again. */
  async deviceDeath(deviceId: string): Promise<void> {
    this.scope(deviceId);
    this.devices.delete(deviceId);
    return this.send({ type: 'DDEATH', ...this.ids(), deviceId }, []);
  }

  /** The next message skips `count` seq numbers, as if that many had been lost on the way. */
  skipSeq(count = 1): void {
    this.skip += count;
  }

  /** A clean goodbye: NDEATH with the session's bdSeq, then DISCONNECT (which suppresses the will). */
  async disconnect(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    await client.publishAsync(formatTopic({ type: 'NDEATH', ...this.ids() }), this.deathPayload(), { qos: 1 });
    await client.endAsync();
  }

  /** Drops the connection without DISCONNECT, as a crash or a pulled cable would: the broker sends the will. */
  async kill(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  }

  private onCommand(topic: string, bytes: Uint8Array): void {
    try {
      if (!topic.includes('/NCMD/') || !isRebirthRequest(decodePayload(bytes))) return;
      this.rebirths += 1;
      this.options.onRebirthRequest?.();
      this.rebirth().catch((error: Error) => this.options.onError?.(error));
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  /** Synchronous up to the hand-over to the client, so that seq order is wire order. */
  private send(topic: EdgeTopic, metrics: SparkplugMetric[], seq?: number, timestamp?: number): Promise<void> {
    const client = this.client;
    if (!client) throw new SparkplugClientNotReady(`edge node "${this.options.edgeNodeId}"`, 'not connected');
    const number = seq ?? (this.seq = (this.seq + 1 + this.skip) % 256);
    this.skip = 0;
    const payload = encodePayload({ timestamp: timestamp ?? this.clock(), metrics, seq: number });
    return client.publishAsync(formatTopic(topic), Buffer.from(payload), { qos: this.options.qos ?? 0 }).then(() => undefined);
  }

  private declare(scope: Scope, metrics: readonly EdgeMetric[]): void {
    for (const metric of metrics) scope.metrics.set(metric.name, { datatype: DataType[metric.datatype], value: metric.value, alias: this.nextAlias++ });
  }

  private birthMetrics(scope: Scope, isNode: boolean, timestamp = this.clock()): SparkplugMetric[] {
    const own = isNode
      ? [
          { name: 'bdSeq', datatype: DataType.Int64, value: this.bdSeq, timestamp },
          { name: REBIRTH_METRIC, datatype: DataType.Boolean, value: false, timestamp },
        ]
      : [];
    return [...own, ...[...scope.metrics].map(([name, metric]) => ({ name, alias: metric.alias, datatype: metric.datatype, value: metric.value, timestamp }))];
  }

  private dataMetrics(scope: Scope, values: Record<string, MetricValue>, owner: string, timestamp = this.clock()): SparkplugMetric[] {
    return Object.entries(values).map(([name, value]) => {
      const metric = scope.metrics.get(name);
      if (!metric) throw new UnencodableSparkplugPayload(`${owner} declared no metric "${name}" in its birth`);
      metric.value = value;
      return { alias: metric.alias, datatype: metric.datatype, value, timestamp };
    });
  }

  private scope(deviceId: string): Scope {
    const device = this.devices.get(deviceId);
    if (!device) throw new UnencodableSparkplugPayload(`device "${deviceId}" has not been born (birthDevice first)`);
    return device;
  }

  private ids(): { groupId: string; edgeNodeId: string } {
    return { groupId: this.options.groupId, edgeNodeId: this.options.edgeNodeId };
  }

  private deathPayload(): Buffer {
    return Buffer.from(encodePayload({ timestamp: this.clock(), metrics: [{ name: 'bdSeq', datatype: DataType.Int64, value: this.bdSeq }] }));
  }

  private will(): NonNullable<IClientOptions['will']> {
    return { topic: formatTopic({ type: 'NDEATH', ...this.ids() }), payload: this.deathPayload(), qos: 1, retain: false };
  }
}
