import type { OperationPlacement, UnavailableWindow } from '@quadrant/contracts';
import type { FrozenOperation, Job, ObjectiveWeights, ScheduledOperation, SchedulingProblem, Solution, TimeWindow, WorkUnitCapacity } from '@quadrant/scheduling';
import { operationKey, type ProposedSchedule, type WorkScheduleState } from '../work-schedule.decider';
import type { JobOrderPicture, SegmentPicture, ShopFloor } from './shop-floor';
import { endAfterWorking, workingTimeOf } from './working-time';

export interface ReschedulePolicy {
  /** Expected repair of a unit with no repair history yet, in seconds. */
  defaultRepairSeconds: number;
  weights: ObjectiveWeights;
}

/**
 * Makespan and tardiness count second for second; an operation moved for no gain costs a fifth of that
 * per second, and a change of work unit as much as ten minutes' shift: the schedule stays recognisable.
 */
export const DEFAULT_RESCHEDULE_POLICY: ReschedulePolicy = {
  defaultRepairSeconds: 30 * 60,
  weights: { makespan: 1, tardiness: 1, stability: 0.2, reassignment: 600 },
};

/** The problem in the scheduler's terms: whole seconds from `origin` (the trigger's time). */
export interface SiteProblem {
  problem: SchedulingProblem;
  origin: number;
  unavailable: UnavailableWindow[];
}

const toSeconds = (origin: number, iso: string): number => Math.round((Date.parse(iso) - origin) / 1000);
const toIso = (origin: number, secondsFromOrigin: number): string => new Date(origin + secondsFromOrigin * 1000).toISOString();

/** Processing seconds of what is left of a segment on a unit: the remaining quantity at the unit's ideal cycle time. */
export function remainingSeconds(order: JobOrderPicture, segment: SegmentPicture, idealCycleTimeSeconds: number): number {
  return Math.max(1, Math.ceil(Math.max(0, order.quantity - segment.good) * idealCycleTimeSeconds));
}

/** When a unit that is down now is expected back: its MTTR after the breakdown, never before a minute from now. */
function expectedRepair(shopFloor: ShopFloor, workUnitId: string, downSince: number, now: number, policy: ReschedulePolicy): number {
  const mttr = shopFloor.meanTimeToRepair(workUnitId) ?? policy.defaultRepairSeconds;
  return Math.max(downSince + Math.round(mttr), now + 60);
}

/**
 * The open work of a site as of `at`: released job orders' remaining segments on their eligible units,
 * each unit's shifts as its working time (work pauses outside them), running segments and locked operations frozen, broken-down units unavailable until their expected
 * repair, booked planned downtime, and the schedule in force as the baseline to stay close to.
 */
export function siteProblem(shopFloor: ShopFloor, siteId: string, at: string, schedule: WorkScheduleState, policy: ReschedulePolicy = DEFAULT_RESCHEDULE_POLICY): SiteProblem {
  const origin = Math.floor(Date.parse(at) / 1000) * 1000;
  const orders = shopFloor.openJobOrders(siteId);
  const unitIds = new Set<string>();
  const jobs: Job[] = [];
  const frozen: FrozenOperation[] = [];
  const downUntil = new Map<string, number>();
  // One expansion per calendar, shared by the units that work to it.
  const expanded = new Map<object, TimeWindow[]>();
  const workingTime = (workUnitId: string): TimeWindow[] | undefined => {
    const calendar = shopFloor.calendarOf(workUnitId);
    if (!calendar) return undefined;
    const known = expanded.get(calendar);
    if (known) return known;
    const windows = workingTimeOf(calendar, origin);
    expanded.set(calendar, windows);
    return windows;
  };
  for (const unit of shopFloor.workUnits.values()) {
    if (unit.siteId === siteId && unit.state === 'Down') downUntil.set(unit.workUnitId, expectedRepair(shopFloor, unit.workUnitId, toSeconds(origin, unit.since), 0, policy));
  }
  const frozenIds = new Set<string>();
  // A locked operation holds where it is, and so do its open predecessors: they must end before it starts.
  const holdWithPredecessors = (order: JobOrderPicture, segmentId: string): void => {
    const key = operationKey(order.jobOrderId, segmentId);
    const segment = order.segments.get(segmentId);
    const placement = schedule.locked.get(key) ?? schedule.operations.get(key)?.placement;
    if (frozenIds.has(key) || !segment || segment.status !== 'Pending' || !placement) return;
    frozenIds.add(key);
    frozen.push({ operationId: key, workUnitId: placement.workUnitId, start: toSeconds(origin, placement.start), end: toSeconds(origin, placement.end) });
    for (const before of segment.definition.dependsOn) holdWithPredecessors(order, before);
  };
  for (const order of orders) {
    const open = [...order.segments.values()].filter((s) => s.status !== 'Completed');
    const openIds = new Set(open.map((s) => s.definition.segmentId));
    jobs.push({
      id: order.jobOrderId,
      weight: Math.max(1, 10 - order.priority),
      ...(order.dueAt ? { due: toSeconds(origin, order.dueAt) } : {}),
      operations: open.map((segment) => {
        for (const e of segment.definition.eligible) unitIds.add(e.workUnitId);
        return {
          id: operationKey(order.jobOrderId, segment.definition.segmentId),
          after: segment.definition.dependsOn.filter((id) => openIds.has(id)).map((id) => operationKey(order.jobOrderId, id)),
          setupFamily: order.productId,
          alternatives: segment.definition.eligible.map((e) => ({ workUnitId: e.workUnitId, duration: remainingSeconds(order, segment, e.idealCycleTimeSeconds), setup: Math.round(e.setupTimeSeconds) })),
        };
      }),
    });
    for (const segment of open) {
      const key = operationKey(order.jobOrderId, segment.definition.segmentId);
      const running = segment.status === 'Running' && segment.workUnitId && segment.startedAt ? segment.workUnitId : undefined;
      if (running && segment.startedAt) {
        const cycle = segment.definition.eligible.find((e) => e.workUnitId === running)?.idealCycleTimeSeconds ?? 0;
        // What is left runs from now, after the repair when its unit is down, in the unit's working time.
        const end = endAfterWorking(workingTime(running), downUntil.get(running) ?? 0, remainingSeconds(order, segment, cycle));
        frozen.push({ operationId: key, workUnitId: running, start: Math.min(toSeconds(origin, segment.startedAt), end - 1), end });
        frozenIds.add(key);
        continue;
      }
      if (schedule.locked.has(key)) holdWithPredecessors(order, segment.definition.segmentId);
    }
  }
  const unavailable: UnavailableWindow[] = [];
  const workUnits: WorkUnitCapacity[] = [...unitIds].sort().map((workUnitId) => {
    const unit = shopFloor.workUnits.get(workUnitId);
    const windows: { from: number; to: number }[] = [];
    const repairAt = downUntil.get(workUnitId);
    if (unit && repairAt !== undefined) {
      windows.push({ from: Math.min(toSeconds(origin, unit.since), 0), to: repairAt });
      unavailable.push({ workUnitId, from: unit.since, to: toIso(origin, repairAt), kind: 'Breakdown', reason: unit.reasonCode ?? 'unknown' });
    }
    for (const window of shopFloor.windowsOf(workUnitId)) {
      const from = toSeconds(origin, window.start);
      const to = toSeconds(origin, window.end);
      if (to <= 0) continue;
      windows.push({ from, to });
      unavailable.push({ workUnitId, from: window.start, to: window.end, kind: 'PlannedDowntime', reason: window.reason });
    }
    const working = workingTime(workUnitId);
    return { id: workUnitId, unavailable: windows, ...(working && working.length > 0 ? { workingTime: working } : {}), ...(unit?.setUpFor ? { initialSetupFamily: unit.setUpFor } : {}) };
  });
  const baseline: ScheduledOperation[] = [...schedule.operations.values()].map(({ jobOrderId, segmentId, placement }) => ({
    operationId: operationKey(jobOrderId, segmentId),
    jobId: jobOrderId,
    workUnitId: placement.workUnitId,
    setupStart: toSeconds(origin, placement.setupStart),
    start: toSeconds(origin, placement.start),
    end: toSeconds(origin, placement.end),
  }));
  return { problem: { start: 0, workUnits, jobs, frozen, baseline, weights: policy.weights }, origin, unavailable };
}

/** The scheduler's solution back in the shop floor's terms. */
export function proposedSchedule(site: SiteProblem, solution: Solution): ProposedSchedule {
  const placement = (operation: ScheduledOperation): OperationPlacement => ({
    workUnitId: operation.workUnitId,
    setupStart: toIso(site.origin, operation.setupStart),
    start: toIso(site.origin, operation.start),
    end: toIso(site.origin, operation.end),
  });
  return {
    horizonStart: toIso(site.origin, 0),
    unavailable: site.unavailable,
    operations: solution.operations.map((operation) => ({ jobOrderId: operation.jobId, segmentId: operation.operationId.slice(operation.jobId.length + 1), placement: placement(operation) })),
    makespanSeconds: solution.makespan,
    weightedTardinessSeconds: solution.weightedTardiness,
  };
}
