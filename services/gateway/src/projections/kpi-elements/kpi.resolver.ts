import { Args, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { EquipmentLevel } from '@quadrant/contracts';
import { oeeLossBreakdown, sumElements, type OeeLossBreakdown } from '@quadrant/kpi';
import { GraphQLError } from 'graphql';
import { KpiFeed, changedRangeOf, type KpiScopeChangedRecord } from '../../subscriptions/kpi-feed';
import type { EquipmentRecord } from '../equipment-hierarchy/equipment-hierarchy.projection';
import { EquipmentHierarchyQueries } from '../equipment-hierarchy/equipment-hierarchy.store';
import { PlannedTimes } from '../work-calendars/planned-times';
import { alignedRange, calendarBuckets, type KpiBucket, type KpiGranularity } from './kpi-buckets';
import type { KpiChange, KpiDefinitionRow } from './kpi-elements.store';
import { KpiQueries, type DowntimeReasonTotal } from './kpi-queries';
import { KpiReprojection } from './kpi-reprojection';
import { kpiSnapshot, type KpiSnapshotRecord } from './kpi-snapshot';

interface KpiDefinitionRecord {
  version: number;
  minorStopThresholdSeconds: number;
  setupIsAvailabilityLoss: boolean;
  reprojection: { version: number; processedEvents: number; totalEvents: number; startedAt: string } | null;
}

interface KpiSeriesRecord {
  scope: EquipmentRecord;
  from: string;
  to: string;
  granularity: KpiGranularity;
  total: KpiSnapshotRecord;
  buckets: KpiSnapshotRecord[];
  definition: KpiDefinitionRecord;
}

/** At most this many buckets per series: a year by hour (8,784) fits, a year by 15 minutes does not exist. */
const MAX_BUCKETS = 9_000;

/**
 * ISO 22400 KPIs of any scope of the hierarchy: elements from the KPI projections and the calendars, KPIs
 * computed from summed elements by @quadrant/kpi, the same numbers for planners, integrators and the dashboard.
 */
@Resolver()
export class KpiResolver {
  constructor(
    private readonly kpis: KpiQueries,
    private readonly planned: PlannedTimes,
    private readonly hierarchy: EquipmentHierarchyQueries,
    private readonly reprojection: KpiReprojection,
    private readonly feed: KpiFeed,
  ) {}

  @Query('kpis')
  async series(
    @Args('scope') scope: string,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('granularity') granularity: KpiGranularity,
  ): Promise<KpiSeriesRecord> {
    const range = rangeOf(from, to);
    const [equipment, definition] = await Promise.all([this.scopeOf(scope), this.definition()]);
    const { buckets, timeZone } = await this.bucketsOf(equipment, range, granularity);
    const now = Date.now();
    const elements = (await this.kpis.elements([scope], buckets, now, timeZone)).get(scope) ?? [];
    // Hour, day and week buckets partition the range: their sum is the total. Shifts leave gaps.
    const total = granularity === 'SHIFT' ? ((await this.kpis.elements([scope], [range], now)).get(scope)?.[0] ?? elementsMissing()) : sumElements(elements);
    return {
      scope: equipment,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      granularity,
      total: kpiSnapshot(range, total),
      buckets: buckets.map((bucket, index) => kpiSnapshot(bucket, elements[index] ?? elementsMissing())),
      definition,
    };
  }

  @Query('kpiBreakdown')
  async breakdown(@Args('scope') scope: string, @Args('level') level: EquipmentLevel, @Args('from') from: string, @Args('to') to: string): Promise<{ equipment: EquipmentRecord; total: KpiSnapshotRecord }[]> {
    await this.scopeOf(scope);
    const range = rangeOf(from, to);
    const below = (await this.hierarchy.atLevel(level)).filter((e) => e.path.includes(scope));
    if (below.length === 0) return [];
    const elements = await this.kpis.elements(below.map((e) => e.id), [range], Date.now());
    const summaries = below.map((equipment) => ({ equipment, total: kpiSnapshot(range, elements.get(equipment.id)?.[0] ?? elementsMissing()) }));
    // Lowest OEE first; scopes without an OEE (nothing planned) last, by name.
    return summaries.sort((a, b) => (a.total.oee ?? Infinity) - (b.total.oee ?? Infinity) || a.equipment.name.localeCompare(b.equipment.name));
  }

  @Query('downtimePareto')
  async downtimePareto(@Args('scope') scope: string, @Args('from') from: string, @Args('to') to: string, @Args('first') first: number | null | undefined): Promise<DowntimeReasonTotal[]> {
    await this.scopeOf(scope);
    const range = rangeOf(from, to);
    const limit = first ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput('first', 'must be a whole number from 1 to 1000');
    return (await this.kpis.downtimeByReason(scope, range.from, range.to, Date.now())).slice(0, limit);
  }

  @Query('oeeLossBreakdown')
  async lossBreakdown(@Args('scope') scope: string, @Args('from') from: string, @Args('to') to: string): Promise<OeeLossBreakdown> {
    await this.scopeOf(scope);
    const range = rangeOf(from, to);
    const [elements] = (await this.kpis.elements([scope], [range], Date.now())).get(scope) ?? [];
    const { current } = await this.kpis.definitions();
    return oeeLossBreakdown(elements ?? elementsMissing(), { setupIsAvailabilityLoss: current.setupIsAvailabilityLoss });
  }

  @Query('jobOrderKpis')
  async jobOrderKpis(@Args('jobOrderId') jobOrderId: string): Promise<KpiSnapshotRecord | null> {
    const job = await this.kpis.jobOrderElements(jobOrderId, Date.now());
    return job ? kpiSnapshot({ from: job.from, to: job.to }, job.elements) : null;
  }

  @Query('productKpis')
  async productKpis(@Args('productId') productId: string, @Args('from') from: string, @Args('to') to: string): Promise<KpiSnapshotRecord> {
    const range = rangeOf(from, to);
    return kpiSnapshot(range, await this.kpis.productElements(productId, range, Date.now()));
  }

  @Query('kpiDefinition')
  kpiDefinition(): Promise<KpiDefinitionRecord> {
    return this.definition();
  }

  @Mutation('defineKpis')
  async defineKpis(@Args('minorStopThresholdSeconds') minorStopThresholdSeconds: number, @Args('setupIsAvailabilityLoss') setupIsAvailabilityLoss: boolean): Promise<KpiDefinitionRecord> {
    await this.reprojection.define({ minorStopThresholdSeconds, setupIsAvailabilityLoss });
    return this.definition();
  }

  @Subscription('kpiChanged', { resolve: (changes: readonly KpiChange[], args: { scope: string }): KpiScopeChangedRecord | undefined => changedRangeOf(changes, args.scope) })
  kpiChanged(@Args('scope') scope: string): AsyncIterableIterator<readonly KpiChange[]> {
    return this.feed.subscribe(scope);
  }

  private async definition(): Promise<KpiDefinitionRecord> {
    const { current, projecting } = await this.kpis.definitions();
    return {
      version: current.version,
      minorStopThresholdSeconds: current.minorStopThresholdSeconds,
      setupIsAvailabilityLoss: current.setupIsAvailabilityLoss,
      reprojection: projecting ? reprojectionOf(projecting) : null,
    };
  }

  private async scopeOf(scope: string): Promise<EquipmentRecord> {
    const equipment = (await this.hierarchy.byIds([scope])).get(scope);
    if (!equipment) throw new GraphQLError(`unknown equipment "${scope}"`, { extensions: { code: 'NOT_FOUND' } });
    return equipment;
  }

  /** The series' buckets, and the zone they were cut in (none for shifts, which come from the calendars). */
  private async bucketsOf(scope: EquipmentRecord, range: KpiBucket, granularity: KpiGranularity): Promise<{ buckets: KpiBucket[]; timeZone?: string }> {
    let buckets: KpiBucket[];
    let timeZone: string | undefined;
    if (granularity === 'SHIFT') {
      const units = (await this.kpis.workUnitsUnder([scope.id])).get(scope.id) ?? [];
      const shifts = await this.planned.shiftBuckets(units, new Date(range.from).toISOString(), new Date(range.to).toISOString());
      buckets = shifts.map((shift) => ({ ...alignedRange(Date.parse(shift.from), Date.parse(shift.to)), shift: `${shift.date} ${shift.shift}` }));
    } else {
      timeZone = await this.planned.timeZoneOf(scope.id);
      buckets = calendarBuckets(range.from, range.to, granularity, timeZone);
    }
    if (buckets.length > MAX_BUCKETS) throw badInput('granularity', `gives ${buckets.length} buckets over this range; at most ${MAX_BUCKETS}: choose a coarser granularity or a shorter range`);
    return timeZone === undefined ? { buckets } : { buckets, timeZone };
  }
}

function reprojectionOf(row: KpiDefinitionRow): KpiDefinitionRecord['reprojection'] {
  return { version: row.version, processedEvents: row.processedEvents, totalEvents: row.totalEvents, startedAt: row.definedAt };
}

function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field} ${message}`, { extensions: { code: 'BAD_USER_INPUT', problems: [{ field, message }] } });
}

/** [from, to) moved out to whole 15-minute buckets; refused when empty or reversed. */
function rangeOf(from: string, to: string): KpiBucket {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(end > start)) throw badInput('to', `must be after from (${from}), not ${to}`);
  return alignedRange(start, end);
}

function elementsMissing(): never {
  throw new Error('the KPI queries answered no elements for a bucket they were asked for');
}
