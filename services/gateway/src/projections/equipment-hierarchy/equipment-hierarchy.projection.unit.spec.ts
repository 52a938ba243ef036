import { at, defined, ProjectionSpecification, stateChanged } from '../../testing/projection-specification';
import { equipmentKeyOf, projectEquipmentHierarchy } from './equipment-hierarchy.projection';

const spec = ProjectionSpecification(projectEquipmentHierarchy);

describe('equipment hierarchy projection', () => {
  describe('when the element is not in the hierarchy yet', () => {
    it('adds an enterprise at the root, with no parent', () => {
      spec
        .given()
        .when(defined('acme', 'Enterprise'))
        .then({ id: 'acme', name: 'ACME', description: null, level: 'Enterprise', workCenterType: null, parentId: null, path: ['acme'], definedAt: at });
    });

    it('adds a work center under its parent, with its path from the enterprise and its type', () => {
      spec
        .given()
        .when(defined('line-1', 'WorkCenter', ['acme', 'lyon', 'stamping']))
        .then({
          id: 'line-1',
          name: 'LINE-1',
          description: null,
          level: 'WorkCenter',
          workCenterType: 'ProductionLine',
          parentId: 'stamping',
          path: ['acme', 'lyon', 'stamping', 'line-1'],
          definedAt: at,
        });
    });
  });

  describe('when the element is already in the hierarchy', () => {
    it('writes nothing for a redelivered definition', () => {
      spec.given(defined('acme', 'Enterprise')).when(defined('acme', 'Enterprise')).thenNothingIsWritten(/already in the hierarchy/);
    });
  });

  it('ignores state changes: they do not move anything in the hierarchy', () => {
    const change = stateChanged(2, 'Running', 'Unknown', at);
    expect(equipmentKeyOf(change)).toBeUndefined();
    spec.given().when(change).thenNothingIsWritten();
  });
});
