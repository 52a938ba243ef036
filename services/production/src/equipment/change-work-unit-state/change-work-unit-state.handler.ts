import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StreamCommand } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { ProductionStore } from '../../outbox/production-store';
import { toCommandResponse, type CommandResponse } from '../command-response';
import { equipmentStreamId, type EquipmentCommand } from '../equipment.decider';
import type { ChangeWorkUnitStateDto } from './change-work-unit-state.dto';

export class ChangeWorkUnitStateCommand {
  constructor(readonly workUnitId: string, readonly input: ChangeWorkUnitStateDto, readonly context: RequestContext) {}
}

/** The equipment command and its context for one work unit state change; shared by the single and the batch endpoint. */
export function workUnitStateCommand(workUnitId: string, input: ChangeWorkUnitStateDto, context: RequestContext): StreamCommand<EquipmentCommand> {
  const since = new Date(input.since).toISOString();
  return {
    command: {
      type: 'ChangeWorkUnitState',
      workUnitId,
      state: input.state,
      since,
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      ...(input.reasonText ? { reasonText: input.reasonText } : {}),
    },
    context: {
      ...(context.commandId ? { commandId: context.commandId } : {}),
      metadata: { actor: context.actor, correlationId: context.correlationId, occurredAt: since },
    },
  };
}

@CommandHandler(ChangeWorkUnitStateCommand)
export class ChangeWorkUnitStateHandler implements ICommandHandler<ChangeWorkUnitStateCommand, CommandResponse> {
  constructor(private readonly production: ProductionStore) {}

  async execute({ workUnitId, input, context }: ChangeWorkUnitStateCommand): Promise<CommandResponse> {
    const { command, context: commandContext } = workUnitStateCommand(workUnitId, input, context);
    return toCommandResponse(await this.production.equipment.handle(equipmentStreamId(workUnitId), command, commandContext));
  }
}
