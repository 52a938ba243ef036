import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { OperationPlacement, ScheduledOperationLocked } from '@quadrant/contracts';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { WorkScheduler } from '../reschedule/work-scheduler';
import { operationKey, workScheduleStreamId, type ScheduledSegment } from '../work-schedule.decider';
import { NothingToSchedule } from '../work-schedule.errors';
import { MoveOperationDto } from './move-operation.dto';

export interface WorkScheduleView {
  siteId: string;
  revision: number;
  operations: (ScheduledSegment & { locked: boolean })[];
}

/** Planners' hold on a site's detailed schedule: read it, ask for a revision, lock, unlock or move an operation. */
@Controller('work-schedules')
export class WorkScheduleController {
  constructor(private readonly production: ProductionStore, private readonly scheduler: WorkScheduler) {}

  @Get(':siteId')
  async get(@Param('siteId') siteId: string): Promise<WorkScheduleView> {
    const { state } = await this.production.workSchedules.load(workScheduleStreamId(siteId));
    const operations = [...state.operations.values()].map((o) => ({ ...o, locked: state.locked.has(operationKey(o.jobOrderId, o.segmentId)) }));
    return { siteId, revision: state.revision, operations };
  }

  /** Revises the site's schedule now, from what the shop floor looks like now. */
  @Post(':siteId/reschedule')
  @HttpCode(200)
  async reschedule(@Param('siteId') siteId: string, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const result = await this.scheduler.revise(siteId, { kind: 'RescheduleRequested', eventIds: [], occurredAt: at }, context.commandId);
    if (!result) throw new NothingToSchedule(siteId);
    return toCommandResponse(result);
  }

  @Post(':siteId/operations/:jobOrderId/:segmentId/lock')
  @HttpCode(200)
  async lock(@Param() params: { siteId: string; jobOrderId: string; segmentId: string }, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const result = await this.production.workSchedules.handle(workScheduleStreamId(params.siteId), { type: 'LockScheduledOperation', ...params, at }, commandContextOf(context, at));
    return toCommandResponse(result);
  }

  @Post(':siteId/operations/:jobOrderId/:segmentId/unlock')
  @HttpCode(200)
  async unlock(@Param() params: { siteId: string; jobOrderId: string; segmentId: string }, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const result = await this.production.workSchedules.handle(workScheduleStreamId(params.siteId), { type: 'UnlockScheduledOperation', ...params, at }, commandContextOf(context, at));
    return toCommandResponse(result);
  }

  /** Moves an operation by hand (checked for feasibility) and locks it there; the rest of the site is re-planned around it. */
  @Post(':siteId/operations/:jobOrderId/:segmentId/move')
  @HttpCode(200)
  async move(
    @Param() params: { siteId: string; jobOrderId: string; segmentId: string },
    @Body() body: MoveOperationDto,
    @Context() context: RequestContext,
  ): Promise<CommandResponse & { placement?: OperationPlacement }> {
    const { siteId, jobOrderId, segmentId } = params;
    const result = await this.scheduler.move(siteId, { jobOrderId, segmentId, workUnitId: body.workUnitId, start: body.start }, context.commandId);
    const placement = result.events.flatMap((e) => (e.type === 'ScheduledOperationLocked' ? [(e.data as ScheduledOperationLocked['data']).placement] : []))[0];
    return { ...toCommandResponse(result), ...(placement ? { placement } : {}) };
  }
}
