/** A domain event as deciders produce it: a type name and its data (JSON only: no Date, no class). */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** ISA-95 role-based equipment hierarchy scope of an event, as far as it is known. */
export interface HierarchyScope {
  enterprise?: string;
  site?: string;
  area?: string;
  workCenter?: string;
  workUnit?: string;
}

export interface EventMetadata {
  /** When the fact happened (CloudEvents `time`), ISO 8601 UTC. */
  occurredAt?: string;
  correlationId?: string;
  causationId?: string;
  /** The acting user or system. */
  actor?: string;
  commandId?: string;
  scope?: HierarchyScope;
}

export interface NewEvent<E extends DomainEvent = DomainEvent> {
  event: E;
  metadata: EventMetadata;
}

/**
 * An opaque position in a store's global log. Each adapter encodes its own (PostgreSQL: transaction id
 * and sequence); subscribers store it and hand it back, never compare it.
 */
export type LogPosition = string;

export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  eventId: string;
  streamId: string;
  /** 1-based position within the stream: the stream's version once this event is applied. */
  streamPosition: number;
  logPosition: LogPosition;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
  /** When the store recorded it, ISO 8601 UTC. */
  recordedAt: string;
}

export function toDomainEvent<E extends DomainEvent>(recorded: RecordedEvent<E>): E {
  return { type: recorded.type, data: recorded.data } as E;
}
