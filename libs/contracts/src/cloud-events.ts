import type { RecordedEvent } from '@quadrant/event-sourcing';
import { cloudEventType, currentVersion, parseCloudEventType, schemaPath, type DomainName } from './catalog';

/**
 * CloudEvents 1.0 as our integration events carry them: the required attributes, `subject` = stream id,
 * and extensions for tracing and the ISA-95 scope (lowercase alphanumerics, as the spec demands).
 */
export interface IntegrationEvent<Data = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  data: Data;
  /** The event's name and version, parsed from `type`. */
  name: string;
  version: number;
  correlationid?: string;
  causationid?: string;
  actor?: string;
  /** Position of the event in its stream (1-based). */
  streamposition: number;
  isa95enterprise?: string;
  isa95site?: string;
  isa95area?: string;
  isa95workcenter?: string;
  isa95workunit?: string;
}

const EXTENSIONS = ['correlationid', 'causationid', 'actor', 'isa95enterprise', 'isa95site', 'isa95area', 'isa95workcenter', 'isa95workunit'] as const;

export function sourceOf(domain: DomainName): string {
  return `/quadrant/${domain}`;
}

export function toIntegrationEvent(domain: DomainName, event: RecordedEvent): IntegrationEvent {
  const version = currentVersion(domain, event.type);
  if (version === undefined) throw new Error(`${domain} publishes no event type "${event.type}"`);
  const { metadata } = event;
  const integration: IntegrationEvent = {
    specversion: '1.0',
    id: event.eventId,
    source: sourceOf(domain),
    type: cloudEventType(domain, event.type, version),
    subject: event.streamId,
    time: metadata.occurredAt ?? event.recordedAt,
    datacontenttype: 'application/json',
    dataschema: schemaPath(domain, event.type, version),
    data: event.data,
    name: event.type,
    version,
    streamposition: event.streamPosition,
  };
  if (metadata.correlationId) integration.correlationid = metadata.correlationId;
  if (metadata.causationId) integration.causationid = metadata.causationId;
  if (metadata.actor) integration.actor = metadata.actor;
  const scope = metadata.scope ?? {};
  if (scope.enterprise) integration.isa95enterprise = scope.enterprise;
  if (scope.site) integration.isa95site = scope.site;
  if (scope.area) integration.isa95area = scope.area;
  if (scope.workCenter) integration.isa95workcenter = scope.workCenter;
  if (scope.workUnit) integration.isa95workunit = scope.workUnit;
  return integration;
}

/** Kafka protocol binding, binary mode: attributes as `ce_` headers, the data as the JSON value. */
export function toKafkaHeaders(event: IntegrationEvent): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_subject: event.subject,
    ce_time: event.time,
    ce_dataschema: event.dataschema,
    ce_streamposition: String(event.streamposition),
    'content-type': event.datacontenttype,
  };
  for (const name of EXTENSIONS) {
    const value = event[name];
    if (value !== undefined) headers[`ce_${name}`] = value;
  }
  return headers;
}

/** The reverse of the binary mode; throws naming the first missing attribute. */
export function fromKafkaMessage(headers: Record<string, string | undefined>, value: string): IntegrationEvent {
  const required = (name: string): string => {
    const header = headers[`ce_${name}`];
    if (!header) throw new Error(`message has no ce_${name} header: not a CloudEvent`);
    return header;
  };
  const type = required('type');
  const parsed = parseCloudEventType(type);
  if (!parsed) throw new Error(`ce_type "${type}" is not a Quadrant event type`);
  const event: IntegrationEvent = {
    specversion: '1.0',
    id: required('id'),
    source: required('source'),
    type,
    subject: required('subject'),
    time: required('time'),
    datacontenttype: 'application/json',
    dataschema: headers['ce_dataschema'] ?? schemaPath(parsed.domain, parsed.name, parsed.version),
    data: JSON.parse(value) as unknown,
    name: parsed.name,
    version: parsed.version,
    streamposition: Number(headers['ce_streamposition'] ?? 0),
  };
  for (const name of EXTENSIONS) {
    const header = headers[`ce_${name}`];
    if (header !== undefined) event[name] = header;
  }
  return event;
}
