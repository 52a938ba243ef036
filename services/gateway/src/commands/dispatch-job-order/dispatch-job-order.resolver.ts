import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { dispatchJobOrderProblems, idempotencyKeyProblems } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

@Resolver()
export class DispatchJobOrderResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('dispatchJobOrder')
  async dispatchJobOrder(
    @Args('id') id: string,
    @Args('segmentId') segmentId: string,
    @Args('workUnitId') workUnitId: string,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...dispatchJobOrderProblems(id, segmentId, workUnitId), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.dispatchJobOrder(id, { segmentId, workUnitId }, commandOriginOf(request, idempotencyKey));
  }
}
