import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { createJobOrderProblems, idempotencyKeyProblems, withoutNulls } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

/** `CreateJobOrderInput` of the schema; `dueAt` arrives parsed by the DateTime scalar, in UTC. */
interface CreateJobOrderInput {
  jobOrderId: string;
  productId: string;
  quantity: number;
  siteId: string;
  priority?: number | null;
  dueAt?: string | null;
  description?: string | null;
}

@Resolver()
export class CreateJobOrderResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('createJobOrder')
  async createJobOrder(
    @Args('input') input: CreateJobOrderInput,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: { headers: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<CommandReceipt> {
    const problems = [...createJobOrderProblems(input), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.createJobOrder(withoutNulls(input), commandOriginOf(request, idempotencyKey));
  }
}
