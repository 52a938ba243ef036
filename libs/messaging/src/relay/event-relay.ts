import { toIntegrationEvent, toKafkaHeaders, topicOf, type DomainName } from '@quadrant/contracts';
import { CatchUpSubscription, type CheckpointStore, type EventStore, type RecordedEvent } from '@quadrant/event-sourcing';
import type { MessageTransport, OutgoingMessage } from '../transport';

export interface EventRelayOptions {
  domain: DomainName;
  store: EventStore;
  checkpoints: CheckpointStore;
  transport: MessageTransport;
  batchSize?: number;
  idleMs?: number;
  onError?(error: unknown): void;
}

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

  constructor(private readonly options: EventRelayOptions) {
    const topic = topicOf(options.domain);
    this.subscription = new CatchUpSubscription(options.store, options.checkpoints, {
      subscriptionId: `relay:${topic}`,
      batchSize: options.batchSize ?? 500,
      idleMs: options.idleMs ?? 10,
      handle: (events) => options.transport.publish(topic, events.map((event) => toOutgoingMessage(options.domain, event))),
      onError: (error) => options.onError?.(error),
    });
  }

  async start(): Promise<void> {
    await this.options.transport.ensureTopics([topicOf(this.options.domain)]);
    await this.subscription.start();
  }

  /** New events were appended in this process: publish now rather than at the next poll. */
  wake(): void {
    this.subscription.wake();
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }
}
