import type { DomainEvent } from '@quadrant/event-sourcing';

/** A work unit that can run a segment, with its own ideal cycle time (ISO 22400 PRI) and setup time. */
export interface EligibleWorkUnit {
  workUnitId: string;
  idealCycleTimeSeconds: number;
  setupTimeSeconds: number;
}

/** Eligible equipment as the routing states it: a whole equipment class, or one work unit. */
export type EquipmentEligibility =
  | { equipmentClassId: string; idealCycleTimeSeconds: number; setupTimeSeconds: number }
  | { workUnitId: string; idealCycleTimeSeconds: number; setupTimeSeconds: number };

/** Material consumed or produced per unit of a segment's output (ISA-95 material specification). */
export interface SegmentMaterial {
  materialDefinitionId: string;
  quantityPerUnit: number;
}

/** One operation of a routing (ISA-95 process segment as used by a work master). */
export interface RoutingSegment {
  segmentId: string;
  name: string;
  eligible: EquipmentEligibility[];
  /** Segments that must have ended before this one starts (B2MML SegmentDependency `AfterEnd`). */
  dependsOn: string[];
  consumes: SegmentMaterial[];
  produces: SegmentMaterial[];
}

export type EquipmentClassDefined = DomainEvent<
  'EquipmentClassDefined',
  { equipmentClassId: string; name: string; description?: string; definedAt: string }
>;

export type WorkUnitAssignedToEquipmentClass = DomainEvent<
  'WorkUnitAssignedToEquipmentClass',
  { equipmentClassId: string; workUnitId: string; assignedAt: string }
>;

/** A product: the material definition a routing produces. */
export type ProductDefined = DomainEvent<
  'ProductDefined',
  { productId: string; name: string; unitOfMeasure: string; definedAt: string }
>;

/** A new version of a product's routing; earlier versions stay for the job orders released with them. */
export type ProductRoutingRevised = DomainEvent<
  'ProductRoutingRevised',
  { productId: string; version: number; segments: RoutingSegment[]; revisedAt: string }
>;

export type WorkDefinitionEvent = EquipmentClassDefined | WorkUnitAssignedToEquipmentClass | ProductDefined | ProductRoutingRevised;
