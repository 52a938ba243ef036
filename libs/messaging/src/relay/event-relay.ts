import { toIntegrationEvent, toKafkaHeaders, topicOf, type DomainName } from '@quadrant/contracts';
import type { LeaderLock } from '@quadrant/database';
import { CatchUpSubscription, type CheckpointStore, type GlobalLogReader, type RecordedEvent } from '@quadrant/event-sourcing';
import type { MessageTransport, OutgoingMessage } from '../transport';

export interface EventRelayOptions {
  domain: DomainName;
  /** The store's global log (or a `SharedLogReads` over it). */
  store: GlobalLogReader;
  checkpoints: CheckpointStore;
  transport: MessageTransport;
  batchSize?: number;
  idleMs?: number;
  /** See `CatchUpSubscriptionOptions.maxIdleMs`: 250 ms by default. */
  maxIdleMs?: number;
  onError?(error: unknown): void;
  /**
   * With several replicas of a service, one relay publishes and the others stand by; without a lock this
   * relay always publishes. `leaderKey` names what is led (by default the topic).
   */
  leaderLock?: LeaderLock;
  leaderKey?: string;
  onLeadership?(leading: boolean): void;
}

const STANDBY_RETRY_MS = 2_000;

export function toOutgoingMessage(domain: DomainName, event: RecordedEvent): OutgoingMessage {
  const integration = toIntegrationEvent(domain, event);
  return { key: event.streamId, value: JSON.stringify(integration.data), headers: toKafkaHeaders(integration) };
}

/**
 * The outbox relay: the event store's global log, from its checkpoint, to the domain's topic. Key = stream
 * id, so a stream's events stay in order on one partition. The checkpoint moves only after the transport
 * acknowledged the batch: a crash in between publishes the batch again (duplicates on the wire, never a
 * gap), and consumers dedupe by event id.
 */
export class EventRelay {
  private readonly subscription: CatchUpSubscription;
  private stopping = false;
  /** The leadership loop, when replicas elect one relay. */
  private leading: Promise<void> | undefined;
  private wakeStandby: (() => void) | undefined;

  constructor(private readonly options: EventRelayOptions) {
    const topic = topicOf(options.domain);
    this.subscription = new CatchUpSubscription(options.store, options.checkpoints, {
      subscriptionId: `relay:${topic}`,
      batchSize: options.batchSize ?? 2000,
      idleMs: options.idleMs ?? 10,
      // Idle, it polls 4 times a second, not 100; an append in this process wakes it at once.
      maxIdleMs: options.maxIdleMs ?? 250,
      handle: (events) => options.transport.publish(topic, events.map((event) => toOutgoingMessage(options.domain, event))),
      onError: (error) => options.onError?.(error),
    });
  }

  async start(): Promise<void> {
    await this.options.transport.ensureTopics([topicOf(this.options.domain)]);
    const lock = this.options.leaderLock;
    if (!lock) {
      await this.subscription.start();
      return;
    }
    this.stopping = false;
    this.leading = this.lead(lock);
  }

  /** Stand by until the lock is free, relay while it is held, stand by again if it is lost. */
  private async lead(lock: LeaderLock): Promise<void> {
    const key = this.options.leaderKey ?? `relay:${topicOf(this.options.domain)}`;
    while (!this.stopping) {
      let held;
      try {
        held = await lock.tryAcquire(key);
      } catch (error) {
        this.options.onError?.(error);
      }
      if (!held) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, STANDBY_RETRY_MS);
          this.wakeStandby = () => {
            clearTimeout(timer);
            resolve();
          };
          if (this.stopping) this.wakeStandby();
        });
        continue;
      }
      this.options.onLeadership?.(true);
      await this.subscription.start();
      // stop() may have come while the lock was being taken: then this resolves at once.
      const stopped = new Promise<void>((resolve) => {
        this.wakeStandby = resolve;
        if (this.stopping) resolve();
      });
      await Promise.race([held.lost, stopped]);
      await this.subscription.stop();
      await held.release();
      this.options.onLeadership?.(false);
    }
  }

  /** New events were appended in this process: publish now rather than at the next poll. */
  wake(): void {
    this.subscription.wake();
  }

  async stop(): Promise<void> {
    if (!this.leading) return this.subscription.stop();
    this.stopping = true;
    this.wakeStandby?.();
    await this.leading;
    this.leading = undefined;
  }
}
