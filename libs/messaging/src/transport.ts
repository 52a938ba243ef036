/**
 * The message transport port. Kafka (kafkajs) in full mode, an in-process transport in embedded mode.
 * kafkajs has had no release since 2023: everything that knows it lives in ./kafka, so a swap to another
 * client is a change of that one folder.
 */
export interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface IncomingMessage extends OutgoingMessage {
  topic: string;
  partition: number;
  offset: string;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /**
   * Handles a batch of one partition, in order. The transport commits past the batch only after this
   * resolves; a throw redelivers it (at-least-once).
   */
  handle(messages: IncomingMessage[]): Promise<void>;
}

export interface TransportSubscription {
  stop(): Promise<void>;
}

export interface MessageTransport {
  /** Resolves once every message is durably accepted (Kafka: acknowledged by all in-sync replicas). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<TransportSubscription>;
  /** Creates topics that do not exist yet, so subscribers can start before the first publish. */
  ensureTopics(topics: string[]): Promise<void>;
  close(): Promise<void>;
  /**
   * True when `publish` resolves only after every subscribed group has handled the messages (the in-process
   * transport): a consumer that held a delivery back would hold the publisher back with it.
   */
  readonly publishWaitsForConsumers?: boolean;
}

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
