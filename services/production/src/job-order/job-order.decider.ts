import { NotFoundError, type Decider } from '@quadrant/event-sourcing';
import type { JobOrderEvent, JobOrderStatus, ReleasedSegment } from '@quadrant/contracts';
import {
  JobOrderAlreadyExists,
  JobOrderCommandNotAllowed,
  NegativeQuantity,
  NoRouting,
  OpenSegments,
  SegmentAlreadyStarted,
  SegmentDependencyOpen,
  SegmentNotRunning,
  UnknownSegment,
  WorkUnitNotEligible,
} from './job-order.errors';

/** One stream per job order (ISA-95 Part 4 JobOrder). */
export const jobOrderStreamId = (jobOrderId: string): string => `job-order-${jobOrderId}`;

export type CreateJobOrder = {
  type: 'CreateJobOrder';
  jobOrderId: string;
  productId: string;
  quantity: number;
  siteId: string;
  priority: number;
  dueAt?: string;
  description?: string;
  at: string;
};
/** The handler resolves the product's current routing (classes to their work units) before deciding. */
export type ReleaseJobOrder = { type: 'ReleaseJobOrder'; jobOrderId: string; routing: { version: number; segments: ReleasedSegment[] } | null; at: string };
export type DispatchJobOrder = { type: 'DispatchJobOrder'; jobOrderId: string; segmentId: string; workUnitId: string; at: string };
export type StartSegment = { type: 'StartSegment'; jobOrderId: string; segmentId: string; workUnitId: string; at: string };
export type PauseJobOrder = { type: 'PauseJobOrder'; jobOrderId: string; reasonCode?: string; at: string };
export type HoldJobOrder = { type: 'HoldJobOrder'; jobOrderId: string; reasonCode: string; at: string };
export type ResumeJobOrder = { type: 'ResumeJobOrder'; jobOrderId: string; at: string };
export type ReportProduction = {
  type: 'ReportProduction';
  jobOrderId: string;
  segmentId: string;
  good: number;
  scrap: number;
  rework: number;
  scrapReasonCode?: string;
  reworkReasonCode?: string;
  messageId?: string;
  at: string;
};
export type RecordMaterialActual = {
  type: 'RecordMaterialActual';
  jobOrderId: string;
  segmentId: string;
  materialUse: 'Consumed' | 'Produced';
  materialDefinitionId: string;
  materialLotId: string;
  quantity: number;
  at: string;
};
export type CompleteSegment = { type: 'CompleteSegment'; jobOrderId: string; segmentId: string; at: string };
export type CompleteJobOrder = { type: 'CompleteJobOrder'; jobOrderId: string; force?: { reasonCode: string }; at: string };
export type CloseJobOrder = { type: 'CloseJobOrder'; jobOrderId: string; at: string };
export type AbortJobOrder = { type: 'AbortJobOrder'; jobOrderId: string; reasonCode: string; at: string };

export type JobOrderCommand =
  | CreateJobOrder
  | ReleaseJobOrder
  | DispatchJobOrder
  | StartSegment
  | PauseJobOrder
  | HoldJobOrder
  | ResumeJobOrder
  | ReportProduction
  | RecordMaterialActual
  | CompleteSegment
  | CompleteJobOrder
  | CloseJobOrder
  | AbortJobOrder;

export type SegmentStatus = 'Pending' | 'Running' | 'Completed';

export interface SegmentProgress {
  definition: ReleasedSegment;
  status: SegmentStatus;
  workUnitId?: string;
  dispatchedTo: string[];
  good: number;
  scrap: number;
  rework: number;
}

export type JobOrderState =
  | { status: 'None' }
  | {
      status: JobOrderStatus;
      jobOrderId: string;
      productId: string;
      quantity: number;
      routingVersion: number | null;
      segments: SegmentProgress[];
      dispatches: number;
    };

type ExistingJobOrder = Exclude<JobOrderState, { status: 'None' }>;

export const initialJobOrderState = (): JobOrderState => ({ status: 'None' });

function existing(state: JobOrderState, jobOrderId: string): ExistingJobOrder {
  if (state.status === 'None') throw new NotFoundError('job order', jobOrderId);
  return state;
}

function requireStatus(state: ExistingJobOrder, command: string, allowed: readonly JobOrderStatus[]): void {
  if (!allowed.includes(state.status)) throw new JobOrderCommandNotAllowed(state.jobOrderId, command, state.status, allowed);
}

function segmentOf(state: ExistingJobOrder, segmentId: string): SegmentProgress {
  const segment = state.segments.find((s) => s.definition.segmentId === segmentId);
  if (!segment) throw new UnknownSegment(state.jobOrderId, segmentId, state.segments.map((s) => s.definition.segmentId));
  return segment;
}

function requireEligible(segment: SegmentProgress, workUnitId: string): void {
  const eligible = segment.definition.eligible.map((e) => e.workUnitId);
  if (!eligible.includes(workUnitId)) throw new WorkUnitNotEligible(segment.definition.segmentId, workUnitId, eligible);
}

function requireCount(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new NegativeQuantity(field, value);
}

/** Where execution stands once nothing is paused or held: running segments, else dispatched, else ready. */
function activeStatus(segments: SegmentProgress[], dispatches: number): JobOrderStatus {
  if (segments.some((s) => s.status === 'Running')) return 'Running';
  return dispatches > 0 ? 'Dispatched' : 'Ready';
}

const EXECUTABLE: readonly JobOrderStatus[] = ['Ready', 'Dispatched', 'Running'];

export function decideJobOrder(command: JobOrderCommand, state: JobOrderState): JobOrderEvent[] {
  const { jobOrderId, at } = command;
  switch (command.type) {
    case 'CreateJobOrder': {
      if (state.status !== 'None') throw new JobOrderAlreadyExists(jobOrderId);
      if (!(command.quantity > 0)) throw new NegativeQuantity('quantity', command.quantity);
      const { productId, quantity, siteId, priority, dueAt, description } = command;
      return [
        {
          type: 'JobOrderCreated',
          data: { jobOrderId, productId, quantity, siteId, priority, ...(dueAt ? { dueAt } : {}), ...(description ? { description } : {}), createdAt: at },
        },
      ];
    }
    case 'ReleaseJobOrder': {
      const job = existing(state, jobOrderId);
      if (job.status === 'Ready') return [];
      requireStatus(job, 'Release', ['Waiting']);
      if (!command.routing || command.routing.segments.length === 0) throw new NoRouting(jobOrderId, job.productId);
      return [{ type: 'JobOrderReleased', data: { jobOrderId, routingVersion: command.routing.version, segments: command.routing.segments, releasedAt: at } }];
    }
    case 'DispatchJobOrder': {
      const job = existing(state, jobOrderId);
      requireStatus(job, 'Dispatch', [...EXECUTABLE, 'Paused', 'Held']);
      const segment = segmentOf(job, command.segmentId);
      requireEligible(segment, command.workUnitId);
      if (segment.status !== 'Pending') throw new SegmentAlreadyStarted(command.segmentId, segment.status, segment.workUnitId);
      if (segment.dispatchedTo.includes(command.workUnitId)) return [];
      return [
        {
          type: 'JobOrderDispatched',
          data: { jobOrderId, segmentId: command.segmentId, workUnitId: command.workUnitId, sequence: job.dispatches + 1, dispatchedAt: at },
        },
      ];
    }
    case 'StartSegment': {
      const job = existing(state, jobOrderId);
      const segment = segmentOf(job, command.segmentId);
      if (segment.status === 'Running' && segment.workUnitId === command.workUnitId) return [];
      requireStatus(job, 'Start', EXECUTABLE);
      requireEligible(segment, command.workUnitId);
      if (segment.status !== 'Pending') throw new SegmentAlreadyStarted(command.segmentId, segment.status, segment.workUnitId);
      const open = segment.definition.dependsOn.filter((id) => job.segments.find((s) => s.definition.segmentId === id)?.status !== 'Completed');
      if (open.length > 0) throw new SegmentDependencyOpen(command.segmentId, open);
      return [{ type: 'JobOrderSegmentStarted', data: { jobOrderId, segmentId: command.segmentId, workUnitId: command.workUnitId, startedAt: at } }];
    }
    case 'PauseJobOrder': {
      const job = existing(state, jobOrderId);
      if (job.status === 'Paused') return [];
      requireStatus(job, 'Pause', ['Running']);
      return [{ type: 'JobOrderPaused', data: { jobOrderId, ...(command.reasonCode ? { reasonCode: command.reasonCode } : {}), pausedAt: at } }];
    }
    case 'HoldJobOrder': {
      const job = existing(state, jobOrderId);
      if (job.status === 'Held') return [];
      requireStatus(job, 'Hold', ['Waiting', ...EXECUTABLE, 'Paused']);
      return [{ type: 'JobOrderHeld', data: { jobOrderId, reasonCode: command.reasonCode, heldAt: at } }];
    }
    case 'ResumeJobOrder': {
      const job = existing(state, jobOrderId);
      if (job.status !== 'Paused' && job.status !== 'Held') return [];
      return [{ type: 'JobOrderResumed', data: { jobOrderId, resumedAt: at } }];
    }
    case 'ReportProduction': {
      const job = existing(state, jobOrderId);
      const segment = segmentOf(job, command.segmentId);
      requireCount('good', command.good);
      requireCount('scrap', command.scrap);
      requireCount('rework', command.rework);
      // Counts on a paused job are refused too: a machine that keeps counting while paused is worth a look.
      requireStatus(job, 'Report production', ['Running']);
      if (segment.status !== 'Running' || !segment.workUnitId) throw new SegmentNotRunning(jobOrderId, command.segmentId, segment.status);
      if (command.good + command.scrap + command.rework === 0) return [];
      const { good, scrap, rework, scrapReasonCode, reworkReasonCode, messageId } = command;
      return [
        {
          type: 'ProductionReported',
          data: {
            jobOrderId,
            segmentId: command.segmentId,
            workUnitId: segment.workUnitId,
            good,
            scrap,
            rework,
            ...(scrapReasonCode ? { scrapReasonCode } : {}),
            ...(reworkReasonCode ? { reworkReasonCode } : {}),
            ...(messageId ? { messageId } : {}),
            reportedAt: at,
          },
        },
      ];
    }
    case 'RecordMaterialActual': {
      const job = existing(state, jobOrderId);
      const segment = segmentOf(job, command.segmentId);
      requireStatus(job, 'Record material', ['Running', 'Paused', 'Held']);
      if (segment.status === 'Pending') throw new SegmentNotRunning(jobOrderId, command.segmentId, segment.status);
      if (!(command.quantity > 0)) throw new NegativeQuantity('quantity', command.quantity);
      const { materialUse, materialDefinitionId, materialLotId, quantity } = command;
      return [
        { type: 'MaterialActualRecorded', data: { jobOrderId, segmentId: command.segmentId, materialUse, materialDefinitionId, materialLotId, quantity, recordedAt: at } },
      ];
    }
    case 'CompleteSegment': {
      const job = existing(state, jobOrderId);
      const segment = segmentOf(job, command.segmentId);
      if (segment.status === 'Completed') return [];
      if (segment.status !== 'Running' || !segment.workUnitId) throw new SegmentNotRunning(jobOrderId, command.segmentId, segment.status);
      requireStatus(job, 'Complete segment', ['Running', 'Paused', 'Held']);
      return [{ type: 'JobOrderSegmentCompleted', data: { jobOrderId, segmentId: command.segmentId, workUnitId: segment.workUnitId, endedAt: at } }];
    }
    case 'CompleteJobOrder': {
      const job = existing(state, jobOrderId);
      if (job.status === 'Completed') return [];
      requireStatus(job, 'Complete', [...EXECUTABLE, 'Paused', 'Held']);
      const open = job.segments.filter((s) => s.status !== 'Completed').map((s) => s.definition.segmentId);
      if (open.length > 0 && !command.force) throw new OpenSegments(jobOrderId, open);
      return [
        {
          type: 'JobOrderCompleted',
          data: { jobOrderId, forced: open.length > 0, ...(open.length > 0 && command.force ? { reasonCode: command.force.reasonCode } : {}), openSegments: open, completedAt: at },
        },
      ];
    }
    case 'CloseJobOrder': {
      const job = existing(state, jobOrderId);
      if (job.status === 'Closed') return [];
      requireStatus(job, 'Close', ['Completed', 'Aborted']);
      return [{ type: 'JobOrderClosed', data: { jobOrderId, closedAt: at } }];
    }
    case 'AbortJobOrder': {
      const job = existing(state, jobOrderId);
      if (job.status === 'Aborted') return [];
      requireStatus(job, 'Abort', ['Waiting', ...EXECUTABLE, 'Paused', 'Held']);
      return [{ type: 'JobOrderAborted', data: { jobOrderId, reasonCode: command.reasonCode, abortedAt: at } }];
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

function withSegment(state: ExistingJobOrder, segmentId: string, change: (segment: SegmentProgress) => SegmentProgress): SegmentProgress[] {
  return state.segments.map((s) => (s.definition.segmentId === segmentId ? change(s) : s));
}

export function evolveJobOrder(state: JobOrderState, event: JobOrderEvent): JobOrderState {
  if (event.type === 'JobOrderCreated') {
    const { jobOrderId, productId, quantity } = event.data;
    return { status: 'Waiting', jobOrderId, productId, quantity, routingVersion: null, segments: [], dispatches: 0 };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'JobOrderReleased':
      return {
        ...state,
        status: 'Ready',
        routingVersion: event.data.routingVersion,
        segments: event.data.segments.map((definition) => ({ definition, status: 'Pending', dispatchedTo: [], good: 0, scrap: 0, rework: 0 })),
      };
    case 'JobOrderDispatched': {
      const segments = withSegment(state, event.data.segmentId, (s) => ({ ...s, dispatchedTo: [...s.dispatchedTo, event.data.workUnitId] }));
      const dispatches = state.dispatches + 1;
      return { ...state, segments, dispatches, status: EXECUTABLE.includes(state.status) ? activeStatus(segments, dispatches) : state.status };
    }
    case 'JobOrderSegmentStarted': {
      const segments = withSegment(state, event.data.segmentId, (s) => ({ ...s, status: 'Running', workUnitId: event.data.workUnitId }));
      return { ...state, segments, status: 'Running' };
    }
    case 'JobOrderPaused':
      return { ...state, status: 'Paused' };
    case 'JobOrderHeld':
      return { ...state, status: 'Held' };
    case 'JobOrderResumed':
      return { ...state, status: state.routingVersion === null ? 'Waiting' : activeStatus(state.segments, state.dispatches) };
    case 'ProductionReported':
      return {
        ...state,
        segments: withSegment(state, event.data.segmentId, (s) => ({ ...s, good: s.good + event.data.good, scrap: s.scrap + event.data.scrap, rework: s.rework + event.data.rework })),
      };
    case 'MaterialActualRecorded':
      return state;
    case 'JobOrderSegmentCompleted': {
      const segments = withSegment(state, event.data.segmentId, (s) => ({ ...s, status: 'Completed' as const }));
      return { ...state, segments, status: EXECUTABLE.includes(state.status) ? activeStatus(segments, state.dispatches) : state.status };
    }
    case 'JobOrderCompleted':
      return { ...state, status: 'Completed' };
    case 'JobOrderClosed':
      return { ...state, status: 'Closed' };
    case 'JobOrderAborted':
      return { ...state, status: 'Aborted' };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const jobOrderDecider: Decider<JobOrderCommand, JobOrderState, JobOrderEvent> = {
  decide: decideJobOrder,
  evolve: evolveJobOrder,
  initialState: initialJobOrderState,
};
