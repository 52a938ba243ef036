import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { idempotencyKeyProblems, jobOrderSegmentProblems } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

@Resolver()
export class CompleteJobOrderSegmentResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('completeJobOrderSegment')
  async completeJobOrderSegment(
    @Args('jobOrderId') jobOrderId: string,
    @Args('segmentId') segmentId: string,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...jobOrderSegmentProblems(jobOrderId, segmentId), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.completeJobOrderSegment(jobOrderId, segmentId, commandOriginOf(request, idempotencyKey));
  }
}
