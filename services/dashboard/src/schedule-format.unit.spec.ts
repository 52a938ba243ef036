import { describePlacement, describeTrigger, escapeHtml, formatGivenReason, formatMovedCount, formatTriggerKind, operationDetails, siteOf, unavailabilityDetails } from './schedule-format';
import type { ScheduledOperation } from './schedule-queries';

const names = new Map([
  ['lyon-l1-mill', 'Mill L1'],
  ['lyon-l1-lathe', 'Lathe L1'],
]);

describe('revision triggers', () => {
  it('says what happened, where and why', () => {
    expect(describeTrigger({ kind: 'Breakdown', workUnitId: 'lyon-l1-mill', reasonCode: 'SPINDLE_OVERHEAT' }, names)).toBe('Breakdown · Mill L1 · Spindle overheat');
    expect(describeTrigger({ kind: 'PlannedDowntimeBooked', workUnitId: 'press-9', reasonCode: null }, names)).toBe('Planned downtime booked · press-9');
    expect(describeTrigger({ kind: 'JobOrderReleased', workUnitId: null, reasonCode: null }, names)).toBe('Job order released');
  });

  it('has words for every kind', () => {
    expect(formatTriggerKind('OperationMoved')).toBe('Operation moved by hand');
    expect(formatTriggerKind('RescheduleRequested')).toBe('Reschedule requested');
  });

  it('counts the operations moved', () => {
    expect(formatMovedCount(0)).toBe('moved nothing');
    expect(formatMovedCount(1)).toBe('moved 1 operation');
    expect(formatMovedCount(12)).toBe('moved 12 operations');
  });
});

describe('moves', () => {
  it('tells where and when an operation was, setup included', () => {
    const placement = { workUnitId: 'lyon-l1-mill', setupStart: '2026-11-02T06:00:00Z', start: '2026-11-02T06:30:00Z', end: '2026-11-02T09:00:00Z' };
    expect(describePlacement(placement, names, 'UTC')).toBe('Mill L1, 2 Nov 2026, 06:00–09:00');
    expect(describePlacement(null, names, 'UTC')).toBe('not scheduled');
  });
});

describe('an operation in words', () => {
  const operation: ScheduledOperation = {
    jobOrderId: 'jo-1003',
    segmentId: '10',
    workUnitId: 'lyon-l1-mill',
    setupStart: '2026-11-02T06:00:00Z',
    start: '2026-11-02T06:30:00Z',
    end: '2026-11-02T09:00:00Z',
    locked: false,
    revision: 2,
    productId: 'flange-b',
    priority: 1,
    dueAt: '2026-11-02T08:00:00Z',
    late: true,
  };

  it('lists job order, unit, setup, run, product, due date and lock', () => {
    expect(operationDetails(operation, names, 'UTC')).toEqual([
      'jo-1003 / 10',
      'Mill L1',
      'Setup 2 Nov 2026, 06:00–06:30',
      'Runs 2 Nov 2026, 06:30–09:00',
      'Product flange-b · priority 1',
      'Due 2 Nov 2026, 08:00 · late',
      'Not locked',
    ]);
  });

  it('leaves out what the operation does not have', () => {
    const bare = { ...operation, setupStart: operation.start, productId: null, priority: null, dueAt: null, late: false, locked: true };
    expect(operationDetails(bare, names, 'UTC')).toEqual(['jo-1003 / 10', 'Mill L1', 'Runs 2 Nov 2026, 06:30–09:00', 'Locked by a planner']);
    expect(operationDetails({ ...bare, late: true }, names, 'UTC')).toContain('Late');
  });
});

describe('downtime in words', () => {
  it('tells kind, unit, reason and when', () => {
    expect(unavailabilityDetails({ workUnitId: 'lyon-l1-mill', from: '2026-11-02T05:00:00Z', to: '2026-11-02T08:00:00Z', kind: 'Breakdown', reason: 'SPINDLE_OVERHEAT' }, names, 'UTC')).toEqual([
      'Breakdown',
      'Mill L1',
      'Spindle overheat',
      '2 Nov 2026, 05:00–08:00',
    ]);
    expect(unavailabilityDetails({ workUnitId: 'x', from: '2026-11-02T05:00:00Z', to: '2026-11-02T08:00:00Z', kind: 'PlannedDowntime', reason: 'Oil change' }, names, 'UTC')[0]).toBe(
      'Planned downtime',
    );
  });

  it('words a reason code, and leaves a written reason as it is', () => {
    expect(formatGivenReason('TOOL_BREAK')).toBe('Tool break');
    expect(formatGivenReason('Replace bearing on X-200')).toBe('Replace bearing on X-200');
    expect(formatGivenReason('  ')).toBe('No reason given');
  });
});

describe('helpers', () => {
  it('escapes text for HTML tooltips', () => {
    expect(escapeHtml(`<b>"jo" & 'x'</b>`)).toBe('&#60;b&#62;&#34;jo&#34; &#38; &#39;x&#39;&#60;/b&#62;');
  });

  it('finds the site of a scope from its parent chain', () => {
    const site = { id: 'lyon', level: 'Site' as const, parent: { id: 'acme', level: 'Enterprise' as const, parent: null } };
    expect(siteOf({ id: 'lyon-l1-mill', level: 'WorkUnit', parent: { id: 'lyon-l1', level: 'WorkCenter', parent: { id: 'm', level: 'Area', parent: site } } })).toBe('lyon');
    expect(siteOf(site)).toBe('lyon');
    expect(siteOf({ id: 'acme', level: 'Enterprise', parent: null })).toBeNull();
  });
});
