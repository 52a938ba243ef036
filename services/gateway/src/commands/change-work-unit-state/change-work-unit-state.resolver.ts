import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { WorkUnitState } from '@quadrant/contracts';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { changeWorkUnitStateProblems, idempotencyKeyProblems, withoutNulls } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

/** `ChangeWorkUnitStateInput` of the schema; `since` arrives parsed by the DateTime scalar, in UTC. */
interface ChangeWorkUnitStateInput {
  state: WorkUnitState;
  reasonCode?: string | null;
  reasonText?: string | null;
  since: string;
}

@Resolver()
export class ChangeWorkUnitStateResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('changeWorkUnitState')
  async changeWorkUnitState(
    @Args('workUnitId') workUnitId: string,
    @Args('input') input: ChangeWorkUnitStateInput,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...changeWorkUnitStateProblems(workUnitId, input), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.changeWorkUnitState(workUnitId, withoutNulls(input), commandOriginOf(request, idempotencyKey));
  }
}
