import { DomainError } from '@quadrant/event-sourcing';
import type { JobOrderStatus } from '@quadrant/contracts';

export class JobOrderAlreadyExists extends DomainError {
  constructor(jobOrderId: string) {
    super('ALREADY_EXISTS', `job order "${jobOrderId}" already exists`, { jobOrderId });
  }
}

/** The B2MML command does not apply to the job order's dispatch status. */
export class JobOrderCommandNotAllowed extends DomainError {
  constructor(jobOrderId: string, command: string, status: JobOrderStatus, allowed: readonly JobOrderStatus[]) {
    super(
      'JOB_ORDER_COMMAND_NOT_ALLOWED',
      `job order "${jobOrderId}" is ${status}: ${command} applies only when it is ${allowed.join(' or ')}`,
      { jobOrderId, command, status, allowed },
    );
  }
}

export class NoRouting extends DomainError {
  constructor(jobOrderId: string, productId: string) {
    super('NO_ROUTING', `job order "${jobOrderId}" cannot be released: product "${productId}" has no routing yet`, { jobOrderId, productId });
  }
}

export class UnknownSegment extends DomainError {
  constructor(jobOrderId: string, segmentId: string, known: string[]) {
    super('UNKNOWN_SEGMENT', `job order "${jobOrderId}" has no segment "${segmentId}" (it has ${known.join(', ')})`, { jobOrderId, segmentId, field: 'segmentId' });
  }
}

export class WorkUnitNotEligible extends DomainError {
  constructor(segmentId: string, workUnitId: string, eligible: string[]) {
    super(
      'WORK_UNIT_NOT_ELIGIBLE',
      `work unit "${workUnitId}" is not eligible for segment "${segmentId}" (eligible: ${eligible.join(', ') || 'none'})`,
      { segmentId, workUnitId, eligible, field: 'workUnitId' },
    );
  }
}

export class SegmentDependencyOpen extends DomainError {
  constructor(segmentId: string, open: string[]) {
    super('SEGMENT_DEPENDENCY_OPEN', `segment "${segmentId}" cannot start before ${open.map((id) => `"${id}"`).join(', ')} ended`, { segmentId, open });
  }
}

export class SegmentNotRunning extends DomainError {
  constructor(jobOrderId: string, segmentId: string, status: string) {
    super('SEGMENT_NOT_RUNNING', `segment "${segmentId}" of job order "${jobOrderId}" is ${status}, not Running`, { jobOrderId, segmentId, status });
  }
}

export class SegmentAlreadyStarted extends DomainError {
  constructor(segmentId: string, status: string, workUnitId: string | undefined) {
    super('SEGMENT_ALREADY_STARTED', `segment "${segmentId}" is already ${status}${workUnitId ? ` on "${workUnitId}"` : ''}`, { segmentId, status, workUnitId });
  }
}

export class NegativeQuantity extends DomainError {
  constructor(field: string, value: number) {
    super('NEGATIVE_QUANTITY', `${field} must be a whole number of at least 0, not ${value}`, { field, value });
  }
}

export class OpenSegments extends DomainError {
  constructor(jobOrderId: string, open: string[]) {
    super(
      'OPEN_SEGMENTS',
      `job order "${jobOrderId}" still has open segments ${open.map((id) => `"${id}"`).join(', ')}; complete them or force completion with a reasonCode`,
      { jobOrderId, open },
    );
  }
}
