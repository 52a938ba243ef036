import { fromKafkaMessage, type IntegrationEvent } from '@quadrant/contracts';
import { ident, migrate, type Database, type SqlClient } from '@quadrant/database';
import { deadLetterTopicOf, type IncomingMessage, type MessageTransport, type TransportSubscription } from '../transport';
import { claimFresh } from './inbox-claims';
import { inboxMigrations } from './inbox-migrations';

export interface InboxConsumerOptions {
  transport: MessageTransport;
  db: Database;
  /** Schema that holds this consumer's inbox, next to the read models it writes. */
  schema: string;
  groupId: string;
  topics: string[];
  /** Applies one event inside the transaction that also records it in the inbox. */
  handle(event: IntegrationEvent, tx: SqlClient): Promise<void>;
  /**
   * Applies the fresh events of a batch, in order, inside that batch's transaction: a few statements for
   * many events. Without it each event goes through `handle`. `handle` still takes them one at a time
   * when a batch fails, to find the one at fault.
   */
  handleBatch?(events: IntegrationEvent[], tx: SqlClient): Promise<void>;
  /** Called after the transaction committed, for push notifications (GraphQL subscriptions). */
  afterCommit?(event: IntegrationEvent): void;
  maxAttempts?: number;
  retryDelayMs?: number;
  onError?(error: unknown, message: IncomingMessage, attempt: number): void;
  /** A stream's events came out of order (see inbox-claims.ts): nothing is lost, but an operator should know. */
  onStreamGap?(message: string): void;
  /** Events per transaction (default 250; see TRANSACTION_CHUNK). */
  transactionChunk?: number;
  /**
   * Takes a partition's next delivery no sooner than this long after the start of its previous one (default
   * 0), so that what arrives meanwhile comes as one larger batch: for a projection whose cost is mostly per
   * batch and whose readers can wait that long. Each partition keeps its own pace: the transport hands the
   * partitions' deliveries over one after another, so a wait after each of them would add up (with three
   * partitions, three waits for every round). A partition whose last delivery was full (`transactionChunk`
   * events or more) is behind: it does not wait. Not on a transport whose publish waits for its consumers
   * (the in-process one): the wait would slow the publisher, and every other consumer, instead.
   */
  minDeliveryIntervalMs?: number;
}

/**
 * Events per transaction. Larger chunks amortise the commit (250 projected about 25 % faster than 100 in
 * the gateway alone); smaller ones hold back other global-log readers for less time (see below).
 */
const TRANSACTION_CHUNK = 250;

/**
 * Exactly-once in effect on top of at-least-once delivery: each event's effect, its claim and the partition
 * checkpoint commit in one PostgreSQL transaction, and an event claimed before is passed over. The claim is
 * the last position applied of the event's stream (one row per stream, see inbox-claims.ts), or, for an
 * event without a stream position, an inbox row of its own. An event that keeps failing goes to the
 * dead-letter topic with its error, then counts as handled.
 */
export class InboxConsumer {
  private subscription: TransportSubscription | undefined;
  private readonly s: string;
  /** Ends the wait between deliveries at once when the consumer stops. */
  private stopping = new AbortController();
  /** When each partition's last delivery started and whether it was full (`minDeliveryIntervalMs`), by topic and partition. */
  private readonly lastDeliveries = new Map<string, { started: number; full: boolean }>();

  constructor(private readonly options: InboxConsumerOptions) {
    this.s = ident(options.schema);
  }

  async start(): Promise<void> {
    this.stopping = new AbortController();
    await migrate(this.options.db, this.options.schema, inboxMigrations);
    await this.options.transport.ensureTopics([...this.options.topics, ...this.options.topics.map(deadLetterTopicOf)]);
    this.subscription = await this.options.transport.subscribe({
      groupId: this.options.groupId,
      topics: this.options.topics,
      handle: async (messages) => {
        const chunk = this.options.transactionChunk ?? TRANSACTION_CHUNK;
        await this.paceDelivery(messages, chunk);
        // Short transactions: an open writing transaction holds back every global-log reader of the
        // database cluster (xid8 snapshot horizon), other services' relays included.
        for (let from = 0; from < messages.length; from += chunk) {
          await this.processBatch(messages.slice(from, from + chunk));
        }
      },
    });
  }

  /** Waits until `minDeliveryIntervalMs` has passed since this partition's previous delivery started, unless that one was full. */
  private async paceDelivery(messages: readonly IncomingMessage[], chunk: number): Promise<void> {
    const interval = this.options.transport.publishWaitsForConsumers ? 0 : (this.options.minDeliveryIntervalMs ?? 0);
    const first = messages[0];
    if (interval <= 0 || !first) return;
    const key = `${first.topic}/${first.partition}`;
    const previous = this.lastDeliveries.get(key);
    const rest = previous === undefined || previous.full ? 0 : previous.started + interval - Date.now();
    if (rest > 0) await pause(rest, this.stopping.signal);
    this.lastDeliveries.set(key, { started: Date.now(), full: messages.length >= chunk });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /**
   * The whole batch in one transaction: the claims first (events claimed before are passed over), then each
   * fresh event's effect, then the checkpoint. If any event fails, the batch rolls back and its events are
   * taken one at a time, so only the failing one is retried and dead-lettered.
   */
  private async processBatch(messages: IncomingMessage[]): Promise<void> {
    const parsed: { message: IncomingMessage; event: IntegrationEvent }[] = [];
    for (const message of messages) {
      try {
        parsed.push({ message, event: fromKafkaMessage(message.headers, message.value) });
      } catch (error) {
        await this.deadLetter(message, error, 1, undefined);
      }
    }
    const last = parsed[parsed.length - 1];
    if (!last) return;
    let applied: IntegrationEvent[];
    try {
      applied = await this.options.db.transaction(async (tx) => {
        const fresh = await this.claim(tx, last.message.topic, parsed.map(({ event }) => event));
        if (this.options.handleBatch) {
          if (fresh.length > 0) await this.options.handleBatch(fresh, tx);
        } else {
          for (const event of fresh) await this.options.handle(event, tx);
        }
        await this.saveCheckpoint(tx, last.message);
        return fresh;
      });
    } catch {
      for (const { message, event } of parsed) await this.processOne(message, event);
      return;
    }
    for (const event of applied) this.options.afterCommit?.(event);
  }

  private async processOne(message: IncomingMessage, event: IntegrationEvent): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await this.options.db.transaction(async (tx) => {
          const [fresh] = await this.claim(tx, message.topic, [event]);
          if (fresh) await this.options.handle(fresh, tx);
          await this.saveCheckpoint(tx, message);
          return fresh !== undefined;
        });
        if (applied) this.options.afterCommit?.(event);
        return;
      } catch (error) {
        this.options.onError?.(error, message, attempt);
        if (attempt >= maxAttempts) {
          await this.deadLetter(message, error, attempt, event);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 100) * 2 ** (attempt - 1)));
      }
    }
  }

  private async claim(tx: SqlClient, topic: string, events: readonly IntegrationEvent[]): Promise<IntegrationEvent[]> {
    const { fresh, gaps } = await claimFresh(tx, this.s, this.options.schema, this.options.groupId, topic, events);
    for (const gap of gaps) {
      const skipped = gap.from === gap.to ? `position ${gap.from}` : `positions ${gap.from} to ${gap.to}`;
      this.options.onStreamGap?.(`${this.options.groupId}: stream ${gap.streamId} skipped ${skipped} on ${topic}; applied when they come (was the topic repartitioned?)`);
    }
    return fresh;
  }

  private async saveCheckpoint(tx: SqlClient, message: IncomingMessage): Promise<void> {
    await tx.query(
      `insert into ${this.s}.consumer_checkpoints (group_id, topic, partition, next_offset, updated_at) values ($1, $2, $3, $4, now())
       on conflict (group_id, topic, partition) do update set next_offset = excluded.next_offset, updated_at = excluded.updated_at`,
      [this.options.groupId, message.topic, message.partition, (BigInt(message.offset) + 1n).toString()],
    );
  }

  /**
   * The original message, untouched, plus why it failed. The event then counts as handled (its claim), and
   * the inbox records it as dead-lettered, for operators.
   */
  private async deadLetter(message: IncomingMessage, error: unknown, attempts: number, event: IntegrationEvent | undefined): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await this.options.transport.publish(deadLetterTopicOf(message.topic), [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'x-quadrant-error': reason.slice(0, 4000),
          'x-quadrant-attempts': String(attempts),
          'x-quadrant-consumer-group': this.options.groupId,
          'x-quadrant-original-topic': message.topic,
          'x-quadrant-original-partition': String(message.partition),
          'x-quadrant-original-offset': message.offset,
        },
      },
    ]);
    const eventId = event?.id ?? message.headers['ce_id'] ?? `${message.topic}/${message.partition}/${message.offset}`;
    await this.options.db.transaction(async (tx) => {
      if (event) await this.claim(tx, message.topic, [event]);
      await tx.query(
        `insert into ${this.s}.inbox (group_id, event_id, topic, dead_lettered) values ($1, $2, $3, true)
         on conflict (group_id, event_id) do update set dead_lettered = true`,
        [this.options.groupId, eventId, message.topic],
      );
      await this.saveCheckpoint(tx, message);
    });
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
