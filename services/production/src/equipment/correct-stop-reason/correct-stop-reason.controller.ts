import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { commandContextOf } from '../../command-context';
import { ProductionStore } from '../../outbox/production-store';
import { toCommandResponse, type CommandResponse } from '../command-response';
import { equipmentStreamId } from '../equipment.decider';

export class CorrectStopReasonDto {
  /** When the stop began: the `since` of the Down or Idle state change it corrects. */
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'since must be the ISO 8601 timestamp at which the stop began' })
  since!: string;

  @IsString()
  @Length(1, 64)
  reasonCode!: string;

  @IsOptional()
  @IsString()
  @Length(0, 500)
  reasonText?: string;
}

@Controller('work-units')
export class CorrectStopReasonController {
  constructor(private readonly production: ProductionStore) {}

  /** Assigns or corrects a stop's reason after the fact: its own event, the original state change stays. */
  @Post(':workUnitId/stop-reasons')
  @HttpCode(200)
  async correct(@Param('workUnitId') workUnitId: string, @Body() input: CorrectStopReasonDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    return toCommandResponse(
      await this.production.equipment.handle(
        equipmentStreamId(workUnitId),
        { type: 'CorrectStopReason', workUnitId, since: new Date(input.since).toISOString(), reasonCode: input.reasonCode, ...(input.reasonText ? { reasonText: input.reasonText } : {}), at },
        commandContextOf(context, at),
      ),
    );
  }
}
