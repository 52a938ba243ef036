import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badUserInput } from '../command-errors';
import { commandOriginOf } from '../command-origin';
import { idempotencyKeyProblems, jobOrderSegmentProblems, siteIdProblems, startJobOrderSegmentProblems } from '../edge-validation';
import { ProductionClient, type CommandReceipt } from '../production-client';

type Request = { headers: Record<string, string | string[] | undefined> } | undefined;

/** Planners' mutations on a site's detailed schedule, routed to the production service's work scheduler. */
@Resolver()
export class PlanWorkScheduleResolver {
  constructor(private readonly production: ProductionClient) {}

  @Mutation('lockScheduledOperation')
  lock(
    @Args('siteId') siteId: string,
    @Args('jobOrderId') jobOrderId: string,
    @Args('segmentId') segmentId: string,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: Request,
  ): Promise<CommandReceipt> {
    return this.holdOperation('lock', siteId, jobOrderId, segmentId, idempotencyKey, request);
  }

  @Mutation('unlockScheduledOperation')
  unlock(
    @Args('siteId') siteId: string,
    @Args('jobOrderId') jobOrderId: string,
    @Args('segmentId') segmentId: string,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: Request,
  ): Promise<CommandReceipt> {
    return this.holdOperation('unlock', siteId, jobOrderId, segmentId, idempotencyKey, request);
  }

  @Mutation('moveScheduledOperation')
  move(
    @Args('siteId') siteId: string,
    @Args('jobOrderId') jobOrderId: string,
    @Args('segmentId') segmentId: string,
    @Args('workUnitId') workUnitId: string,
    @Args('start') start: string,
    @Args('idempotencyKey') idempotencyKey: string | null | undefined,
    @Context('req') request: Request,
  ): Promise<CommandReceipt> {
    const problems = [...siteIdProblems(siteId), ...startJobOrderSegmentProblems(jobOrderId, segmentId, workUnitId), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.planWorkSchedule(siteId, { verb: 'move', operation: { jobOrderId, segmentId }, workUnitId, start }, commandOriginOf(request, idempotencyKey));
  }

  @Mutation('requestReschedule')
  reschedule(@Args('siteId') siteId: string, @Args('idempotencyKey') idempotencyKey: string | null | undefined, @Context('req') request: Request): Promise<CommandReceipt> {
    const problems = [...siteIdProblems(siteId), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.planWorkSchedule(siteId, { verb: 'reschedule' }, commandOriginOf(request, idempotencyKey));
  }

  private holdOperation(verb: 'lock' | 'unlock', siteId: string, jobOrderId: string, segmentId: string, idempotencyKey: string | null | undefined, request: Request): Promise<CommandReceipt> {
    const problems = [...siteIdProblems(siteId), ...jobOrderSegmentProblems(jobOrderId, segmentId), ...idempotencyKeyProblems(idempotencyKey)];
    if (problems.length > 0) throw badUserInput(problems);
    return this.production.planWorkSchedule(siteId, { verb, operation: { jobOrderId, segmentId } }, commandOriginOf(request, idempotencyKey));
  }
}
