import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { idempotencyKeyProblems, reportProductionProblems, withoutNulls, type ReportProductionArgs } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

/** `ReportProductionInput` of the schema; `at` arrives parsed by the DateTime scalar, in UTC. */
interface ReportProductionInput extends ReportProductionArgs {
  at?: string | null;
}

@Resolver()
export class ReportProductionResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('reportProduction')
  async reportProduction(
    @Args('jobOrderId') jobOrderId: string,
    @Args('segmentId') segmentId: string,
    @Args('input') input: ReportProductionInput,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...reportProductionProblems(jobOrderId, segmentId, input), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.reportProduction(jobOrderId, segmentId, withoutNulls(input), commandOriginOf(request, idempotencyKey));
  }
}
