import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer, type KafkaMessage } from 'kafkajs';
import type { IncomingMessage, MessageTransport, OutgoingMessage, SubscribeOptions, TransportSubscription } from '../transport';
import { fixKafkajsIdleTimer } from './kafkajs-idle-timer-fix';
import { installKafkajsRecordCodec } from './kafkajs-record-codec';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this transport creates. */
  partitions?: number;
  /**
   * Put before every topic and consumer group name: lets several deployments (or test runs) share one
   * cluster without seeing each other. Empty by default.
   */
  namespace?: string;
  log?: (message: string) => void;
}

/**
 * Header values as text. The record codec already decodes them so: its object is taken as it is when every
 * value is text (no header repeated). kafkajs' own decoder gives Buffers.
 */
function headersOf(message: KafkaMessage): Record<string, string> {
  const given = message.headers ?? {};
  let allText = true;
  for (const name in given) {
    if (typeof given[name] !== 'string') {
      allText = false;
      break;
    }
  }
  if (allText) return given as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const name in given) {
    const value = given[name];
    if (value === undefined) continue;
    headers[name] = typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return headers;
}

/** Kafka through kafkajs: an idempotent producer with acks=all; consumers commit only handled batches. */
export class KafkaTransport implements MessageTransport {
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | undefined;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaTransportOptions) {
    fixKafkajsIdleTimer();
    const log = options.log ?? ((message: string) => console.warn(message));
    if (!installKafkajsRecordCodec()) log('kafka: kafkajs was in use before this transport; it keeps its own, slower record codec');
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      // kafkajs reports retried, recovered conditions as warnings; only what it gave up on is worth a line.
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => log(`kafka ${entry.namespace}: ${entry.log.message}`),
      retry: { retries: 8, initialRetryTime: 200 },
    });
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 5,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  private name(topicOrGroup: string): string {
    return `${this.options.namespace ?? ''}${topicOrGroup}`;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    await producer.send({ topic: this.name(topic), acks: -1, messages: messages.map(({ key, value, headers }) => ({ key, value, headers })) });
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.map((topic) => this.name(topic)).filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3, replicationFactor: -1 })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  async subscribe(options: SubscribeOptions): Promise<TransportSubscription> {
    // A member that died without leaving holds its partitions until its session times out; 10 s (not
    // kafkajs' 30 s) bounds how long a restarted consumer waits for them.
    const consumer = this.kafka.consumer({
      groupId: this.name(options.groupId),
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics.map((topic) => this.name(topic)), fromBeginning: true });
    const namespace = this.options.namespace ?? '';
    // Offsets are resolved only after the handler took the batch, then committed; kafkajs fetches on from
    // the resolved offset, so an unresolved batch would be fetched again and again.
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const messages: IncomingMessage[] = batch.messages.map((message) => ({
          topic: batch.topic.slice(namespace.length),
          partition: batch.partition,
          offset: message.offset,
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers: headersOf(message),
        }));
        await options.handle(messages);
        const last = batch.messages[batch.messages.length - 1];
        if (last) resolveOffset(last.offset);
        await heartbeat();
        await commitOffsetsIfNecessary();
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    this.producer = undefined;
  }
}
