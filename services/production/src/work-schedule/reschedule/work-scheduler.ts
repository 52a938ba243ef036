import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { RevisionTrigger, WorkScheduleEvent } from '@quadrant/contracts';
import { CatchUpSubscription, InMemoryCheckpointStore, QuadrantError, StreamVersionConflictError, type CommandResult, type LogPosition, type RecordedEvent } from '@quadrant/event-sourcing';
import { checkFeasibility, InvalidSchedulingProblem, Scheduler, type Solution } from '@quadrant/scheduling';
import { WorkUnitNotEligible } from '../../job-order/job-order.errors';
import { InfeasibleMove, OperationNotScheduled } from '../work-schedule.errors';
import { ProductionStore } from '../../outbox/production-store';
import { operationKey, workScheduleStreamId, type WorkScheduleCommand } from '../work-schedule.decider';
import { DEFAULT_RESCHEDULE_POLICY, proposedSchedule, remainingSeconds, siteProblem, type ReschedulePolicy, type SiteProblem } from './scheduling-problem';
import { searchFor } from './anytime-search';
import { ShopFloor, type RescheduleTrigger } from './shop-floor';
import { endAfterWorking, workingTimeOf } from './working-time';

export const WORK_SCHEDULER_OPTIONS = Symbol('WORK_SCHEDULER_OPTIONS');

export interface WorkSchedulerOptions {
  /** Search time before the first revision is published (the rest of the 1 s budget is reading and writing). */
  firstRevisionMs: number;
  /** Search time after it, in the background at a quarter of a core; a better schedule is published as an `Improved` revision. */
  improveMs: number;
  policy: ReschedulePolicy;
}

export const DEFAULT_WORK_SCHEDULER_OPTIONS: WorkSchedulerOptions = { firstRevisionMs: 400, improveMs: 5000, policy: DEFAULT_RESCHEDULE_POLICY };

const SUBSCRIPTION_ID = 'work-scheduler';
const RETRY_MS = 1000;

/**
 * The closed loop: follows the production log, and when a unit breaks down or comes back, planned downtime
 * is booked or cancelled, or a job order is released, revises the work schedule of that site.
 *
 * Every start folds the log from its beginning into the shop-floor picture, and reacts only to the events
 * after its durable checkpoint. A revision's command id is derived from its triggering event, so a
 * revision redone after a crash (or by a second replica) appends nothing the second time.
 */
@Injectable()
export class WorkScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkScheduler');
  private readonly options: WorkSchedulerOptions;
  readonly shopFloor = new ShopFloor();
  private subscription: CatchUpSubscription | undefined;
  /** Until the event at this position is folded, the log is replayed without reacting. */
  private handledUpTo: LogPosition | undefined;
  private readonly improving = new Map<string, { cancelled: boolean }>();
  private readonly siteQueues = new Map<string, Promise<unknown>>();
  /** Triggers not yet answered by a revision, by site. */
  private readonly pending = new Map<string, RescheduleTrigger[]>();
  private lastFolded: LogPosition | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly production: ProductionStore, @Optional() @Inject(WORK_SCHEDULER_OPTIONS) options?: Partial<WorkSchedulerOptions>) {
    this.options = { ...DEFAULT_WORK_SCHEDULER_OPTIONS, ...options };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.production.ready();
    const { store, checkpoints } = this.production.log;
    this.handledUpTo = await checkpoints.load(SUBSCRIPTION_ID);
    this.subscription = new CatchUpSubscription(store, new InMemoryCheckpointStore(), {
      subscriptionId: SUBSCRIPTION_ID,
      batchSize: 1000,
      // Woken by this process's appends; idle, it polls 4 times a second.
      maxIdleMs: 250,
      handle: (events) => this.handle(events),
      onError: (error, attempt) => this.logger.warn(`attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.production.onAppended(() => this.subscription?.wake());
    await this.subscription.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.retry) clearTimeout(this.retry);
    for (const run of this.improving.values()) run.cancelled = true;
    await this.subscription?.stop();
    await Promise.allSettled([...this.siteQueues.values()]);
  }

  private async handle(events: RecordedEvent[]): Promise<void> {
    // A batch handed again (after a failed checkpoint) is not folded twice: counts and repair times would double.
    const folded = this.lastFolded === undefined ? -1 : events.findIndex((e) => e.logPosition === this.lastFolded);
    for (const event of events.slice(folded + 1)) {
      const trigger = this.shopFloor.apply(event);
      this.lastFolded = event.logPosition;
      if (this.handledUpTo !== undefined) {
        if (event.logPosition === this.handledUpTo) this.handledUpTo = undefined;
        continue;
      }
      // The scheduler's own revisions are in the log too; they are never triggers.
      if (trigger) this.pending.set(trigger.siteId, [...(this.pending.get(trigger.siteId) ?? []), trigger]);
    }
    if (this.handledUpTo !== undefined) return;
    await this.revisePending();
    // With a revision still owed, the checkpoint stays where it was: after a crash its triggers fire again.
    const last = events[events.length - 1];
    if (last && this.pending.size === 0) await this.production.log.checkpoints.save(SUBSCRIPTION_ID, last.logPosition);
  }

  /**
   * One revision per site for all its triggers so far: a backlog of breakdowns is answered once, by the
   * latest picture. A refused revision (a rule of the schedule, an impossible problem) is dropped with the
   * reason logged; one that failed for a passing reason (the database) is tried again a little later.
   */
  private async revisePending(): Promise<void> {
    const sites = [...this.pending];
    await Promise.all(
      sites.map(async ([siteId, triggers]) => {
        const last = triggers[triggers.length - 1];
        if (!last) return;
        const trigger: RevisionTrigger = {
          kind: last.kind,
          eventIds: triggers.map((t) => t.eventId),
          occurredAt: last.occurredAt,
          ...(last.workUnitId ? { workUnitId: last.workUnitId } : {}),
          ...(last.reasonCode ? { reasonCode: last.reasonCode } : {}),
        };
        try {
          await this.revise(siteId, trigger, `work-schedule-revision:${last.eventId}`);
          this.settle(siteId, triggers);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (isRefusal(error)) {
            this.logger.error(`site ${siteId}: no revision after ${last.kind} (${last.eventId}): ${reason}`);
            this.settle(siteId, triggers);
          } else {
            this.logger.warn(`site ${siteId}: revision after ${last.kind} (${last.eventId}) failed, trying again: ${reason}`);
            this.retryLater();
          }
        }
      }),
    );
  }

  /** Forgets the triggers a revision answered (more may have come for the site meanwhile). */
  private settle(siteId: string, answered: RescheduleTrigger[]): void {
    const left = (this.pending.get(siteId) ?? []).filter((t) => !answered.includes(t));
    if (left.length > 0) this.pending.set(siteId, left);
    else this.pending.delete(siteId);
  }

  private retryLater(): void {
    if (this.retry || this.stopping) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      // The subscription's next batch would try too; without new events, this is what tries.
      this.subscription?.wake();
      void this.revisePending();
    }, RETRY_MS);
  }

  /** Revises a site's schedule now and keeps improving it in the background. Serialised per site. */
  revise(siteId: string, trigger: RevisionTrigger, commandId?: string): Promise<CommandResult<WorkScheduleEvent> | undefined> {
    const previous = this.siteQueues.get(siteId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.reviseNow(siteId, trigger, commandId));
    this.siteQueues.set(siteId, next.catch(() => undefined));
    return next;
  }

  private async reviseNow(siteId: string, trigger: RevisionTrigger, commandId: string | undefined): Promise<CommandResult<WorkScheduleEvent> | undefined> {
    const running = this.improving.get(siteId);
    if (running) running.cancelled = true;
    const streamId = workScheduleStreamId(siteId);
    const { state } = await this.production.workSchedules.load(streamId);
    const site = siteProblem(this.shopFloor, siteId, trigger.occurredAt, state, this.options.policy);
    if (site.problem.jobs.length === 0 && state.operations.size === 0) return undefined;
    const scheduler = new Scheduler(site.problem);
    await searchFor(scheduler, this.options.firstRevisionMs);
    const result = await this.append(streamId, siteId, trigger, site, scheduler.best, commandId);
    // The improvement's command id follows from the revision's, or from the revision event when none was given.
    const improvementOf = commandId ?? result.events[0]?.eventId;
    if (this.options.improveMs > 0 && improvementOf) void this.improveLater(siteId, trigger, site, scheduler, result.nextExpectedVersion, improvementOf);
    return result;
  }

  /**
   * A planner's move: the operation is locked at the unit and start asked for, its predecessors hold where
   * they are, and the rest of the site is re-planned around it. Refused, naming why, when the shop floor
   * cannot follow: an ineligible unit, a start in the past or before a predecessor ends, a clash with
   * downtime or with a running or locked operation.
   */
  move(siteId: string, move: { jobOrderId: string; segmentId: string; workUnitId: string; start: string }, commandId?: string): Promise<CommandResult<WorkScheduleEvent>> {
    const next = (this.siteQueues.get(siteId) ?? Promise.resolve()).catch(() => undefined).then(() => this.moveNow(siteId, move, commandId));
    this.siteQueues.set(siteId, next.catch(() => undefined));
    return next;
  }

  private async moveNow(siteId: string, move: { jobOrderId: string; segmentId: string; workUnitId: string; start: string }, commandId: string | undefined): Promise<CommandResult<WorkScheduleEvent>> {
    const { jobOrderId, segmentId, workUnitId } = move;
    const running = this.improving.get(siteId);
    if (running) running.cancelled = true;
    const streamId = workScheduleStreamId(siteId);
    const { state } = await this.production.workSchedules.load(streamId);
    const key = operationKey(jobOrderId, segmentId);
    const order = this.shopFloor.jobOrders.get(jobOrderId);
    const segment = order?.segments.get(segmentId);
    if (!state.operations.has(key) || !order || !segment) throw new OperationNotScheduled(siteId, jobOrderId, segmentId);
    if (segment.status !== 'Pending') throw new InfeasibleMove(jobOrderId, segmentId, [`it is ${segment.status.toLowerCase()} already`]);
    const eligible = segment.definition.eligible.find((e) => e.workUnitId === workUnitId);
    if (!eligible) throw new WorkUnitNotEligible(segmentId, workUnitId, segment.definition.eligible.map((e) => e.workUnitId));
    const now = new Date().toISOString();
    const startMs = Date.parse(move.start);
    if (startMs < Date.parse(now)) throw new InfeasibleMove(jobOrderId, segmentId, [`${move.start} is in the past`]);
    const busySeconds = Math.round(eligible.setupTimeSeconds) + remainingSeconds(order, segment, eligible.idealCycleTimeSeconds);
    const start = new Date(startMs).toISOString();
    // On a unit that works in shifts the work pauses outside them, and cannot begin in a pause.
    const calendar = this.shopFloor.calendarOf(workUnitId);
    const shifts = calendar ? workingTimeOf(calendar, startMs) : undefined;
    if (shifts && !shifts.some((w) => w.from <= 0 && 0 < w.to)) throw new InfeasibleMove(jobOrderId, segmentId, [`${workUnitId} does not work at ${start} (outside its shifts or in a break)`]);
    const placement = { workUnitId, setupStart: start, start, end: new Date(startMs + endAfterWorking(shifts, 0, busySeconds) * 1000).toISOString() };
    const locked = new Map(state.locked);
    locked.set(key, placement);
    const site = siteProblem(this.shopFloor, siteId, now, { ...state, locked }, this.options.policy);
    const problems = moveConflicts(site, key, workUnitId);
    if (problems.length > 0) throw new InfeasibleMove(jobOrderId, segmentId, problems);
    let scheduler: Scheduler;
    try {
      scheduler = new Scheduler(site.problem);
    } catch (error) {
      if (error instanceof InvalidSchedulingProblem) throw new InfeasibleMove(jobOrderId, segmentId, error.problems);
      throw error;
    }
    await searchFor(scheduler, this.options.firstRevisionMs);
    const violations = checkFeasibility(site.problem, scheduler.best.operations);
    if (violations.length > 0) throw new InfeasibleMove(jobOrderId, segmentId, violations.map((v) => v.message));
    const trigger: RevisionTrigger = { kind: 'OperationMoved', eventIds: [], occurredAt: now };
    const command: WorkScheduleCommand = { type: 'MoveScheduledOperation', siteId, jobOrderId, segmentId, trigger, schedule: proposedSchedule(site, scheduler.best), at: now };
    return this.production.workSchedules.handle(streamId, command, { ...(commandId ? { commandId } : {}), metadata: { actor: 'planner', occurredAt: now, scope: { site: siteId } } });
  }

  private append(streamId: string, siteId: string, trigger: RevisionTrigger, site: SiteProblem, best: Solution, commandId: string | undefined): Promise<CommandResult<WorkScheduleEvent>> {
    const at = new Date().toISOString();
    const command: WorkScheduleCommand = { type: 'ReviseWorkSchedule', siteId, trigger, schedule: proposedSchedule(site, best), at };
    const causationId = trigger.eventIds[trigger.eventIds.length - 1];
    return this.production.workSchedules.handle(streamId, command, {
      ...(commandId ? { commandId } : {}),
      metadata: { actor: 'work-scheduler', occurredAt: at, ...(causationId ? { causationId } : {}), scope: { site: siteId } },
    });
  }

  /** Keeps searching; publishes the better schedule unless the site was revised again meanwhile. */
  private async improveLater(siteId: string, trigger: RevisionTrigger, site: SiteProblem, scheduler: Scheduler, version: number, commandId: string): Promise<void> {
    // A revision that finished while the service was stopping is not improved: its timers would outlive it.
    if (this.stopping) return;
    const run = { cancelled: false };
    this.improving.set(siteId, run);
    const published = scheduler.best.cost;
    await searchFor(scheduler, this.options.improveMs, run);
    if (this.improving.get(siteId) === run) this.improving.delete(siteId);
    if (run.cancelled || !(scheduler.best.cost < published)) return;
    const streamId = workScheduleStreamId(siteId);
    const publish = async (): Promise<void> => {
      if (run.cancelled || (await this.production.workSchedules.load(streamId)).version !== version) return;
      await this.append(streamId, siteId, { ...trigger, kind: 'Improved' }, site, scheduler.best, `${commandId}:improved`);
    };
    const next = (this.siteQueues.get(siteId) ?? Promise.resolve()).then(publish);
    this.siteQueues.set(siteId, next.catch(() => undefined));
    await next.catch((error: unknown) => this.logger.warn(`site ${siteId}: improvement not published: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/** What a locked operation at its new place clashes with: its unit's downtime, other fixed work on the unit, predecessors ending later. */
function moveConflicts(site: SiteProblem, key: string, workUnitId: string): string[] {
  const frozen = site.problem.frozen ?? [];
  const moved = frozen.find((f) => f.operationId === key);
  if (!moved) return [];
  const clock = (seconds: number): string => new Date(site.origin + seconds * 1000).toISOString();
  const overlaps = (a: { start: number; end: number }, from: number, to: number): boolean => a.start < to && from < a.end;
  const problems: string[] = [];
  for (const window of site.unavailable) {
    if (window.workUnitId !== workUnitId) continue;
    const from = (Date.parse(window.from) - site.origin) / 1000;
    const to = (Date.parse(window.to) - site.origin) / 1000;
    if (overlaps(moved, from, to)) problems.push(`${workUnitId} is unavailable from ${window.from} to ${window.to} (${window.kind}: ${window.reason})`);
  }
  for (const other of frozen) {
    if (other.operationId !== key && other.workUnitId === workUnitId && overlaps(moved, other.start, other.end)) {
      problems.push(`${other.operationId} holds ${workUnitId} from ${clock(other.start)} to ${clock(other.end)}`);
    }
  }
  const job = site.problem.jobs.find((j) => j.operations.some((o) => o.id === key));
  const after = job?.operations.find((o) => o.id === key)?.after ?? [];
  for (const before of after) {
    const placed = frozen.find((f) => f.operationId === before);
    if (placed && placed.end > moved.start) problems.push(`${before} ends at ${clock(placed.end)}, after the requested start`);
  }
  return problems;
}

/** Errors that trying again cannot mend: a rule refused, a contract broken, a problem the scheduler cannot take. */
function isRefusal(error: unknown): boolean {
  return (error instanceof QuadrantError && !(error instanceof StreamVersionConflictError)) || error instanceof InvalidSchedulingProblem;
}
