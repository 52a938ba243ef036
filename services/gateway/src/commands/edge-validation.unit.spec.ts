import { changeWorkUnitStateProblems, defineEquipmentProblems, idempotencyKeyProblems, withoutNulls } from './edge-validation';

describe('edge validation of commands', () => {
  it('accepts a well-formed definition', () => {
    expect(defineEquipmentProblems({ equipmentId: 'press-1', name: 'Press 1', parentId: 'line-1', description: null })).toEqual([]);
  });

  it('names every bad field of a definition at once', () => {
    expect(defineEquipmentProblems({ equipmentId: 'press 1', name: '  ', parentId: '-x' }).map((problem) => problem.field)).toEqual([
      'input.equipmentId',
      'input.name',
      'input.parentId',
    ]);
  });

  it('refuses an over-long reason code and a malformed work unit id', () => {
    expect(changeWorkUnitStateProblems('press/1', { reasonCode: 'X'.repeat(65) }).map((problem) => problem.field)).toEqual(['workUnitId', 'input.reasonCode']);
  });

  it('refuses a blank idempotency key, which would silently disable deduplication', () => {
    expect(idempotencyKeyProblems(' ')).toEqual([{ field: 'idempotencyKey', message: 'must not be blank' }]);
    expect(idempotencyKeyProblems(undefined)).toEqual([]);
  });

  it("leaves GraphQL's nulls out of the body sent to production", () => {
    expect(withoutNulls({ state: 'Running', reasonCode: null, reasonText: undefined })).toEqual({ state: 'Running' });
  });
});
