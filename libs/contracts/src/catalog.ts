/**
 * What each domain publishes: its Kafka topic and the current version of each event type. Adding an
 * event here without a schema under schemas/events/<domain>/ fails the contract tests.
 */
export const domains = {
  production: {
    topic: 'quadrant.production.events',
    events: {
      EquipmentDefined: 1,
      WorkUnitStateChanged: 1,
      WorkUnitAllocated: 1,
      WorkUnitAllocationEnded: 1,
      WorkUnitStopReasonCorrected: 1,
      EquipmentClassDefined: 1,
      WorkUnitAssignedToEquipmentClass: 1,
      ProductDefined: 1,
      ProductRoutingRevised: 1,
      JobOrderCreated: 1,
      JobOrderReleased: 1,
      JobOrderDispatched: 1,
      JobOrderSegmentStarted: 1,
      JobOrderPaused: 1,
      JobOrderHeld: 1,
      JobOrderResumed: 1,
      ProductionReported: 1,
      MaterialActualRecorded: 1,
      JobOrderSegmentCompleted: 1,
      JobOrderCompleted: 1,
      JobOrderClosed: 1,
      JobOrderAborted: 1,
      WorkCalendarDefined: 1,
      PlannedDowntimeBooked: 1,
      PlannedDowntimeCancelled: 1,
      WorkScheduleRevised: 1,
      ScheduledOperationLocked: 1,
      ScheduledOperationUnlocked: 1,
    },
  },
} as const;

export type DomainName = keyof typeof domains;

export const CLOUDEVENTS_TYPE_PREFIX = 'org.quadrant';

export function topicOf(domain: DomainName): string {
  return domains[domain].topic;
}

export function currentVersion(domain: DomainName, eventName: string): number | undefined {
  const events: Record<string, number> = domains[domain].events;
  return events[eventName];
}

/** `org.quadrant.production.WorkUnitStateChanged.v1` */
export function cloudEventType(domain: DomainName, eventName: string, version: number): string {
  return `${CLOUDEVENTS_TYPE_PREFIX}.${domain}.${eventName}.v${version}`;
}

/** Types seen so far, parsed: every consumed message names one of a few dozen. Bounded against junk. */
const parsedTypes = new Map<string, Readonly<{ domain: string; name: string; version: number }> | undefined>();

export function parseCloudEventType(type: string): Readonly<{ domain: string; name: string; version: number }> | undefined {
  if (parsedTypes.has(type)) return parsedTypes.get(type);
  const match = /^org\.quadrant\.([a-z]+)\.([A-Za-z]+)\.v(\d+)$/.exec(type);
  const parsed = match && match[1] && match[2] && match[3] ? { domain: match[1], name: match[2], version: Number(match[3]) } : undefined;
  if (parsedTypes.size < 1_000) parsedTypes.set(type, parsed);
  return parsed;
}

export function schemaPath(domain: string, eventName: string, version: number): string {
  return `events/${domain}/${eventName}.v${version}.json`;
}
