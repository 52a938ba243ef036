import { Inject, Injectable } from '@nestjs/common';
import type { WorkUnitState } from '@quadrant/contracts';
import { ident, type Database } from '@quadrant/database';
import { elementsOf, type KpiElements } from '@quadrant/kpi';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { GATEWAY_SCHEMA } from '../gateway-schema';
import { isoOf } from '../sql-values';
import { PlannedTimes } from '../work-calendars/planned-times';
import type { KpiBucket } from './kpi-buckets';
import { kpiDefinitions, unitEntries, type KpiDefinitionRow } from './kpi-elements.store';
import { readRollups } from './kpi-rollup-reads';
import { unitTimeBuckets, type BucketElements } from './unit-time-elements';

/** Time lost to one state and reason over a scope and range. */
export interface DowntimeReasonTotal {
  state: WorkUnitState;
  reasonCode: string | null;
  durationSeconds: number;
  occurrences: number;
}

interface JobSpan {
  jobOrderId: string;
  start: number;
  end: number;
  segments: { segmentId: string; workUnitId: string | null; good: number; scrap: number; rework: number }[];
}

interface OpenInterval {
  workUnitId: string;
  path: string[];
  state: WorkUnitState;
  since: number;
  reasonCode: string | null;
}

/**
 * Reads the KPI elements of scopes of the hierarchy: the rollups' time and counts (kpi-rollup-reads.ts:
 * whole local days from day rows, the rest from hourly or 15-minute rows), plus what the projection cannot hold yet, each unit's current state since it began (up to now),
 * plus the planned times of the scope's work units from their calendars. Answers ISO 22400 elements per
 * bucket; the KPIs are computed from them by `@quadrant/kpi`.
 */
@Injectable()
export class KpiQueries {
  private readonly db: Database;
  private readonly s: string;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(GATEWAY_SCHEMA) private readonly schema: string,
    private readonly plannedTimes: PlannedTimes,
  ) {
    this.db = runtime.db;
    this.s = ident(schema);
  }

  /** The definition in force, and the one being projected, if any. */
  async definitions(): Promise<{ current: KpiDefinitionRow; projecting: KpiDefinitionRow | undefined }> {
    const rows = await kpiDefinitions(this.db, this.schema);
    const current = rows.find((row) => row.status === 'current');
    if (!current) throw new Error('no current KPI definition: the gateway migrations have not run');
    return { current, projecting: rows.find((row) => row.status === 'projecting') };
  }

  /** The work units at or below each scope. */
  async workUnitsUnder(scopes: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ equipment_id: string; path: string[] }>(
      `select equipment_id, path from ${this.s}.equipment where level = 'WorkUnit' and path && $1::text[]`,
      [scopes],
    );
    const under = new Map<string, string[]>(scopes.map((scope) => [scope, []]));
    for (const row of rows) for (const scope of scopes) if (row.path.includes(scope)) under.get(scope)?.push(row.equipment_id);
    return under;
  }

  /**
   * The elements of each scope for each bucket (buckets sorted, not overlapping, 15-minute aligned), in the
   * buckets' order. `now` ends the open intervals (the current states). `timeZone`: the zone the buckets
   * were cut in, when they were cut in the scopes' own (see readRollups).
   */
  async elements(scopes: readonly string[], buckets: readonly KpiBucket[], now: number, timeZone?: string): Promise<Map<string, KpiElements[]>> {
    const intervals = buckets.map((b) => ({ start: b.from, end: b.to }));
    // The statements that do not depend on each other go side by side: a query waits for the longest chain.
    const unitsUnder = this.workUnitsUnder(scopes);
    const plannedTimes = unitsUnder.then((units) => this.plannedTimes.plannedTimesOver([...new Set([...units.values()].flat())], intervals));
    // Awaited below; until then a failure must not count as unhandled (the first await may throw before).
    plannedTimes.catch(() => undefined);
    const [{ current }, open, units] = await Promise.all([this.definitions(), this.openIntervals(scopes), unitsUnder]);
    const [sums, planned] = await Promise.all([readRollups(this.db, this.s, current.version, scopes, buckets, timeZone), plannedTimes]);
    const acc = new Map<string, Record<keyof KpiElements, number>[]>(scopes.map((scope) => [scope, buckets.map(() => ({ ...elementsOf({}) }))]));
    const cell = (scope: string, index: number): Record<keyof KpiElements, number> | undefined => acc.get(scope)?.[index];
    for (const { scope, index, time, counts } of sums) {
      const e = cell(scope, index);
      if (!e) continue;
      if (time) addInto(e, time);
      if (counts) addInto(e, counts);
    }
    const start = buckets[0]?.from ?? now;
    const end = buckets[buckets.length - 1]?.to ?? now;
    for (const interval of open) {
      const parts = openParts(interval, start, Math.min(end, now), now, current.minorStopThresholdSeconds);
      for (const [start, part] of parts) {
        const index = bucketIndex(buckets, start);
        if (index < 0) continue;
        for (const scope of scopes) {
          if (!interval.path.includes(scope)) continue;
          const e = cell(scope, index);
          if (e) addInto(e, part.time);
        }
      }
    }
    for (const scope of scopes) {
      for (const unit of units.get(scope) ?? []) {
        (planned.get(unit) ?? []).forEach((times, index) => {
          const e = cell(scope, index);
          if (e) addInto(e, times);
        });
      }
    }
    // Busy time between failures: the unit's setup and production time (see @quadrant/kpi's TBF).
    return new Map([...acc].map(([scope, list]) => [scope, list.map((e) => elementsOf({ ...e, TBF: e.APT + e.ASUT }))]));
  }

  /** Time lost under a scope by state and reason over [from, to) (whole hours), longest first. */
  async downtimeByReason(scope: string, from: number, to: number, now: number): Promise<DowntimeReasonTotal[]> {
    const { current } = await this.definitions();
    const lo = Math.floor(from / 3_600_000) * 3_600_000;
    const hi = Math.ceil(to / 3_600_000) * 3_600_000;
    const rows = await this.db.query<{ state: WorkUnitState; reason_code: string; seconds: number; occurrences: string }>(
      `select state, reason_code, sum(seconds) as seconds, sum(occurrences)::text as occurrences
         from ${this.s}.kpi_scope_reasons
        where version = $1 and scope_id = $2 and bucket >= $3 and bucket < $4
        group by state, reason_code`,
      [current.version, scope, new Date(lo).toISOString(), new Date(hi).toISOString()],
    );
    const totals = new Map<string, DowntimeReasonTotal>();
    const add = (state: WorkUnitState, reasonCode: string, seconds: number, occurrences: number): void => {
      const key = `${state}/${reasonCode}`;
      const total = totals.get(key) ?? { state, reasonCode: reasonCode === '' ? null : reasonCode, durationSeconds: 0, occurrences: 0 };
      total.durationSeconds += seconds;
      total.occurrences += occurrences;
      totals.set(key, total);
    };
    for (const row of rows) add(row.state, row.reason_code, Number(row.seconds), Number(row.occurrences));
    for (const interval of await this.openIntervals([scope])) {
      for (const part of openParts(interval, lo, Math.min(hi, now), now, current.minorStopThresholdSeconds).values()) {
        for (const reason of part.reasons.values()) add(reason.state, reason.reasonCode, reason.seconds, reason.occurrences);
      }
    }
    return [...totals.values()].filter((t) => t.durationSeconds > 0 || t.occurrences > 0).sort((a, b) => b.durationSeconds - a.durationSeconds);
  }

  /**
   * The elements of one job order over its life: quantities and their planned run time from its segments;
   * time from the states of each work unit while allocated to it (cut exactly at allocation and release);
   * planned time of those units over the same intervals; AOET from its start to its end (or now).
   * Undefined for an unknown job order.
   */
  async jobOrderElements(jobOrderId: string, now: number): Promise<{ from: number; to: number; elements: KpiElements } | undefined> {
    const [job] = await this.jobSpans([jobOrderId], now);
    if (!job) return undefined;
    return { from: job.start, to: job.end, elements: await this.jobOrdersElements([job], null, now) };
  }

  /**
   * The elements of a product's job orders over [from, to): what each made in the range (by its counts'
   * times), the time of the work units while allocated to them within the range, and their AOET within it.
   */
  async productElements(productId: string, range: { from: number; to: number }, now: number): Promise<KpiElements> {
    const ids = await this.db.query<{ job_order_id: string }>(
      `select job_order_id from ${this.s}.job_orders
        where product_id = $1 and started_at is not null and started_at < $3 and coalesce(completed_at, aborted_at, 'infinity') > $2`,
      [productId, new Date(range.from).toISOString(), new Date(range.to).toISOString()],
    );
    const jobs = await this.jobSpans(ids.map((row) => row.job_order_id), now);
    return this.jobOrdersElements(jobs, range, now);
  }

  private async jobSpans(jobOrderIds: readonly string[], now: number): Promise<JobSpan[]> {
    if (jobOrderIds.length === 0) return [];
    const rows = await this.db.query<{ job_order_id: string; created_at: unknown; started_at: unknown; ended_at: unknown; segments: JobSpan['segments'] }>(
      `select job_order_id, created_at, started_at, coalesce(completed_at, aborted_at) as ended_at, segments from ${this.s}.job_orders where job_order_id = any($1::text[])`,
      [jobOrderIds],
    );
    return rows.map((row) => {
      const start = row.started_at === null ? Date.parse(isoOf(row.created_at)) : Date.parse(isoOf(row.started_at));
      const end = row.started_at === null ? start : row.ended_at === null ? Math.max(now, start) : Date.parse(isoOf(row.ended_at));
      return { jobOrderId: row.job_order_id, start, end, segments: row.segments };
    });
  }

  /** Job orders' elements over their whole lives (range null) or within a range. */
  private async jobOrdersElements(jobs: readonly JobSpan[], range: { from: number; to: number } | null, now: number): Promise<KpiElements> {
    const e: Record<keyof KpiElements, number> = { ...elementsOf({}) };
    if (jobs.length === 0) return elementsOf(e);
    const { current } = await this.definitions();
    const ids = jobs.map((job) => job.jobOrderId);
    const clip = (from: number, to: number): { from: number; to: number } => (range ? { from: Math.max(from, range.from), to: Math.min(to, range.to) } : { from, to });
    for (const job of jobs) {
      const span = clip(job.start, job.end);
      e.AOET += Math.max(0, span.to - span.from) / 1000;
    }
    const cycle = await this.db.query<{ job_order_id: string; segment_id: string; work_unit_id: string; ideal_cycle_time_seconds: number }>(
      `select job_order_id, segment_id, work_unit_id, ideal_cycle_time_seconds from ${this.s}.kpi_cycle_times where job_order_id = any($1::text[])`,
      [ids],
    );
    const pri = new Map(cycle.map((row) => [`${row.job_order_id}/${row.segment_id}/${row.work_unit_id}`, Number(row.ideal_cycle_time_seconds)]));
    const made: { jobOrderId: string; segmentId: string; workUnitId: string | null; good: number; scrap: number; rework: number }[] = [];
    if (range) {
      // What was made in the range: the counts reported in it.
      const reports = await this.db.query<{ job_order_id: string; segment_id: string; work_unit_id: string; good: string; scrap: string; rework: string }>(
        `select job_order_id, data->>'segmentId' as segment_id, data->>'workUnitId' as work_unit_id,
                sum((data->>'good')::float8)::text as good, sum((data->>'scrap')::float8)::text as scrap, sum((data->>'rework')::float8)::text as rework
           from ${this.s}.job_order_history
          where job_order_id = any($1::text[]) and type = 'ProductionReported' and (data->>'reportedAt')::timestamptz >= $2 and (data->>'reportedAt')::timestamptz < $3
          group by 1, 2, 3`,
        [ids, new Date(range.from).toISOString(), new Date(range.to).toISOString()],
      );
      for (const r of reports) made.push({ jobOrderId: r.job_order_id, segmentId: r.segment_id, workUnitId: r.work_unit_id, good: Number(r.good), scrap: Number(r.scrap), rework: Number(r.rework) });
    } else {
      for (const job of jobs) for (const segment of job.segments) made.push({ jobOrderId: job.jobOrderId, ...segment });
    }
    for (const m of made) {
      const pq = m.good + m.scrap + m.rework;
      e.PQ += pq;
      e.GQ += m.good;
      e.SQ += m.scrap;
      e.RQ += m.rework;
      e.PRI_PQ += (m.workUnitId ? (pri.get(`${m.jobOrderId}/${m.segmentId}/${m.workUnitId}`) ?? 0) : 0) * pq;
    }
    const allocations = await this.db.query<{ work_unit_id: string; allocated_at: unknown; ended_at: unknown }>(
      `select work_unit_id, allocated_at, ended_at from ${this.s}.work_unit_allocations where job_order_id = any($1::text[]) and allocated_at is not null order by allocated_at`,
      [ids],
    );
    const intervals = allocations
      .map((row) => ({ unit: row.work_unit_id, ...clip(Date.parse(isoOf(row.allocated_at)), row.ended_at === null ? now : Date.parse(isoOf(row.ended_at))) }))
      .filter((interval) => interval.to > interval.from);
    if (intervals.length === 0) return elementsOf(e);
    const spans = new Map<string, { from: number; to: number }>();
    for (const interval of intervals) {
      const span = spans.get(interval.unit);
      spans.set(interval.unit, span ? { from: Math.min(span.from, interval.from), to: Math.max(span.to, interval.to) } : { from: interval.from, to: interval.to });
    }
    const [entries, planned] = await Promise.all([
      unitEntries(this.db, this.s, spans),
      this.plannedTimes.plannedTimes([...spans.keys()], intervals.map((i) => ({ from: new Date(i.from).toISOString(), to: new Date(i.to).toISOString() }))),
    ]);
    intervals.forEach((interval, index) => {
      // The unit's last state runs until now: close it there, as the open interval of a scope's query is.
      const states = [...(entries.get(interval.unit) ?? []), { state: 'Unknown' as const, since: Math.max(now, interval.to), reasonCode: null }];
      for (const part of unitTimeBuckets(states, interval.from, interval.to, current.minorStopThresholdSeconds).values()) addInto(e, part.time);
      addInto(e, planned.get(interval.unit)?.[index] ?? {});
    });
    return elementsOf({ ...e, TBF: e.APT + e.ASUT });
  }

  /** Each work unit's latest state under the scopes: the interval the KPI projection has not closed yet. */
  private async openIntervals(scopes: readonly string[]): Promise<OpenInterval[]> {
    const rows = await this.db.query<{ work_unit_id: string; path: string[]; state: WorkUnitState; since: unknown; reason_code: string | null }>(
      `select p.equipment_id as work_unit_id, p.path, st.state, st.since, coalesce(c.reason_code, st.reason_code) as reason_code
         from ${this.s}.kpi_equipment_paths p
         join lateral (select * from ${this.s}.kpi_unit_states u where u.work_unit_id = p.equipment_id order by u.since desc, u.stream_position desc limit 1) st on true
         left join ${this.s}.kpi_stop_reasons c on c.work_unit_id = st.work_unit_id and c.since = st.since and c.state = st.state
        where p.path && $1::text[]`,
      [scopes],
    );
    return rows.map((row) => ({ workUnitId: row.work_unit_id, path: row.path, state: row.state, since: Date.parse(isoOf(row.since)), reasonCode: row.reason_code }));
  }
}

/** Adds some elements into a bucket's running sums. */
function addInto(sums: Record<keyof KpiElements, number>, part: Partial<Record<keyof KpiElements, number>>): void {
  for (const key of Object.keys(part) as (keyof KpiElements)[]) sums[key] += part[key] ?? 0;
}

/** The open interval's part in [from, to), per 15-minute bucket, as if it ended now. */
function openParts(interval: OpenInterval, from: number, to: number, now: number, threshold: number): Map<number, BucketElements> {
  if (to <= from || interval.since >= to) return new Map();
  const entries = [
    { state: interval.state, since: interval.since, reasonCode: interval.reasonCode },
    { state: 'Unknown' as const, since: Math.max(now, interval.since), reasonCode: null },
  ];
  return unitTimeBuckets(entries, from, to, threshold);
}

/** The index of the bucket holding `at`, or -1. */
function bucketIndex(buckets: readonly KpiBucket[], at: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const bucket = buckets[mid];
    if (!bucket) return -1;
    if (at < bucket.from) hi = mid - 1;
    else if (at >= bucket.to) lo = mid + 1;
    else return mid;
  }
  return -1;
}
