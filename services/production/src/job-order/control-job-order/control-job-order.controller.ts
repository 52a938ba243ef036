import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { jobOrderStreamId, type JobOrderCommand } from '../job-order.decider';
import { endAllocations } from '../start-segment/start-segment';

/** The B2MML JobOrderCommand values Quadrant takes on a whole job order. */
export const JOB_ORDER_CONTROL_COMMANDS = ['Pause', 'Hold', 'Resume', 'Complete', 'Close', 'Abort'] as const;
type JobOrderControlCommand = (typeof JOB_ORDER_CONTROL_COMMANDS)[number];

export class ControlJobOrderDto {
  @IsIn(JOB_ORDER_CONTROL_COMMANDS, { message: `command must be one of ${JOB_ORDER_CONTROL_COMMANDS.join(', ')}` })
  command!: JobOrderControlCommand;

  /** Required to Hold, to Abort, and to force completion with open segments. */
  @ValidateIf((o: ControlJobOrderDto) => o.command === 'Hold' || o.command === 'Abort' || o.force === true || o.reasonCode !== undefined)
  @IsString({ message: 'reasonCode is required to Hold, to Abort and to force completion' })
  @Length(1, 64)
  reasonCode?: string;

  /** Complete even though segments are still open. */
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

function commandOf(jobOrderId: string, input: ControlJobOrderDto, at: string): JobOrderCommand {
  const reasonCode = input.reasonCode ?? '';
  switch (input.command) {
    case 'Pause':
      return { type: 'PauseJobOrder', jobOrderId, ...(input.reasonCode ? { reasonCode } : {}), at };
    case 'Hold':
      return { type: 'HoldJobOrder', jobOrderId, reasonCode, at };
    case 'Resume':
      return { type: 'ResumeJobOrder', jobOrderId, at };
    case 'Complete':
      return { type: 'CompleteJobOrder', jobOrderId, ...(input.force ? { force: { reasonCode } } : {}), at };
    case 'Close':
      return { type: 'CloseJobOrder', jobOrderId, at };
    case 'Abort':
      return { type: 'AbortJobOrder', jobOrderId, reasonCode, at };
  }
}

@Controller('job-orders')
export class ControlJobOrderController {
  constructor(private readonly production: ProductionStore) {}

  /** Pause, Hold, Resume, Complete (forced with a reason when segments are open), Close or Abort a job order. */
  @Post(':jobOrderId/commands')
  @HttpCode(200)
  async control(@Param('jobOrderId') jobOrderId: string, @Body() input: ControlJobOrderDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const streamId = jobOrderStreamId(jobOrderId);
    const result = await this.production.jobOrders.handle(streamId, commandOf(jobOrderId, input, at), commandContextOf(context, at));
    const { state } = await this.production.jobOrders.load(streamId);
    if (state.status === 'Completed' || state.status === 'Aborted') {
      // Segments still running when the job order ends give their work units back.
      const running = state.segments.flatMap((s) => (s.status === 'Running' && s.workUnitId ? [{ segmentId: s.definition.segmentId, workUnitId: s.workUnitId }] : []));
      await endAllocations(this.production, jobOrderId, running, context, at);
    }
    return toCommandResponse(result);
  }
}
