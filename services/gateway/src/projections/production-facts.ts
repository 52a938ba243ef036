import type { EquipmentDefined, IntegrationEvent, WorkUnitStateChanged } from '@quadrant/contracts';

/** The production events the gateway's projections read so far. */
type ProjectedEvent = EquipmentDefined | WorkUnitStateChanged;

/** A production event as the projections read it: the domain event plus where it sits in its stream. */
export type ProductionFact = ProjectedEvent & { eventId: string; streamPosition: number };

/** The version of each production event these projections understand. */
const UNDERSTOOD: Record<ProjectedEvent['type'], number> = {
  EquipmentDefined: 1,
  WorkUnitStateChanged: 1,
};

function isProductionEventName(name: string): name is ProjectedEvent['type'] {
  return name in UNDERSTOOD;
}

/**
 * Narrows an integration event to a fact the projections use, or undefined for a type they do not read.
 * A known type in a version they cannot read throws: the consumer retries, then dead-letters it, rather
 * than silently projecting something it misunderstood (a new version needs an upcaster here).
 */
export function productionFactOf(event: IntegrationEvent): ProductionFact | undefined {
  if (!isProductionEventName(event.name)) return undefined;
  if (event.version !== UNDERSTOOD[event.name]) {
    throw new Error(`the gateway reads ${event.name} v${UNDERSTOOD[event.name]}, not v${event.version}`);
  }
  // The producer validated the data against its JSON Schema before appending it.
  return { type: event.name, data: event.data, eventId: event.id, streamPosition: event.streamposition } as ProductionFact;
}

/** What a projection decided about one fact: the row to write, or why it writes nothing. */
export type Projected<Row> = { write: Row } | { skip: string };
