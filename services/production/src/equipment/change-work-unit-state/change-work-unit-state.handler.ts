import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@quadrant/platform';
import { ProductionStore } from '../../outbox/production-store';
import { toCommandResponse, type CommandResponse } from '../command-response';
import { equipmentStreamId } from '../equipment.decider';
import type { ChangeWorkUnitStateDto } from './change-work-unit-state.dto';

export class ChangeWorkUnitStateCommand {
  constructor(readonly workUnitId: string, readonly input: ChangeWorkUnitStateDto, readonly context: RequestContext) {}
}

@CommandHandler(ChangeWorkUnitStateCommand)
export class ChangeWorkUnitStateHandler implements ICommandHandler<ChangeWorkUnitStateCommand, CommandResponse> {
  constructor(private readonly production: ProductionStore) {}

  async execute({ workUnitId, input, context }: ChangeWorkUnitStateCommand): Promise<CommandResponse> {
    const since = new Date(input.since).toISOString();
    const result = await this.production.handleEquipment(
      equipmentStreamId(workUnitId),
      {
        type: 'ChangeWorkUnitState',
        workUnitId,
        state: input.state,
        since,
        ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
        ...(input.reasonText ? { reasonText: input.reasonText } : {}),
      },
      {
        ...(context.commandId ? { commandId: context.commandId } : {}),
        metadata: { actor: context.actor, correlationId: context.correlationId, occurredAt: since },
      },
    );
    return toCommandResponse(result);
  }
}
