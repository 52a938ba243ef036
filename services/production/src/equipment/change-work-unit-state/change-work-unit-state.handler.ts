import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ProductionEvent } from '@quadrant/contracts';
import type { CommandResult } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { ProductionStore } from '../../outbox/production-store';
import { toCommandResponse, type CommandResponse } from '../command-response';
import { equipmentStreamId } from '../equipment.decider';
import type { ChangeWorkUnitStateDto } from './change-work-unit-state.dto';

export class ChangeWorkUnitStateCommand {
  constructor(readonly workUnitId: string, readonly input: ChangeWorkUnitStateDto, readonly context: RequestContext) {}
}

/** One work unit state change through the work unit's stream; shared by the single and the batch endpoint. */
export function changeWorkUnitState(
  production: ProductionStore,
  workUnitId: string,
  input: ChangeWorkUnitStateDto,
  context: RequestContext,
): Promise<CommandResult<ProductionEvent>> {
  const since = new Date(input.since).toISOString();
  return production.handleEquipment(
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
}

@CommandHandler(ChangeWorkUnitStateCommand)
export class ChangeWorkUnitStateHandler implements ICommandHandler<ChangeWorkUnitStateCommand, CommandResponse> {
  constructor(private readonly production: ProductionStore) {}

  async execute({ workUnitId, input, context }: ChangeWorkUnitStateCommand): Promise<CommandResponse> {
    return toCommandResponse(await changeWorkUnitState(this.production, workUnitId, input, context));
  }
}
