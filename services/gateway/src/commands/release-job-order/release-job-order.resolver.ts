import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { idempotencyKeyProblems, jobOrderIdProblems } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

@Resolver()
export class ReleaseJobOrderResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('releaseJobOrder')
  async releaseJobOrder(
    @Args('id') id: string,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...jobOrderIdProblems(id), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.releaseJobOrder(id, commandOriginOf(request, idempotencyKey));
  }
}
