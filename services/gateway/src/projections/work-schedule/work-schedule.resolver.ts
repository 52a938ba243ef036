import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { OperationMove } from '@quadrant/contracts';
import { GraphQLError } from 'graphql';
import { EquipmentHierarchyQueries } from '../equipment-hierarchy/equipment-hierarchy.store';
import { WorkScheduleQueries, type CausationLinkRecord, type ScheduledOperationRecord, type ScheduleRevisionRecord } from './work-schedule.store';

interface WorkScheduleAnswer {
  scope: string;
  siteId: string | null;
  revision: number;
  revisedAt: string | null;
  from: string;
  to: string;
  workUnitIds: string[];
  operations: ScheduledOperationRecord[];
  unavailable: ScheduleRevisionRecord['unavailable'];
}

const badInput = (message: string, field: string): GraphQLError => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });

/** Planners' reads of the detailed schedule: a Gantt-ready window of it, its revisions, and why an operation moved. */
@Resolver('WorkSchedule')
export class WorkScheduleResolver {
  constructor(
    private readonly schedules: WorkScheduleQueries,
    private readonly hierarchy: EquipmentHierarchyQueries,
  ) {}

  @Query('workSchedule')
  async workSchedule(@Args('scope') scope: string, @Args('from') from: string, @Args('to') to: string): Promise<WorkScheduleAnswer> {
    if (!(Date.parse(from) < Date.parse(to))) throw badInput(`from (${from}) must be before to (${to})`, 'from');
    const [scopeRecord, under] = await Promise.all([this.hierarchy.byIds([scope]), this.hierarchy.workUnitsUnder([scope])]);
    const path = scopeRecord.get(scope)?.path ?? [];
    // Enterprise first: the site is the path's second element (an enterprise has none).
    const siteId = path[1] ?? null;
    const workUnitIds = (under.get(scope) ?? []).map((unit) => unit.id);
    const [latest] = siteId ? await this.schedules.latestRevisions(siteId, 1) : [];
    const operations = workUnitIds.length > 0 ? await this.schedules.operations(workUnitIds, from, to) : [];
    const units = new Set(workUnitIds);
    const unavailable = (latest?.unavailable ?? []).filter((w) => units.has(w.workUnitId) && Date.parse(w.from) < Date.parse(to) && Date.parse(w.to) > Date.parse(from));
    return { scope, siteId, revision: latest?.revision ?? 0, revisedAt: latest?.revisedAt ?? null, from, to, workUnitIds, operations, unavailable };
  }

  @Query('scheduleRevisions')
  scheduleRevisions(@Args('siteId') siteId: string, @Args('last') last: number): Promise<ScheduleRevisionRecord[]> {
    if (!Number.isInteger(last) || last < 1 || last > 200) throw badInput('last must be a whole number from 1 to 200', 'last');
    return this.schedules.latestRevisions(siteId, last);
  }

  @Query('whyDidOperationMove')
  async whyDidOperationMove(
    @Args('jobOrderId') jobOrderId: string,
    @Args('segmentId') segmentId: string,
  ): Promise<{ revision: ScheduleRevisionRecord; move: OperationMove; causes: CausationLinkRecord[] }[]> {
    const moves = await this.schedules.movesOf(jobOrderId, segmentId);
    const triggers = await this.schedules.causes([...new Set(moves.flatMap((m) => m.revision.trigger.eventIds))]);
    return moves.map(({ revision, move }) => ({ revision, move, causes: causationChain(revision, triggers) }));
  }
}

/** Newest first: the revision itself, then the events it reacted to, latest first (the last is its causation). */
function causationChain(revision: ScheduleRevisionRecord, known: ReadonlyMap<string, CausationLinkRecord>): CausationLinkRecord[] {
  const { trigger } = revision;
  const self: CausationLinkRecord = {
    eventId: revision.eventId,
    type: 'WorkScheduleRevised',
    occurredAt: revision.revisedAt,
    summary: `revision ${revision.revision} of ${revision.siteId} after ${trigger.kind}${trigger.workUnitId ? ` of ${trigger.workUnitId}` : ''}${trigger.reasonCode ? ` (${trigger.reasonCode})` : ''}: ${revision.movedCount} operation(s) moved`,
    actor: 'work-scheduler',
    correlationId: null,
  };
  const causes = [...trigger.eventIds].reverse().map(
    (eventId): CausationLinkRecord =>
      known.get(eventId) ?? { eventId, type: trigger.kind, occurredAt: trigger.occurredAt, summary: `${trigger.kind} (event not in the gateway's read models)`, actor: null, correlationId: null },
  );
  return [self, ...causes];
}

@Resolver('ScheduleRevision')
export class ScheduleRevisionResolver {
  constructor(private readonly schedules: WorkScheduleQueries) {}

  @ResolveField('moved')
  moved(@Parent() revision: ScheduleRevisionRecord, @Args('first') first: number): Promise<OperationMove[]> {
    return this.schedules.moves(revision.siteId, revision.revision, Math.max(0, Math.min(first, 10_000)));
  }
}
