import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { idempotencyKeyProblems, startJobOrderSegmentProblems } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

@Resolver()
export class StartJobOrderSegmentResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('startJobOrderSegment')
  async startJobOrderSegment(
    @Args('jobOrderId') jobOrderId: string,
    @Args('segmentId') segmentId: string,
    @Args('workUnitId') workUnitId: string,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...startJobOrderSegmentProblems(jobOrderId, segmentId, workUnitId), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.startJobOrderSegment(jobOrderId, segmentId, { workUnitId }, commandOriginOf(request, idempotencyKey));
  }
}
