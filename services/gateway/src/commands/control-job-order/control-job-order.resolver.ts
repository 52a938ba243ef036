import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { controlJobOrderProblems, idempotencyKeyProblems, withoutNulls, type JobOrderControl } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

@Resolver()
export class ControlJobOrderResolver {
  constructor(private readonly production: ProductionClient) {}

  /** B2MML JobOrderCommand on a whole job order: Pause, Hold, Resume, Complete, Close or Abort. */
  @Mutation('controlJobOrder')
  async controlJobOrder(
    @Args('id') id: string,
    @Args('command') command: JobOrderControl,
    @Args('reasonCode') reasonCode: string | null | undefined,
    @Args('force') force: boolean | null | undefined,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...controlJobOrderProblems(id, command, reasonCode, force), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.controlJobOrder(id, withoutNulls({ command, reasonCode, force }), commandOriginOf(request, idempotencyKey));
  }
}
