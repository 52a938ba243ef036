import { latenessOf, progressOf } from './job-order-performance';

const due = '2026-11-05T16:00:00.000Z';
const open = { dueAt: due, completedAt: null, abortedAt: null };

describe('job order lateness', () => {
  it('is null without a due date, whatever the time', () => {
    expect(latenessOf({ ...open, dueAt: null }, '2030-01-01T00:00:00.000Z')).toBeNull();
  });

  it('is the slack left, negative, while not yet due', () => {
    expect(latenessOf(open, '2026-11-05T14:30:00.000Z')).toBe(-5400);
  });

  it('grows with the clock once an open job order is past due', () => {
    expect(latenessOf(open, '2026-11-05T16:00:30.000Z')).toBe(30);
    expect(latenessOf(open, '2026-11-06T16:00:00.000Z')).toBe(86_400);
  });

  it('is 0, not -0, within a second of the due time', () => {
    expect(Object.is(latenessOf(open, '2026-11-05T15:59:59.600Z'), 0)).toBe(true);
  });

  it('is fixed at completion: late completion stays late, early completion keeps its slack', () => {
    const later = '2026-12-01T00:00:00.000Z';
    expect(latenessOf({ ...open, completedAt: '2026-11-05T18:00:00.000Z' }, later)).toBe(7200);
    expect(latenessOf({ ...open, completedAt: '2026-11-05T15:00:00.000Z' }, later)).toBe(-3600);
  });

  it('is fixed at the abort of an aborted job order', () => {
    expect(latenessOf({ ...open, abortedAt: '2026-11-05T17:00:00.000Z' }, '2026-12-01T00:00:00.000Z')).toBe(3600);
  });
});

describe('job order progress', () => {
  it('is the good count as a fraction of the quantity ordered, with the other counts beside it', () => {
    expect(progressOf({ quantity: 200, good: 50, scrap: 4, rework: 2 })).toEqual({ fraction: 0.25, good: 50, scrap: 4, rework: 2 });
  });

  it('goes past 1 when more good pieces are made than ordered', () => {
    expect(progressOf({ quantity: 100, good: 104, scrap: 0, rework: 0 }).fraction).toBe(1.04);
  });
});
