import {
  changeWorkUnitStateProblems,
  controlJobOrderProblems,
  correctStopReasonProblems,
  createJobOrderProblems,
  defineEquipmentProblems,
  dispatchJobOrderProblems,
  idempotencyKeyProblems,
  jobOrderSegmentProblems,
  reportProductionProblems,
  startJobOrderSegmentProblems,
  withoutNulls,
} from './edge-validation';

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

  describe('job orders', () => {
    const order = { jobOrderId: 'jo-1', productId: 'shaft', quantity: 100, siteId: 'lyon', priority: 5, description: null };

    it('accepts a well-formed job order', () => {
      expect(createJobOrderProblems(order)).toEqual([]);
    });

    it('names every bad field of a job order at once', () => {
      expect(createJobOrderProblems({ ...order, jobOrderId: 'jo 1', quantity: 0, siteId: '', priority: 10, description: 'x'.repeat(2001) })).toEqual([
        { field: 'input.jobOrderId', message: expect.stringMatching(/^must be 1-64 letters/) },
        { field: 'input.quantity', message: 'must be more than 0' },
        { field: 'input.siteId', message: expect.stringMatching(/^must be 1-64 letters/) },
        { field: 'input.priority', message: 'must be a whole number from 1 (most urgent) to 9' },
        { field: 'input.description', message: 'must be at most 2000 characters' },
      ]);
    });

    it('refuses a priority that is not a whole number', () => {
      expect(createJobOrderProblems({ ...order, priority: 2.5 }).map((problem) => problem.field)).toEqual(['input.priority']);
    });

    it('names the arguments of a dispatch', () => {
      expect(dispatchJobOrderProblems('jo-1', 'turn/1', ' lathe').map((problem) => problem.field)).toEqual(['segmentId', 'workUnitId']);
    });

    it.each([
      ['Hold', false, 'is required to Hold'],
      ['Abort', false, 'is required to Abort'],
      ['Complete', true, 'is required to force completion'],
    ] as const)('requires a reason code to %s (force: %s)', (command, force, message) => {
      expect(controlJobOrderProblems('jo-1', command, undefined, force)).toEqual([{ field: 'reasonCode', message }]);
    });

    it('needs no reason to pause, resume, complete or close', () => {
      for (const command of ['Pause', 'Resume', 'Complete', 'Close'] as const) expect(controlJobOrderProblems('jo-1', command, null, null)).toEqual([]);
    });

    it('refuses a blank or over-long reason code', () => {
      expect(controlJobOrderProblems('jo-1', 'Pause', ' ', null)).toEqual([{ field: 'reasonCode', message: 'must not be blank' }]);
      expect(controlJobOrderProblems('jo-1', 'Hold', 'R'.repeat(65), null)).toEqual([{ field: 'reasonCode', message: 'must be at most 64 characters' }]);
    });
  });

  describe('operator commands', () => {
    it('names the arguments of a segment start and completion', () => {
      expect(startJobOrderSegmentProblems('jo 1', 'turn', 'lathe/1').map((problem) => problem.field)).toEqual(['jobOrderId', 'workUnitId']);
      expect(jobOrderSegmentProblems('jo-1', '')).toEqual([{ field: 'segmentId', message: expect.stringMatching(/^must be 1-64 letters/) }]);
    });

    it('accepts zero counts and refuses negative ones, naming each under input', () => {
      expect(reportProductionProblems('jo-1', 'turn', { good: 0, scrap: 0, rework: null })).toEqual([]);
      expect(reportProductionProblems('jo-1', 'turn', { good: -1, scrap: -2, rework: -3, scrapReasonCode: ' ' })).toEqual([
        { field: 'input.good', message: 'must not be negative' },
        { field: 'input.scrap', message: 'must not be negative' },
        { field: 'input.rework', message: 'must not be negative' },
        { field: 'input.scrapReasonCode', message: 'must not be blank' },
      ]);
    });

    it('names the arguments of a stop reason correction', () => {
      expect(correctStopReasonProblems('press-1', 'JAM', null)).toEqual([]);
      expect(correctStopReasonProblems('press 1', '', 'x'.repeat(501)).map((problem) => problem.field)).toEqual(['workUnitId', 'reasonCode', 'reasonText']);
    });
  });
});
