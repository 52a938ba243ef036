import type { IncomingMessage, MessageTransport, OutgoingMessage, SubscribeOptions, TransportSubscription } from '../transport';

interface Group {
  groupId: string;
  handle(messages: IncomingMessage[]): Promise<void>;
}

/**
 * Embedded mode's stand-in for Kafka. It keeps no log: `publish` resolves only after every subscribed
 * group has handled the messages, so the relay's checkpoint (in the database) moves only past what all
 * consumers took, and a restart redelivers the rest. Consumers still dedupe through their inbox, exactly
 * as they do behind Kafka. Subscribers must be in place before relays start.
 */
export class InProcessTransport implements MessageTransport {
  readonly publishWaitsForConsumers = true;
  private readonly groups = new Map<string, Map<string, Group>>();
  private readonly offsets = new Map<string, bigint>();
  /** Publishes to a topic are delivered one after another, so each group sees the topic in order. */
  private readonly queues = new Map<string, Promise<void>>();

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const previous = this.queues.get(topic) ?? Promise.resolve();
    const delivery = previous.catch(() => undefined).then(() => this.deliver(topic, messages));
    this.queues.set(topic, delivery);
    await delivery;
  }

  private async deliver(topic: string, messages: OutgoingMessage[]): Promise<void> {
    let offset = this.offsets.get(topic) ?? 0n;
    const incoming = messages.map((message) => ({ ...message, topic, partition: 0, offset: String(offset++) }));
    this.offsets.set(topic, offset);
    const groups = [...(this.groups.get(topic)?.values() ?? [])];
    await Promise.all(groups.map((group) => group.handle(incoming)));
  }

  async subscribe(options: SubscribeOptions): Promise<TransportSubscription> {
    for (const topic of options.topics) {
      const groups = this.groups.get(topic) ?? new Map<string, Group>();
      if (groups.has(options.groupId)) throw new Error(`group ${options.groupId} is already subscribed to ${topic} in this process`);
      groups.set(options.groupId, { groupId: options.groupId, handle: options.handle });
      this.groups.set(topic, groups);
    }
    return {
      stop: async () => {
        for (const topic of options.topics) this.groups.get(topic)?.delete(options.groupId);
      },
    };
  }

  async ensureTopics(): Promise<void> {
    return;
  }

  async close(): Promise<void> {
    this.groups.clear();
  }
}
