import type { RoutingSegment } from '@quadrant/contracts';
import { NotFoundError } from '@quadrant/event-sourcing';
import { DeciderSpecification } from '@quadrant/testing';
import { NotAWorkUnit } from '../equipment/equipment.errors';
import { equipmentClassDecider } from './equipment-class.decider';
import { productDecider } from './product.decider';
import { InvalidRouting, WorkDefinitionAlreadyExists } from './work-definition.errors';

const at = '2026-11-02T06:00:00.000Z';

describe('equipment class', () => {
  const spec = DeciderSpecification(equipmentClassDecider);
  const defined = { type: 'EquipmentClassDefined' as const, data: { equipmentClassId: 'lathes', name: 'CNC lathes', definedAt: at } };
  const assign = (workUnitLevel: string | null) => ({ type: 'AssignWorkUnitToEquipmentClass' as const, equipmentClassId: 'lathes', workUnitId: 'lathe-1', workUnitLevel, at });

  it('is defined once', () => {
    spec.given([]).when({ type: 'DefineEquipmentClass', equipmentClassId: 'lathes', name: 'CNC lathes', at }).then([defined]);
    spec.given([defined]).when({ type: 'DefineEquipmentClass', equipmentClassId: 'lathes', name: 'again', at }).thenThrows(WorkDefinitionAlreadyExists);
  });
  it('takes work units, each once', () => {
    const assigned = { type: 'WorkUnitAssignedToEquipmentClass' as const, data: { equipmentClassId: 'lathes', workUnitId: 'lathe-1', assignedAt: at } };
    spec.given([defined]).when(assign('WorkUnit')).then([assigned]);
    spec.given([defined, assigned]).when(assign('WorkUnit')).thenNothingHappens();
  });
  it('refuses unknown equipment, equipment that is not a work unit, and an unknown class', () => {
    spec.given([defined]).when(assign(null)).thenThrows(NotFoundError);
    spec.given([defined]).when(assign('WorkCenter')).thenThrows(NotAWorkUnit);
    spec.given([]).when(assign('WorkUnit')).thenThrows(NotFoundError);
  });
});

describe('product routing', () => {
  const spec = DeciderSpecification(productDecider);
  const defined = { type: 'ProductDefined' as const, data: { productId: 'shaft', name: 'Shaft', unitOfMeasure: 'pcs', definedAt: at } };
  const segment = (segmentId: string, dependsOn: string[] = []): RoutingSegment => ({
    segmentId,
    name: segmentId,
    eligible: [{ equipmentClassId: 'lathes', idealCycleTimeSeconds: 30, setupTimeSeconds: 600 }],
    dependsOn,
    consumes: [{ materialDefinitionId: 'bar', quantityPerUnit: 1 }],
    produces: [],
  });
  const revise = (segments: RoutingSegment[]) => ({ type: 'ReviseProductRouting' as const, productId: 'shaft', segments, at });

  it('versions each revision, keeping the earlier ones', () => {
    const v1 = { type: 'ProductRoutingRevised' as const, data: { productId: 'shaft', version: 1, segments: [segment('turn')], revisedAt: at } };
    spec.given([defined]).when(revise([segment('turn')])).then([v1]);
    spec.given([defined, v1]).when(revise([segment('turn'), segment('mill', ['turn'])])).then([
      { type: 'ProductRoutingRevised', data: { productId: 'shaft', version: 2, segments: [segment('turn'), segment('mill', ['turn'])], revisedAt: at } },
    ]);
  });
  it('refuses a routing for an unknown product', () => spec.given([]).when(revise([segment('turn')])).thenThrows(NotFoundError));
  it('refuses an empty routing, a repeated segment, an unknown dependency and a cycle, naming the field', () => {
    spec.given([defined]).when(revise([])).thenThrows(InvalidRouting);
    spec.given([defined]).when(revise([segment('turn'), segment('turn')])).thenThrows(InvalidRouting, (e) => expect(e.details).toMatchObject({ field: 'segments.1.segmentId' }));
    spec.given([defined]).when(revise([segment('mill', ['weld'])])).thenThrows(InvalidRouting, (e) => expect(e.message).toContain('unknown segment "weld"'));
    spec.given([defined]).when(revise([segment('a', ['b']), segment('b', ['a'])])).thenThrows(InvalidRouting, (e) => expect(e.message).toContain('cycle'));
  });
  it('refuses a segment no equipment can run', () =>
    spec.given([defined]).when(revise([{ ...segment('turn'), eligible: [] }])).thenThrows(InvalidRouting, (e) => expect(e.details).toMatchObject({ field: 'segments.0.eligible' })));
});
