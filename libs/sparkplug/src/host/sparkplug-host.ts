import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import { SparkplugClientNotReady } from '../errors';
import type { SparkplugMappings } from '../mapping/mapping';
import { connectClient } from '../mqtt/mqtt-client';
import { decodePayload, encodePayload } from '../payload/payload-codec';
import { initialSessionState, type CounterBaselines, type SessionState } from '../session/session-state';
import type { HostAction, MachineSignal } from '../session/signals';
import { track } from '../session/track';
import { parseTopic, SPARKPLUG_NAMESPACE } from '../topic/topic';
import { hostStateOnline, hostStatePayload, hostStateTopic, rebirthCommand } from './host-messages';

export interface SparkplugHostOptions {
  /** e.g. mqtt://127.0.0.1:1883 */
  url: string;
  /** The Sparkplug host id: the STATE topic is `spBv1.0/STATE/<hostId>`. */
  hostId: string;
  /** Sparkplug group ids to ingest (`spBv1.0/<group>/#` each). */
  groups: readonly string[];
  /**
   * Edge nodes to ingest one by one (`spBv1.0/<group>/+/<edgeNode>/#` each), instead of or besides whole
   * groups: several hosts can then share a plant's edge nodes, each node's messages staying in order on
   * one host, so their sinks work side by side.
   */
  edgeNodes?: readonly { groupId: string; edgeNodeId: string }[];
  mappings: SparkplugMappings;
  /** Takes the signals of the messages read so far, in arrival order, as one batch; one batch at a time. */
  sink: (signals: MachineSignal[]) => Promise<void>;
  /**
   * Signals read but not yet settled, at most (default 5,000): past this the host stops reading (TCP
   * back-pressure to the broker) until the sink has caught up to half of it.
   */
  maxQueuedSignals?: number;
  /** Signals per sink call, at most (default 1,000). */
  maxBatchSignals?: number;
  /** A topic or payload that could not be read, or a sink that failed: reported, then skipped. */
  onError?: (error: Error, topic?: string) => void;
  /** Rebirth requests sent and data that could not be mapped, for the operator's log. */
  onAction?: (action: HostAction) => void;
  /** ms since the epoch; the host's clock for receivedAt and STATE. */
  clock?: () => number;
  /**
   * The last cumulative counter totals known per work unit (kept with the booked counts), so that after a
   * restart the first total seen counts the parts made since, instead of only becoming a baseline.
   */
  baselines?: CounterBaselines;
  /** Extra MQTT options (credentials, TLS, clientId, keepalive). */
  mqtt?: IClientOptions;
}

/**
 * The I/O shell around `track`: one MQTT connection, messages tracked one at a time in arrival order, their
 * signals queued and handed to the sink in batches (whatever arrived while the previous batch was being
 * stored), so a busy sink gets larger batches instead of a backlog of small ones.
 *
 * A message is taken as soon as it is tracked. Sparkplug publishes data and births at QoS 0 and both sides
 * connect with a clean session, so MQTT holds nothing for a host that went away: loss anywhere (broker,
 * network, or this queue in a crash) shows as a seq gap or data before birth and is answered by a rebirth,
 * which restores every current value; cumulative counters carry the parts across it (their baselines are
 * kept with the booked counts). That is Sparkplug's own recovery; holding acknowledgements would add none.
 *
 * Back-pressure: mqtt.js reads no further packet until `handleMessage` calls back, so a full queue holds
 * the connection still, and the broker's own queue limits apply. Nothing in that path may wait for a
 * packet from the broker (a QoS 1 ack would never come), which is why commands and STATE republishing are
 * sent without waiting for their acknowledgement.
 */
export class SparkplugHost {
  private client: MqttClient | undefined;
  private state: SessionState;
  private stopping = false;
  /** Signals tracked but not yet handed to the sink. */
  private queue: MachineSignal[] = [];
  /** Signals ever queued, and ever settled by the sink: a message waits for `settled` to pass its mark. */
  private queued = 0;
  private settled = 0;
  private waiters: { mark: number; resolve: () => void }[] = [];
  private draining: Promise<void> | undefined;
  private readonly maxQueued: number;
  private readonly maxBatch: number;
  private readonly clock: () => number;
  private readonly stateTopic: string;
  /** Set per start: the will and the birth carry the same timestamp, as Sparkplug 3.0 asks. */
  private stateTimestamp = 0;

  constructor(private readonly options: SparkplugHostOptions) {
    this.clock = options.clock ?? Date.now;
    this.stateTopic = hostStateTopic(options.hostId);
    this.state = initialSessionState(options.baselines);
    this.maxQueued = Math.max(1, options.maxQueuedSignals ?? 5_000);
    this.maxBatch = Math.max(1, options.maxBatchSignals ?? 1_000);
  }

  async start(): Promise<void> {
    if (this.client) throw new SparkplugClientNotReady(`Sparkplug host "${this.options.hostId}"`, 'already started');
    this.stopping = false;
    this.stateTimestamp = this.clock();
    const client = await connectClient(
      this.options.url,
      {
        clientId: `quadrant-host-${this.options.hostId}-${process.pid}`,
        clean: true,
        ...this.options.mqtt,
        will: { topic: this.stateTopic, payload: Buffer.from(hostStatePayload(false, this.stateTimestamp)), qos: 1, retain: true },
      },
      (created) => {
        created.handleMessage = (packet, done) => {
          const taken = this.take(packet);
          if (taken) void taken.then(() => done());
          else done();
        };
        // Until connected, connectClient turns errors into start()'s rejection.
        created.on('error', (error) => this.client && this.report(error));
      },
    );
    this.client = client;
    // After a reconnect (clean session: the broker forgot us and may have sent our will) say online again.
    client.on('connect', () => this.announce(client));
    const topics = [
      ...this.options.groups.map((group) => `${SPARKPLUG_NAMESPACE}/${group}/#`),
      ...(this.options.edgeNodes ?? []).map(({ groupId, edgeNodeId }) => `${SPARKPLUG_NAMESPACE}/${groupId}/+/${edgeNodeId}/#`),
      this.stateTopic,
    ];
    await client.subscribeAsync(topics, { qos: 1 });
    await client.publishAsync(this.stateTopic, hostStatePayload(true, this.stateTimestamp), { qos: 1, retain: true });
  }

  /** Signals read and not yet settled by the sink. */
  get backlog(): number {
    return this.queued - this.settled;
  }

  /** Stores the signals already read, says offline (retained), and disconnects. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    await this.draining;
    if (client.connected) await client.publishAsync(this.stateTopic, hostStatePayload(false, this.stateTimestamp), { qos: 1, retain: true });
    await client.endAsync();
    this.client = undefined;
  }

  /**
   * Tracks the message now, queues its signals, and answers what `handleMessage` must wait for before it
   * calls back (and mqtt.js reads the next packet): nothing, or room in the queue.
   */
  private take(packet: IPublishPacket): Promise<void> | undefined {
    if (this.stopping) return undefined;
    const signals = this.track(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
    if (signals.length > 0) {
      for (const signal of signals) this.queue.push(signal);
      this.queued += signals.length;
      this.drain();
    }
    if (this.queued - this.settled >= this.maxQueued) return this.settledUpTo(this.queued - Math.floor(this.maxQueued / 2));
    return undefined;
  }

  private track(topicName: string, bytes: Uint8Array): MachineSignal[] {
    try {
      const topic = parseTopic(topicName);
      if (topic.type === 'STATE') {
        // Our own old will (or another instance) said we are offline: the retained STATE must say online.
        if (topic.hostId === this.options.hostId && hostStateOnline(bytes) === false && this.client) this.announce(this.client);
        return [];
      }
      const payload = decodePayload(bytes);
      const result = track(this.state, { topic, payload, receivedAt: new Date(this.clock()).toISOString() }, this.options.mappings);
      this.state = result.state;
      for (const action of result.actions) {
        if (action.type === 'rebirth') this.requestRebirth(action.groupId, action.edgeNodeId);
        this.options.onAction?.(action);
      }
      return result.signals;
    } catch (error) {
      this.report(error instanceof Error ? error : new Error(String(error)), topicName);
      return [];
    }
  }

  private settledUpTo(mark: number): Promise<void> | undefined {
    if (this.settled >= mark) return undefined;
    return new Promise((resolve) => this.waiters.push({ mark, resolve }));
  }

  /** One sink call at a time, each taking what queued meanwhile, until the queue is empty. */
  private drain(): void {
    if (this.draining || this.queue.length === 0) return;
    this.draining = this.drainQueue();
  }

  private async drainQueue(): Promise<void> {
    try {
      for (let batch = this.queue.splice(0, this.maxBatch); batch.length > 0; batch = this.queue.splice(0, this.maxBatch)) {
        try {
          await this.options.sink(batch);
        } catch (error) {
          this.report(error instanceof Error ? error : new Error(String(error)));
        }
        this.settled += batch.length;
        this.waiters = this.waiters.filter((waiter) => {
          if (waiter.mark > this.settled) return true;
          waiter.resolve();
          return false;
        });
      }
    } finally {
      // Cleared in the same turn as the last look at the queue: a message queued after it starts a new drain.
      this.draining = undefined;
    }
  }

  private requestRebirth(groupId: string, edgeNodeId: string): void {
    const command = rebirthCommand(groupId, edgeNodeId, this.clock());
    this.client?.publish(command.topic, Buffer.from(encodePayload(command.payload)), { qos: 0 }, (error) => error && this.report(error, command.topic));
  }

  private announce(client: MqttClient): void {
    if (this.stopping) return;
    client.publish(this.stateTopic, hostStatePayload(true, this.stateTimestamp), { qos: 1, retain: true }, (error) => error && this.report(error, this.stateTopic));
  }

  private report(error: Error, topic?: string): void {
    if (this.options.onError) this.options.onError(error, topic);
    else console.error(`Sparkplug host "${this.options.hostId}"${topic ? ` (${topic})` : ''}: ${error.message}`);
  }
}
