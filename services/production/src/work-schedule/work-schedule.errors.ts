import { DomainError } from '@quadrant/event-sourcing';

export class OperationNotScheduled extends DomainError {
  constructor(siteId: string, jobOrderId: string, segmentId: string) {
    super('OPERATION_NOT_SCHEDULED', `segment "${segmentId}" of job order "${jobOrderId}" is not in the work schedule of site "${siteId}"`, {
      siteId,
      jobOrderId,
      segmentId,
    });
  }
}

/** A revision may not move what a planner locked. */
export class LockedOperationMoved extends DomainError {
  constructor(jobOrderId: string, segmentId: string) {
    super('LOCKED_OPERATION_MOVED', `segment "${segmentId}" of job order "${jobOrderId}" is locked: unlock it before it can move`, { jobOrderId, segmentId });
  }
}

/** A planner's move that the shop floor cannot follow: each problem names the operation and the rule. */
export class InfeasibleMove extends DomainError {
  constructor(jobOrderId: string, segmentId: string, problems: string[]) {
    super('INFEASIBLE_MOVE', `segment "${segmentId}" of job order "${jobOrderId}" cannot go there: ${problems.join('; ')}`, { jobOrderId, segmentId, problems });
  }
}

export class NothingToSchedule extends DomainError {
  constructor(siteId: string) {
    super('NOTHING_TO_SCHEDULE', `site "${siteId}" has no released job order to schedule`, { siteId });
  }
}
