import { ident, type Migration, type SqlClient } from '@quadrant/database';
import type { WorkUnitState } from '@quadrant/contracts';
import type { ProductionFact } from '../production-facts';
import { isoOf } from '../sql-values';
import { DAY_GRAIN_MINUTES, DayCutter, keepDayZones, kpiDayRollupMigrations, lockDayZones } from './kpi-day-rollups';
import { BUCKET_MS, bucketOf, emptyTimeElements, unitTimeBuckets, type BucketElements, type StateEntry, type TimeElements } from './unit-time-elements';

/**
 * KPI elements as read models, kept by their own consumer (see kpi-projection.ts) from its own copy of what
 * it needs: each work unit's states (`kpi_unit_states`), corrected stop reasons (`kpi_stop_reasons`),
 * equipment paths and released cycle times. From those: the time elements and the downtime by reason of
 * every scope of the hierarchy (each work unit, and every element above it), by 15 minutes, by hour and by
 * local day (`kpi_scope_time`; `kpi_scope_reasons` by hour; the days: kpi-day-rollups.ts), under each KPI
 * definition version; and the quantities (`kpi_scope_counts`), which no definition changes. A query sums
 * rollup rows, so its cost grows with the buckets it answers, not with the events behind them.
 *
 * A unit's time elements are recomputed, not incremented: a batch that touches a unit's states (a state
 * change, late or not, or a corrected stop reason) recomputes the whole hours around the intervals it
 * touched from the states themselves, and the difference to what the unit's own rows held goes to every
 * scope on its path. Redelivery, late events and corrections therefore all end in the same figures as an
 * in-order first delivery.
 */
export const kpiMigrations: Migration[] = [
  {
    id: 'gateway-kpi-001-elements',
    sql: `
      create table {{schema}}.kpi_definitions (
        version integer primary key,
        minor_stop_threshold_seconds double precision not null,
        setup_is_availability_loss boolean not null,
        status text not null check (status in ('current', 'projecting', 'retired')),
        defined_at timestamptz not null default now(),
        total_units integer,
        processed_units integer not null default 0,
        processed_events bigint not null default 0,
        total_events bigint not null default 0
      );
      insert into {{schema}}.kpi_definitions (version, minor_stop_threshold_seconds, setup_is_availability_loss, status) values (1, 0, true, 'current');

      create table {{schema}}.kpi_unit_states (
        work_unit_id text not null,
        stream_position integer not null,
        since timestamptz not null,
        state text not null,
        reason_code text,
        primary key (work_unit_id, stream_position)
      );
      create index kpi_unit_states_since_idx on {{schema}}.kpi_unit_states (work_unit_id, since);
      create table {{schema}}.kpi_stop_reasons (
        work_unit_id text not null,
        since timestamptz not null,
        state text not null,
        reason_code text not null,
        stream_position integer not null,
        primary key (work_unit_id, since, state)
      );
      create table {{schema}}.kpi_equipment_paths (
        equipment_id text primary key,
        path text[] not null
      );
      create table {{schema}}.kpi_scope_time (
        version integer not null,
        scope_id text not null,
        grain_minutes smallint not null,
        bucket timestamptz not null,
        apt double precision not null, asut double precision not null, adet double precision not null, adot double precision not null,
        fe integer not null, ttr double precision not null,
        primary key (version, scope_id, grain_minutes, bucket)
      );
      create table {{schema}}.kpi_scope_reasons (
        version integer not null,
        scope_id text not null,
        bucket timestamptz not null,
        state text not null,
        reason_code text not null,
        seconds double precision not null,
        occurrences integer not null,
        primary key (version, scope_id, bucket, state, reason_code)
      );
      create table {{schema}}.kpi_scope_counts (
        scope_id text not null,
        grain_minutes smallint not null,
        bucket timestamptz not null,
        pri_pq double precision not null, pq double precision not null, gq double precision not null, sq double precision not null, rq double precision not null,
        primary key (scope_id, grain_minutes, bucket)
      );
      -- The ideal cycle time (ISO 22400 PRI) of each released segment on each eligible work unit.
      create table {{schema}}.kpi_cycle_times (
        job_order_id text not null,
        segment_id text not null,
        work_unit_id text not null,
        ideal_cycle_time_seconds double precision not null,
        primary key (job_order_id, segment_id, work_unit_id)
      );
      -- How far each unit is re-projected under a definition being projected ('infinity': all of it). Live
      -- batches keep the part before up_to up to date too.
      create table {{schema}}.kpi_reprojected_units (
        version integer not null,
        work_unit_id text not null,
        up_to timestamptz not null,
        primary key (version, work_unit_id)
      )
    `,
  },
  ...kpiDayRollupMigrations,
  {
    // Where each path came from in its equipment's stream (definitions and state changes both carry it): an
    // older state change applied again never brings back an older path (the group's stream claims pass over
    // a redelivery before it gets here; this holds on its own as well).
    id: 'gateway-kpi-003-path-position',
    sql: `alter table {{schema}}.kpi_equipment_paths add column stream_position integer not null default 0`,
  },
];

export const GRAINS_MINUTES = [15, 60] as const;

export interface KpiDefinitionRow {
  version: number;
  minorStopThresholdSeconds: number;
  setupIsAvailabilityLoss: boolean;
  status: 'current' | 'projecting' | 'retired';
  definedAt: string;
  totalUnits: number | null;
  processedUnits: number;
  processedEvents: number;
  totalEvents: number;
}

/** A scope's time range whose elements a batch changed (for `kpiChanged`). */
export interface KpiChange {
  path: string[];
  from: number;
  to: number;
}

interface DefinitionDbRow {
  version: number;
  minor_stop_threshold_seconds: number;
  setup_is_availability_loss: boolean;
  status: KpiDefinitionRow['status'];
  defined_at: unknown;
  total_units: number | null;
  processed_units: number;
  processed_events: string;
  total_events: string;
}

export async function kpiDefinitions(db: SqlClient, schema: string): Promise<KpiDefinitionRow[]> {
  const rows = await db.query<DefinitionDbRow>(`select * from ${ident(schema)}.kpi_definitions where status <> 'retired' order by version`);
  return rows.map((row) => ({
    version: row.version,
    minorStopThresholdSeconds: Number(row.minor_stop_threshold_seconds),
    setupIsAvailabilityLoss: row.setup_is_availability_loss,
    status: row.status,
    definedAt: isoOf(row.defined_at),
    totalUnits: row.total_units,
    processedUnits: row.processed_units,
    processedEvents: Number(row.processed_events),
    totalEvents: Number(row.total_events),
  }));
}

type StateFact = Extract<ProductionFact, { type: 'WorkUnitStateChanged' | 'WorkUnitStopReasonCorrected' }>;
type ChangeFact = Extract<ProductionFact, { type: 'WorkUnitStateChanged' }>;
type CorrectionFact = Extract<ProductionFact, { type: 'WorkUnitStopReasonCorrected' }>;
type ReportFact = Extract<ProductionFact, { type: 'ProductionReported' }>;
type ReleaseFact = Extract<ProductionFact, { type: 'JobOrderReleased' }>;

/**
 * Applies a committed-together batch: equipment paths, each unit's states and corrected stop reasons, cycle
 * times of released job orders, counts to the rollups, and the time elements of every unit whose states the
 * batch touched. Answers what changed, for subscribers.
 */
export async function applyBatchToKpiElements(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<KpiBatchOutcome> {
  const s = ident(schema);
  // Before any other lock (see kpi-day-rollups.ts).
  await lockDayZones(tx, schema, 'shared');
  await keepOwnCopies(tx, s, facts);
  const dayZonesDue = await keepDayZones(tx, s, facts);
  const releases = facts.filter((fact): fact is ReleaseFact => fact.type === 'JobOrderReleased');
  if (releases.length > 0) await keepCycleTimes(tx, s, releases);
  const changes: KpiChange[] = [];
  const reports = facts.filter((fact): fact is ReportFact => fact.type === 'ProductionReported');
  if (reports.length > 0) changes.push(...(await applyCounts(tx, s, reports)));
  const touched = facts.filter((fact): fact is StateFact => fact.type === 'WorkUnitStateChanged' || fact.type === 'WorkUnitStopReasonCorrected');
  if (touched.length > 0) changes.push(...(await recomputeTouchedUnits(tx, schema, touched)));
  return { changes, dayZonesDue };
}

export interface KpiBatchOutcome {
  /** What changed, for subscribers. */
  changes: KpiChange[];
  /** Some scope has no day rows in its zone: `KpiDayRollups` has work. */
  dayZonesDue: boolean;
}

/** What the recomputation reads, kept by this projection itself: paths, states, corrected reasons. */
async function keepOwnCopies(tx: SqlClient, s: string, facts: readonly ProductionFact[]): Promise<void> {
  // Each equipment's latest path in the batch, by its position in the equipment's stream. The row keeps the
  // position of its last change of path: an older event's path never replaces a newer one.
  const paths = new Map<string, { path: string[]; streamPosition: number }>();
  const keep = (equipmentId: string, path: string[], streamPosition: number): void => {
    const known = paths.get(equipmentId);
    if (!known || streamPosition >= known.streamPosition) paths.set(equipmentId, { path, streamPosition });
  };
  for (const fact of facts) {
    if (fact.type === 'EquipmentDefined') keep(fact.data.equipmentId, fact.data.path, fact.streamPosition);
    else if (fact.type === 'WorkUnitStateChanged') keep(fact.data.workUnitId, fact.data.path, fact.streamPosition);
  }
  if (paths.size > 0) {
    const latest = [...paths.values()];
    await tx.query(
      `insert into ${s}.kpi_equipment_paths as k (equipment_id, path, stream_position)
       select id, string_to_array(p, chr(31)), n from unnest($1::text[], $2::text[], $3::int4[]) as t(id, p, n)
       on conflict (equipment_id) do update set path = excluded.path, stream_position = excluded.stream_position
        where k.path is distinct from excluded.path and excluded.stream_position >= k.stream_position`,
      [[...paths.keys()], latest.map(({ path }) => path.join(String.fromCharCode(31))), latest.map(({ streamPosition }) => streamPosition)],
    );
  }
  const changes = facts.filter((fact): fact is ChangeFact => fact.type === 'WorkUnitStateChanged');
  if (changes.length > 0) {
    await tx.query(
      `insert into ${s}.kpi_unit_states (work_unit_id, stream_position, since, state, reason_code)
       select * from unnest($1::text[], $2::int4[], $3::timestamptz[], $4::text[], $5::text[])`,
      [changes.map((f) => f.data.workUnitId), changes.map((f) => f.streamPosition), changes.map((f) => f.data.since), changes.map((f) => f.data.state), changes.map((f) => f.data.reasonCode ?? null)],
      // A plain insert, as the timeline's (work-unit-state-timeline.store.ts): redeliveries never get here.
      { prepareAs: `kpi-states-insert:${s}` },
    );
  }
  const corrections = facts.filter((fact): fact is CorrectionFact => fact.type === 'WorkUnitStopReasonCorrected');
  if (corrections.length > 0) {
    await tx.query(
      `insert into ${s}.kpi_stop_reasons as k (work_unit_id, since, state, reason_code, stream_position)
       select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::int4[])
       on conflict (work_unit_id, since, state) do update set reason_code = excluded.reason_code, stream_position = excluded.stream_position
       where excluded.stream_position > k.stream_position`,
      [corrections.map((f) => f.data.workUnitId), corrections.map((f) => f.data.since), corrections.map((f) => f.data.state), corrections.map((f) => f.data.reasonCode), corrections.map((f) => f.streamPosition)],
    );
  }
}

async function keepCycleTimes(tx: SqlClient, s: string, releases: readonly ReleaseFact[]): Promise<void> {
  const rows = releases.flatMap((fact) =>
    fact.data.segments.flatMap((segment) => segment.eligible.map((eligible) => [fact.data.jobOrderId, segment.segmentId, eligible.workUnitId, eligible.idealCycleTimeSeconds] as const)),
  );
  if (rows.length === 0) return;
  await tx.query(
    `insert into ${s}.kpi_cycle_times (job_order_id, segment_id, work_unit_id, ideal_cycle_time_seconds)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::float8[])
     on conflict (job_order_id, segment_id, work_unit_id) do update set ideal_cycle_time_seconds = excluded.ideal_cycle_time_seconds`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
}

export async function pathsOf(tx: SqlClient, s: string, equipmentIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await tx.query<{ equipment_id: string; path: string[] }>(`select equipment_id, path from ${s}.kpi_equipment_paths where equipment_id = any($1::text[])`, [
    [...new Set(equipmentIds)],
  ]);
  return new Map(rows.map((row) => [row.equipment_id, row.path]));
}

/** Counts go to the 15-minute, hourly and daily buckets of their report time, for the unit and every scope above it. */
async function applyCounts(tx: SqlClient, s: string, reports: readonly ReportFact[]): Promise<KpiChange[]> {
  const cycle = await tx.query<{ job_order_id: string; segment_id: string; work_unit_id: string; ideal_cycle_time_seconds: number }>(
    `select job_order_id, segment_id, work_unit_id, ideal_cycle_time_seconds from ${s}.kpi_cycle_times where job_order_id = any($1::text[])`,
    [[...new Set(reports.map((r) => r.data.jobOrderId))]],
  );
  const pri = new Map(cycle.map((row) => [`${row.job_order_id}/${row.segment_id}/${row.work_unit_id}`, Number(row.ideal_cycle_time_seconds)]));
  const paths = await pathsOf(tx, s, reports.map((r) => r.data.workUnitId));
  const days = await DayCutter.load(tx, s, [...paths.values()].flat());
  const sums = new Map<string, { scope: string; grain: number; bucket: number; priPq: number; pq: number; gq: number; sq: number; rq: number }>();
  const changes: KpiChange[] = [];
  for (const { data } of reports) {
    const path = paths.get(data.workUnitId) ?? [data.workUnitId];
    const at = Date.parse(data.reportedAt);
    const pq = data.good + data.scrap + data.rework;
    const priPq = (pri.get(`${data.jobOrderId}/${data.segmentId}/${data.workUnitId}`) ?? 0) * pq;
    for (const scope of path) {
      for (const grain of [...GRAINS_MINUTES, DAY_GRAIN_MINUTES]) {
        const bucket = grain === DAY_GRAIN_MINUTES ? days.dayOf(scope, at) : Math.floor(at / (grain * 60_000)) * grain * 60_000;
        if (bucket === undefined) continue;
        const key = `${scope}/${grain}/${bucket}`;
        const sum = sums.get(key) ?? { scope, grain, bucket, priPq: 0, pq: 0, gq: 0, sq: 0, rq: 0 };
        sum.priPq += priPq;
        sum.pq += pq;
        sum.gq += data.good;
        sum.sq += data.scrap;
        sum.rq += data.rework;
        sums.set(key, sum);
      }
    }
    changes.push({ path, from: bucketOf(at), to: bucketOf(at) + BUCKET_MS });
  }
  const rows = [...sums.values()];
  await tx.query(
    `insert into ${s}.kpi_scope_counts (scope_id, grain_minutes, bucket, pri_pq, pq, gq, sq, rq)
     select * from unnest($1::text[], $2::int2[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[])
     on conflict (scope_id, grain_minutes, bucket) do update set
       pri_pq = ${s}.kpi_scope_counts.pri_pq + excluded.pri_pq, pq = ${s}.kpi_scope_counts.pq + excluded.pq,
       gq = ${s}.kpi_scope_counts.gq + excluded.gq, sq = ${s}.kpi_scope_counts.sq + excluded.sq, rq = ${s}.kpi_scope_counts.rq + excluded.rq`,
    [
      rows.map((r) => r.scope),
      rows.map((r) => r.grain),
      rows.map((r) => new Date(r.bucket).toISOString()),
      rows.map((r) => r.priPq),
      rows.map((r) => r.pq),
      rows.map((r) => r.gq),
      rows.map((r) => r.sq),
      rows.map((r) => r.rq),
    ],
  );
  return changes;
}

/**
 * The bucket range each touched unit needs recomputed: from the interval before its earliest change (or
 * its earliest corrected stop, which changes only its own interval) to the one after its latest fact.
 * Two index probes per unit, whatever the number of its facts in the batch.
 */
async function touchedRanges(tx: SqlClient, s: string, facts: readonly StateFact[]): Promise<Map<string, { from: number; to: number }>> {
  const units = new Map<string, { firstChange: number; firstCorrection: number; last: number }>();
  for (const fact of facts) {
    const since = Date.parse(fact.data.since);
    const unit = units.get(fact.data.workUnitId) ?? { firstChange: Infinity, firstCorrection: Infinity, last: -Infinity };
    if (fact.type === 'WorkUnitStopReasonCorrected') unit.firstCorrection = Math.min(unit.firstCorrection, since);
    else unit.firstChange = Math.min(unit.firstChange, since);
    unit.last = Math.max(unit.last, since);
    units.set(fact.data.workUnitId, unit);
  }
  const ids = [...units.keys()];
  const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
  const rows = await tx.query<{ unit: string; lo: unknown; hi: unknown }>(
    `select f.unit,
            (select max(t.since) from ${s}.kpi_unit_states t where t.work_unit_id = f.unit and t.since < f.first_change) as lo,
            (select min(t.since) from ${s}.kpi_unit_states t where t.work_unit_id = f.unit and t.since > f.last) as hi
       from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as f(unit, first_change, last)`,
    [ids, ids.map((id) => iso(units.get(id)?.firstChange ?? Infinity)), ids.map((id) => iso(units.get(id)?.last ?? -Infinity))],
  );
  const ranges = new Map<string, { from: number; to: number }>();
  for (const row of rows) {
    const unit = units.get(row.unit);
    if (!unit) continue;
    // A new state closes the interval before it; a corrected stop changes only its own interval.
    const fromChange = Number.isFinite(unit.firstChange) ? (row.lo === null ? unit.firstChange : Date.parse(isoOf(row.lo))) : Infinity;
    const from = Math.min(fromChange, unit.firstCorrection);
    const to = row.hi === null ? unit.last : Date.parse(isoOf(row.hi));
    // Whole hours: the unit's downtime by reason is kept by the hour, and is recomputed with its time.
    ranges.set(row.unit, { from: Math.floor(from / HOUR_MS) * HOUR_MS, to: Math.floor((to - 1) / HOUR_MS) * HOUR_MS + HOUR_MS });
  }
  return ranges;
}

const HOUR_MS = 3_600_000;

/** Every state of the units in their ranges, with the interval around each range's ends, reasons corrected. */
export async function unitEntries(tx: SqlClient, s: string, ranges: ReadonlyMap<string, { from: number; to: number }>): Promise<Map<string, StateEntry[]>> {
  const units = [...ranges.keys()];
  const rows = await tx.query<{ work_unit_id: string; state: WorkUnitState; since: unknown; reason_code: string | null }>(
    `select t.work_unit_id, t.state, t.since, coalesce(c.reason_code, t.reason_code) as reason_code
       from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as r(unit, lo, hi)
       join ${s}.kpi_unit_states t on t.work_unit_id = r.unit
        and t.since >= coalesce((select max(p.since) from ${s}.kpi_unit_states p where p.work_unit_id = r.unit and p.since <= r.lo), r.lo)
        and t.since <= coalesce((select min(n.since) from ${s}.kpi_unit_states n where n.work_unit_id = r.unit and n.since >= r.hi), r.hi)
       left join ${s}.kpi_stop_reasons c on c.work_unit_id = t.work_unit_id and c.since = t.since and c.state = t.state
      order by t.work_unit_id, t.since, t.stream_position`,
    [units, units.map((u) => new Date(ranges.get(u)?.from ?? 0).toISOString()), units.map((u) => new Date(ranges.get(u)?.to ?? 0).toISOString())],
  );
  const entries = new Map<string, StateEntry[]>(units.map((u) => [u, []]));
  for (const row of rows) entries.get(row.work_unit_id)?.push({ state: row.state, since: Date.parse(isoOf(row.since)), reasonCode: row.reason_code });
  return entries;
}

async function recomputeTouchedUnits(tx: SqlClient, schema: string, facts: readonly StateFact[]): Promise<KpiChange[]> {
  const s = ident(schema);
  const definitions = await kpiDefinitions(tx, schema);
  const ranges = await touchedRanges(tx, s, facts);
  const units = [...ranges.keys()].sort();
  // A re-projection works unit by unit under the same lock, so the two never write one unit at once.
  await tx.query(`select pg_advisory_xact_lock(hashtext($1 || u)) from unnest($2::text[]) as u order by u`, [`kpi/${schema}/`, units]);
  // How far a definition being projected has come for each unit: what lies before that is kept up to date.
  const reprojected = await tx.query<{ version: number; work_unit_id: string; up_to_ms: number }>(
    `select version, work_unit_id, extract(epoch from up_to)::float8 * 1000 as up_to_ms from ${s}.kpi_reprojected_units where work_unit_id = any($1::text[])`,
    [units],
  );
  const upTo = new Map(reprojected.map((row) => [`${row.version}/${row.work_unit_id}`, Number(row.up_to_ms)]));
  const entries = await unitEntries(tx, s, ranges);
  const paths = await pathsOf(tx, s, units);
  const days = await DayCutter.load(tx, s, [...paths.values()].flat());
  for (const definition of definitions) {
    const mine = new Map<string, { from: number; to: number }>();
    for (const unit of units) {
      const range = ranges.get(unit);
      const limit = definition.status === 'current' ? Infinity : (upTo.get(`${definition.version}/${unit}`) ?? -Infinity);
      if (range && range.from < limit) mine.set(unit, { from: range.from, to: Math.min(range.to, limit) });
    }
    if (mine.size === 0) continue;
    const recomputed = new Map<string, Map<number, BucketElements>>();
    for (const [unit, range] of mine) recomputed.set(unit, unitTimeBuckets(entries.get(unit) ?? [], range.from, range.to, definition.minorStopThresholdSeconds));
    await replaceUnitBuckets(tx, s, definition.version, mine, recomputed, paths, days);
  }
  return units.map((unit) => ({ path: paths.get(unit) ?? [unit], from: ranges.get(unit)?.from ?? 0, to: ranges.get(unit)?.to ?? 0 }));
}

const TIME_KEYS = ['APT', 'ASUT', 'ADET', 'ADOT', 'FE', 'TTR'] as const;

/**
 * Adds, for each unit, the difference between its recomputed buckets (whole hours) and what its own rows
 * held to every scope on its path, the unit's own rows included, which then hold the recomputed figures:
 * by 15 minutes, by hour, and by local day for the scopes that have day rows. The caller holds the zone
 * lock (shared) and read `days` under it.
 */
export async function replaceUnitBuckets(
  tx: SqlClient,
  s: string,
  version: number,
  ranges: ReadonlyMap<string, { from: number; to: number }>,
  recomputed: ReadonlyMap<string, Map<number, BucketElements>>,
  paths: ReadonlyMap<string, string[]>,
  days: DayCutter,
): Promise<void> {
  const units = [...recomputed.keys()];
  const froms = units.map((u) => new Date(ranges.get(u)?.from ?? 0).toISOString());
  const tos = units.map((u) => new Date(ranges.get(u)?.to ?? 0).toISOString());
  // What the unit's own rows hold now (the unit is a scope of its own, first of its rollups).
  const oldTime = await tx.query<{ work_unit_id: string; bucket: unknown; apt: number; asut: number; adet: number; adot: number; fe: number; ttr: number }>(
    `select k.scope_id as work_unit_id, k.bucket, k.apt, k.asut, k.adet, k.adot, k.fe, k.ttr
       from unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) as r(unit, lo, hi)
       join ${s}.kpi_scope_time k on k.version = $1 and k.scope_id = r.unit and k.grain_minutes = 15 and k.bucket >= r.lo and k.bucket < r.hi`,
    [version, units, froms, tos],
  );
  const oldReasons = await tx.query<{ work_unit_id: string; bucket: unknown; state: string; reason_code: string; seconds: number; occurrences: number }>(
    `select k.scope_id as work_unit_id, k.bucket, k.state, k.reason_code, k.seconds, k.occurrences
       from unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) as r(unit, lo, hi)
       join ${s}.kpi_scope_reasons k on k.version = $1 and k.scope_id = r.unit and k.bucket >= r.lo and k.bucket < r.hi`,
    [version, units, froms, tos],
  );
  // Differences per scope, grain and bucket: new minus old.
  const timeDelta = new Map<string, { scope: string; grain: number; bucket: number; e: TimeElements }>();
  const reasonDelta = new Map<string, { scope: string; bucket: number; state: string; reasonCode: string; seconds: number; occurrences: number }>();
  const addTime = (unit: string, bucket: number, e: TimeElements, sign: 1 | -1): void => {
    for (const scope of paths.get(unit) ?? [unit]) {
      for (const grain of [...GRAINS_MINUTES, DAY_GRAIN_MINUTES]) {
        const start = grain === DAY_GRAIN_MINUTES ? days.dayOf(scope, bucket) : Math.floor(bucket / (grain * 60_000)) * grain * 60_000;
        if (start === undefined) continue;
        const key = `${scope}/${grain}/${start}`;
        const entry = timeDelta.get(key) ?? { scope, grain, bucket: start, e: emptyTimeElements() };
        for (const k of TIME_KEYS) entry.e[k] += sign * e[k];
        timeDelta.set(key, entry);
      }
    }
  };
  const addReason = (unit: string, bucket: number, state: string, reasonCode: string, seconds: number, occurrences: number): void => {
    for (const scope of paths.get(unit) ?? [unit]) {
      const hour = Math.floor(bucket / 3_600_000) * 3_600_000;
      const key = `${scope}/${hour}/${state}/${reasonCode}`;
      const entry = reasonDelta.get(key) ?? { scope, bucket: hour, state, reasonCode, seconds: 0, occurrences: 0 };
      entry.seconds += seconds;
      entry.occurrences += occurrences;
      reasonDelta.set(key, entry);
    }
  };
  for (const row of oldTime) {
    addTime(row.work_unit_id, Date.parse(isoOf(row.bucket)), { APT: Number(row.apt), ASUT: Number(row.asut), ADET: Number(row.adet), ADOT: Number(row.adot), FE: Number(row.fe), TTR: Number(row.ttr) }, -1);
  }
  for (const row of oldReasons) addReason(row.work_unit_id, Date.parse(isoOf(row.bucket)), row.state, row.reason_code, -Number(row.seconds), -Number(row.occurrences));
  for (const [unit, buckets] of recomputed) {
    for (const [bucket, elements] of buckets) {
      addTime(unit, bucket, elements.time, 1);
      for (const reason of elements.reasons.values()) addReason(unit, bucket, reason.state, reason.reasonCode, reason.seconds, reason.occurrences);
    }
  }
  const times = [...timeDelta.values()].filter((d) => TIME_KEYS.some((k) => d.e[k] !== 0));
  if (times.length > 0) {
    await tx.query(
      `insert into ${s}.kpi_scope_time as k (version, scope_id, grain_minutes, bucket, apt, asut, adet, adot, fe, ttr)
       select $1, * from unnest($2::text[], $3::int2[], $4::timestamptz[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::int4[], $10::float8[])
       on conflict (version, scope_id, grain_minutes, bucket) do update set
         apt = k.apt + excluded.apt, asut = k.asut + excluded.asut, adet = k.adet + excluded.adet, adot = k.adot + excluded.adot,
         fe = k.fe + excluded.fe, ttr = k.ttr + excluded.ttr`,
      [version, times.map((d) => d.scope), times.map((d) => d.grain), times.map((d) => new Date(d.bucket).toISOString()), ...TIME_KEYS.map((k) => times.map((d) => d.e[k]))],
    );
  }
  const reasons = [...reasonDelta.values()].filter((d) => d.seconds !== 0 || d.occurrences !== 0);
  if (reasons.length > 0) {
    await tx.query(
      `insert into ${s}.kpi_scope_reasons as k (version, scope_id, bucket, state, reason_code, seconds, occurrences)
       select $1, * from unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::float8[], $7::int4[])
       on conflict (version, scope_id, bucket, state, reason_code) do update set seconds = k.seconds + excluded.seconds, occurrences = k.occurrences + excluded.occurrences`,
      [
        version,
        reasons.map((d) => d.scope),
        reasons.map((d) => new Date(d.bucket).toISOString()),
        reasons.map((d) => d.state),
        reasons.map((d) => d.reasonCode),
        reasons.map((d) => d.seconds),
        reasons.map((d) => d.occurrences),
      ],
    );
  }
}
