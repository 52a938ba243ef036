import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { correctStopReasonProblems, idempotencyKeyProblems, withoutNulls } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

@Resolver()
export class CorrectStopReasonResolver {
  constructor(private readonly production: ProductionClient) {}

  /** `since` arrives parsed by the DateTime scalar, in UTC: the start of the stop it corrects. */
  @Mutation('correctStopReason')
  async correctStopReason(
    @Args('workUnitId') workUnitId: string,
    @Args('since') since: string,
    @Args('reasonCode') reasonCode: string,
    @Args('reasonText') reasonText: string | null | undefined,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...correctStopReasonProblems(workUnitId, reasonCode, reasonText), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.correctStopReason(workUnitId, withoutNulls({ since, reasonCode, reasonText }), commandOriginOf(request, idempotencyKey));
  }
}
