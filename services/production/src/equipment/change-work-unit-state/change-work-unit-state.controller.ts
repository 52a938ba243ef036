import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Context, type RequestContext } from '@quadrant/platform';
import type { CommandResponse } from '../command-response';
import { ChangeWorkUnitStateDto } from './change-work-unit-state.dto';
import { ChangeWorkUnitStateCommand } from './change-work-unit-state.handler';

@Controller('work-units')
export class ChangeWorkUnitStateController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a work unit's new equipment state (Running, Idle, Setup, Down with a reason, PlannedDowntime). */
  @Post(':workUnitId/state')
  @HttpCode(200)
  change(@Param('workUnitId') workUnitId: string, @Body() input: ChangeWorkUnitStateDto, @Context() context: RequestContext): Promise<CommandResponse> {
    return this.commands.execute(new ChangeWorkUnitStateCommand(workUnitId, input, context));
  }
}
