import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { EquipmentLevel, WorkCenterType } from '@quadrant/contracts';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { defineEquipmentProblems, idempotencyKeyProblems, withoutNulls } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

/** `DefineEquipmentInput` of the schema. */
interface DefineEquipmentInput {
  equipmentId: string;
  name: string;
  description?: string | null;
  level: EquipmentLevel;
  parentId?: string | null;
  workCenterType?: WorkCenterType | null;
}

@Resolver()
export class DefineEquipmentResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('defineEquipment')
  async defineEquipment(
    @Args('input') input: DefineEquipmentInput,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...defineEquipmentProblems(input), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.defineEquipment(withoutNulls(input), commandOriginOf(request, idempotencyKey));
  }
}
