import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Context, type RequestContext } from '@quadrant/platform';
import { RecordStateChangesInput, type RecordStateChanges } from './record-state-changes.input';
import { RecordStateChangesCommand, type StateChangeOutcome } from './record-state-changes.handler';

@Controller('work-units')
export class RecordStateChangesController {
  constructor(private readonly commands: CommandBus) {}

  /** Machine data in batches: up to 1,000 state changes, each answered on its own, in the order sent. */
  @Post('state-changes')
  @HttpCode(200)
  record(@Body(RecordStateChangesInput) input: RecordStateChanges, @Context() context: RequestContext): Promise<{ results: StateChangeOutcome[] }> {
    return this.commands.execute(new RecordStateChangesCommand(input, context));
  }
}
