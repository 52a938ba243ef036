import type { EquipmentLevel, WorkCenterType } from '@quadrant/contracts';
import type { Projected, ProductionFact } from '../production-facts';

/** One element of the equipment hierarchy as the gateway serves it. */
export interface EquipmentRecord {
  id: string;
  name: string;
  description: string | null;
  level: EquipmentLevel;
  workCenterType: WorkCenterType | null;
  parentId: string | null;
  /** Enterprise first, this element last. */
  path: string[];
  definedAt: string;
}

/** The row a fact touches, if any: the store loads it before `projectEquipmentHierarchy`. */
export function equipmentKeyOf(fact: ProductionFact): string | undefined {
  return fact.type === 'EquipmentDefined' ? fact.data.equipmentId : undefined;
}

/**
 * Evolves one row of the hierarchy. An element is defined once (production refuses a second definition),
 * so a definition for a row that exists is a replay and changes nothing.
 */
export function projectEquipmentHierarchy(current: EquipmentRecord | null, fact: ProductionFact): Projected<EquipmentRecord> {
  if (fact.type !== 'EquipmentDefined') return { skip: `${fact.type} does not change the hierarchy` };
  if (current) return { skip: `equipment "${current.id}" is already in the hierarchy` };
  const { data } = fact;
  return {
    write: {
      id: data.equipmentId,
      name: data.name,
      description: data.description ?? null,
      level: data.level,
      workCenterType: data.workCenterType ?? null,
      parentId: data.parentId,
      path: data.path,
      definedAt: data.definedAt,
    },
  };
}
