import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@quadrant/event-sourcing';
import type { RequestContext } from '@quadrant/platform';
import { ProductionStore } from '../../outbox/production-store';
import { toCommandResponse, type CommandResponse } from '../command-response';
import { equipmentStreamId, type ParentEquipment } from '../equipment.decider';
import { scopeOf } from '../scope';
import type { DefineEquipmentDto } from './define-equipment.dto';

export class DefineEquipmentCommand {
  constructor(readonly input: DefineEquipmentDto, readonly context: RequestContext, readonly at: string) {}
}

@CommandHandler(DefineEquipmentCommand)
export class DefineEquipmentHandler implements ICommandHandler<DefineEquipmentCommand, CommandResponse> {
  constructor(private readonly production: ProductionStore) {}

  async execute({ input, context, at }: DefineEquipmentCommand): Promise<CommandResponse> {
    let parent: ParentEquipment | null = null;
    if (input.parentId) {
      const { state } = await this.production.equipment.load(equipmentStreamId(input.parentId));
      if (state.status === 'Undefined') throw new NotFoundError('parent equipment', input.parentId);
      parent = { equipmentId: state.equipmentId, level: state.level, path: state.path };
    }
    const result = await this.production.equipment.handle(
      equipmentStreamId(input.equipmentId),
      {
        type: 'DefineEquipment',
        equipmentId: input.equipmentId,
        name: input.name,
        level: input.level,
        parent,
        at,
        ...(input.description ? { description: input.description } : {}),
        ...(input.workCenterType ? { workCenterType: input.workCenterType } : {}),
        ...(input.maxConcurrentJobs !== undefined ? { maxConcurrentJobs: input.maxConcurrentJobs } : {}),
      },
      {
        ...(context.commandId ? { commandId: context.commandId } : {}),
        metadata: {
          actor: context.actor,
          correlationId: context.correlationId,
          occurredAt: at,
          scope: scopeOf([...(parent?.path ?? []), input.equipmentId]),
        },
      },
    );
    return toCommandResponse(result);
  }
}
