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
  /** Takes each message's signals, in order; the next message waits until it settles. */
  sink: (signals: MachineSignal[]) => Promise<void>;
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
 * The I/O shell around `track`: one MQTT connection, messages taken one at a time in arrival order.
 * Back-pressure comes from mqtt.js's `handleMessage`: the client reads no further packet until the
 * sink's promise settles, so a slow sink slows the broker's delivery instead of filling memory. Nothing
 * in that path may wait for a packet from the broker (a QoS 1 ack would never come), which is why
 * commands and STATE republishing are sent without waiting for their acknowledgement.
 */
export class SparkplugHost {
  private client: MqttClient | undefined;
  private state: SessionState;
  private stopping = false;
  private current: Promise<void> = Promise.resolve();
  private readonly clock: () => number;
  private readonly stateTopic: string;
  /** Set per start: the will and the birth carry the same timestamp, as Sparkplug 3.0 asks. */
  private stateTimestamp = 0;

  constructor(private readonly options: SparkplugHostOptions) {
    this.clock = options.clock ?? Date.now;
    this.stateTopic = hostStateTopic(options.hostId);
    this.state = initialSessionState(options.baselines);
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
        created.handleMessage = (packet, done) => this.take(packet).then(() => done(), () => done());
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

  /** Finishes the message in hand, says offline (retained), and disconnects. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    await this.current;
    if (client.connected) await client.publishAsync(this.stateTopic, hostStatePayload(false, this.stateTimestamp), { qos: 1, retain: true });
    await client.endAsync();
    this.client = undefined;
  }

  private take(packet: IPublishPacket): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.current = this.process(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
    return this.current;
  }

  private async process(topicName: string, bytes: Uint8Array): Promise<void> {
    try {
      const topic = parseTopic(topicName);
      if (topic.type === 'STATE') {
        // Our own old will (or another instance) said we are offline: the retained STATE must say online.
        if (topic.hostId === this.options.hostId && hostStateOnline(bytes) === false && this.client) this.announce(this.client);
        return;
      }
      const payload = decodePayload(bytes);
      const result = track(this.state, { topic, payload, receivedAt: new Date(this.clock()).toISOString() }, this.options.mappings);
      this.state = result.state;
      for (const action of result.actions) {
        if (action.type === 'rebirth') this.requestRebirth(action.groupId, action.edgeNodeId);
        this.options.onAction?.(action);
      }
      if (result.signals.length > 0) await this.options.sink(result.signals);
    } catch (error) {
      this.report(error instanceof Error ? error : new Error(String(error)), topicName);
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
