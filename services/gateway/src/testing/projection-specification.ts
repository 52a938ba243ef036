// Test support for the projection specs (kept out of the build with every `testing/` folder).
import type { EquipmentLevel, WorkUnitState } from '@quadrant/contracts';
import type { Projected, ProductionFact } from '../projections/production-facts';

/**
 * given (facts already projected) / when (one more fact) / then (the row written, or nothing): the shape
 * of every read-model spec. `given` folds the facts through the projection, as the store would.
 */
export function ProjectionSpecification<Row>(project: (current: Row | null, fact: ProductionFact) => Projected<Row>) {
  return {
    given(...facts: ProductionFact[]) {
      const current = facts.reduce<Row | null>((row, fact) => {
        const outcome = project(row, fact);
        return 'write' in outcome ? outcome.write : row;
      }, null);
      return {
        when(fact: ProductionFact) {
          const outcome = project(current, fact);
          return {
            then(expected: Row): void {
              expect(outcome).toEqual({ write: expected });
            },
            /** The fields a test is about; the rest of the row is another test's business. */
            thenWrites(expected: Partial<Row>): void {
              expect(outcome).toMatchObject({ write: expected });
            },
            thenNothingIsWritten(reason?: RegExp): void {
              expect(outcome).toEqual({ skip: expect.stringMatching(reason ?? /./) });
            },
          };
        },
      };
    },
  };
}

/** Facts for the projection specs: an enterprise-to-work-unit chain and its state changes. */
export const at = '2026-11-02T06:00:00.000Z';

export function defined(equipmentId: string, level: EquipmentLevel, parentPath: string[] = []): ProductionFact {
  return {
    type: 'EquipmentDefined',
    eventId: `def-${equipmentId}`,
    streamPosition: 1,
    occurredAt: at,
    actor: 'engineer.eve',
    correlationId: null,
    data: {
      equipmentId,
      name: equipmentId.toUpperCase(),
      level,
      parentId: parentPath[parentPath.length - 1] ?? null,
      path: [...parentPath, equipmentId],
      definedAt: at,
      ...(level === 'WorkCenter' ? { workCenterType: 'ProductionLine' as const } : {}),
    },
  };
}

export const pressPath = ['acme', 'lyon', 'stamping', 'line-1', 'press-1'];

export function stateChanged(
  streamPosition: number,
  state: WorkUnitState,
  previousState: WorkUnitState,
  since: string,
  reasonCode?: string,
): ProductionFact {
  return {
    type: 'WorkUnitStateChanged',
    eventId: `press-1-${streamPosition}`,
    streamPosition,
    occurredAt: since,
    actor: 'press-1-plc',
    correlationId: null,
    data: { workUnitId: 'press-1', state, previousState, since, path: pressPath, ...(reasonCode ? { reasonCode, reasonText: 'die jam' } : {}) },
  };
}
