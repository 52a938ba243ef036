import type { JobOrderEvent } from '@quadrant/contracts';
import type { CommandResult } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { plannedStateAt } from '@quadrant/work-calendar';
import { commandContextOf } from '../../command-context';
import { equipmentStreamId, type Allocation } from '../../equipment/equipment.decider';
import type { ProductionStore } from '../../outbox/production-store';
import { effectiveCalendar, workCalendarStreamId } from '../../work-calendar/work-calendar.decider';
import { decideJobOrder, jobOrderStreamId, type StartSegment } from '../job-order.decider';

/** An allocation whose segment never started may belong to a start still under way; older ones are left over. */
const PENDING_ALLOCATION_GRACE_MS = 60_000;

/**
 * Starting a segment touches two streams: the work unit takes the job (its capacity, its state) and the
 * job order records the start. The job order's rules are checked first, so a refused start takes nothing
 * on the unit; a start that loses a race on the job order gives the unit back. A request retried with the
 * same Idempotency-Key repeats both commands under derived ids, so a crash between them heals on retry;
 * without a retry, the next start on the unit ends allocations whose segment is not running.
 */
export async function startSegment(
  production: ProductionStore,
  input: { jobOrderId: string; segmentId: string; workUnitId: string },
  context: RequestContext,
  at: string,
): Promise<CommandResult<JobOrderEvent>> {
  const { jobOrderId, segmentId, workUnitId } = input;
  const streamId = jobOrderStreamId(jobOrderId);
  const command: StartSegment = { type: 'StartSegment', jobOrderId, segmentId, workUnitId, at };
  const job = await production.jobOrders.load(streamId);
  if (decideJobOrder(command, job.state).length === 0) return production.jobOrders.handle(streamId, command, commandContextOf(context, at));
  await endLeftoverAllocations(production, workUnitId, at);
  const allocation = { jobOrderId, segmentId, workUnitId, at };
  const plannedDowntime = await plannedDowntimeAt(production, workUnitId, at);
  await production.equipment.handle(
    equipmentStreamId(workUnitId),
    { type: 'AllocateWorkUnit', ...allocation, ...(plannedDowntime ? { plannedDowntime } : {}) },
    commandContextOf(context, at, { suffix: 'allocate' }),
  );
  try {
    return await production.jobOrders.handle(streamId, command, commandContextOf(context, at));
  } catch (refusal) {
    await production.equipment.handle(equipmentStreamId(workUnitId), { type: 'EndWorkUnitAllocation', ...allocation }, commandContextOf(context, at, { suffix: 'undo-allocate' }));
    throw refusal;
  }
}

/** The work unit's own calendar, else its site's: planned downtime or time outside the shifts at `at`. */
async function plannedDowntimeAt(production: ProductionStore, workUnitId: string, at: string): Promise<{ reason: string } | undefined> {
  const unit = await production.equipment.load(equipmentStreamId(workUnitId));
  const site = unit.state.status === 'Defined' ? unit.state.path[1] : undefined;
  for (const owner of [workUnitId, ...(site ? [site] : [])]) {
    const calendar = effectiveCalendar((await production.workCalendars.load(workCalendarStreamId(owner))).state);
    if (!calendar) continue;
    const planned = plannedStateAt(calendar, at);
    if (planned.plannedDowntime) return { reason: `${planned.plannedDowntime.reason}, calendar of "${owner}"` };
    if (!planned.inShift) return { reason: `outside the shifts of the calendar of "${owner}"` };
    return undefined;
  }
  return undefined;
}

async function isLeftOver(production: ProductionStore, allocation: Allocation, at: string): Promise<boolean> {
  const { state } = await production.jobOrders.load(jobOrderStreamId(allocation.jobOrderId));
  if (state.status === 'None') return Date.parse(at) - Date.parse(allocation.since) > PENDING_ALLOCATION_GRACE_MS;
  if (state.status === 'Completed' || state.status === 'Closed' || state.status === 'Aborted') return true;
  const segment = state.segments.find((s) => s.definition.segmentId === allocation.segmentId);
  if (!segment || segment.status === 'Completed') return true;
  return segment.status === 'Pending' && Date.parse(at) - Date.parse(allocation.since) > PENDING_ALLOCATION_GRACE_MS;
}

/** Ends the unit's allocations whose job order segment is no longer (or never got) running. */
export async function endLeftoverAllocations(production: ProductionStore, workUnitId: string, at: string): Promise<void> {
  const { state } = await production.equipment.load(equipmentStreamId(workUnitId));
  if (state.status !== 'Defined') return;
  for (const allocation of state.workUnit.allocations) {
    if (!(await isLeftOver(production, allocation, at))) continue;
    await production.equipment.handle(
      equipmentStreamId(workUnitId),
      { type: 'EndWorkUnitAllocation', workUnitId, jobOrderId: allocation.jobOrderId, segmentId: allocation.segmentId, at },
      { metadata: { actor: 'quadrant', occurredAt: at } },
    );
  }
}

/** Gives back the work units of a job order's running segments (segment completed, job completed or aborted). */
export async function endAllocations(
  production: ProductionStore,
  jobOrderId: string,
  running: readonly { segmentId: string; workUnitId: string }[],
  context: RequestContext,
  at: string,
): Promise<void> {
  for (const { segmentId, workUnitId } of running) {
    await production.equipment.handle(
      equipmentStreamId(workUnitId),
      { type: 'EndWorkUnitAllocation', workUnitId, jobOrderId, segmentId, at },
      commandContextOf(context, at, { suffix: `end-allocation:${segmentId}` }),
    );
  }
}
