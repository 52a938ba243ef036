import { HeldUntilCommit } from './gateway-read-models';

describe('HeldUntilCommit', () => {
  it('gives a batch’s value once, to the first of its events announced', () => {
    const held = new HeldUntilCommit<string>();
    held.hold(['e1', 'e2'], 'batch 1');
    expect(held.take('e2')).toBe('batch 1');
    expect(held.take('e1')).toBeUndefined();
    expect(held.take('e9')).toBeUndefined();
  });

  it('forgets everything held once full (a dead-lettered batch never commits)', () => {
    const held = new HeldUntilCommit<number>(2);
    held.hold(['a'], 1);
    held.hold(['b'], 2);
    held.hold(['c'], 3);
    expect([held.take('a'), held.take('b'), held.take('c')]).toEqual([undefined, undefined, 3]);
  });
});
