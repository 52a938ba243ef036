import type { Migration, SqlClient } from '@quadrant/database';
import { DAY_MS, ZoneClock } from '@quadrant/work-calendar';
import type { ProductionFact } from '../production-facts';

/**
 * Daily rollups: the time elements and the quantities of every scope by local day, in the scope's time zone
 * (the zone its DAY and WEEK buckets are cut in: its own calendar's, else its site's, else UTC), beside the
 * 15-minute and hourly rows in the same tables (`grain_minutes` 1440, `bucket` the day's first instant). A
 * year by day then reads 365 rows per table instead of 8,760.
 *
 * `kpi_scope_zones` says which scopes have them and in which zone. The writers of the rollups (live batches,
 * re-projection) add their differences to a scope's day rows only when it has a zone row. When a calendar
 * gives a scope another zone (or a scope is new), its zone row goes and `KpiDayRollups`
 * (kpi-day-rollup-builds.ts) builds its day rows again from its 15-minute rows, then writes the zone row.
 * Queries read day rows only for a scope whose zone row names the zone they cut days in, checked in the
 * same statement; otherwise they sum the finer rows.
 *
 * Every transaction that writes rollup rows holds the zone lock shared, taken before any other lock; a build
 * holds it exclusively. So a build never runs beside a writer: it sees every committed 15-minute row, and
 * no writer adds to day rows cut in a zone that is being replaced.
 */
export const kpiDayRollupMigrations: Migration[] = [
  {
    id: 'gateway-kpi-002-day-rollups',
    sql: `
      -- The time zone of each work calendar, as the KPI projection has seen them. Deployments from before this
      -- table start from the calendars read model of the same schema.
      create table {{schema}}.kpi_calendar_zones (
        equipment_id text primary key,
        version integer not null,
        time_zone text not null
      );
      insert into {{schema}}.kpi_calendar_zones (equipment_id, version, time_zone)
        select equipment_id, version, calendar->>'timeZone' from {{schema}}.work_calendars where calendar->>'timeZone' is not null;
      -- The zone each scope's day rows are cut in (no row: the scope has no day rows yet).
      create table {{schema}}.kpi_scope_zones (
        scope_id text primary key,
        time_zone text not null
      )
    `,
  },
];

export const DAY_GRAIN_MINUTES = 1440;

/** Takes the zone lock for this transaction: shared to write rollup rows, exclusive to build day rows. */
export async function lockDayZones(tx: SqlClient, schema: string, mode: 'shared' | 'exclusive'): Promise<void> {
  await tx.query(mode === 'shared' ? `select pg_advisory_xact_lock_shared(hashtext($1))` : `select pg_advisory_xact_lock(hashtext($1))`, [`kpi-day-zones/${schema}`]);
}

/**
 * Local days of time zones, as the KPI buckets cut them (`calendarBuckets`: the same ZoneClock). The day
 * last found per zone is remembered, so walking through time in order costs one look-up per day.
 */
export class LocalDays {
  private readonly clocks = new Map<string, ZoneClock>();
  private readonly last = new Map<string, { start: number; end: number }>();

  /** The local day holding `at`: [start, end). */
  dayOf(timeZone: string, at: number): { start: number; end: number } {
    const last = this.last.get(timeZone);
    if (last && at >= last.start && at < last.end) return last;
    let clock = this.clocks.get(timeZone);
    if (!clock) {
      clock = new ZoneClock(timeZone);
      this.clocks.set(timeZone, clock);
    }
    const day = clock.dayNumberOf(at);
    const found = { start: clock.toInstant(day * DAY_MS), end: clock.toInstant((day + 1) * DAY_MS) };
    this.last.set(timeZone, found);
    return found;
  }

  /** The first instant of the local day holding `at`. */
  startOf(timeZone: string, at: number): number {
    return this.dayOf(timeZone, at).start;
  }

  /** The first instant of the local day after the one holding `at`. */
  nextStartOf(timeZone: string, at: number): number {
    return this.dayOf(timeZone, at).end;
  }
}

/** Which scopes have day rows, in which zone: a writer's view, read under the shared zone lock. */
export class DayCutter {
  private constructor(
    private readonly zones: ReadonlyMap<string, string>,
    private readonly days: LocalDays,
  ) {}

  static async load(tx: SqlClient, s: string, scopes: Iterable<string>, days = new LocalDays()): Promise<DayCutter> {
    const rows = await tx.query<{ scope_id: string; time_zone: string }>(`select scope_id, time_zone from ${s}.kpi_scope_zones where scope_id = any($1::text[])`, [
      [...new Set(scopes)],
    ]);
    return new DayCutter(new Map(rows.map((row) => [row.scope_id, row.time_zone])), days);
  }

  /** The day row an instant (a 15-minute bucket's start, a count's time) of the scope adds to; undefined when the scope has none. */
  dayOf(scope: string, bucket: number): number | undefined {
    const zone = this.zones.get(scope);
    return zone === undefined ? undefined : this.days.startOf(zone, bucket);
  }
}

type CalendarFact = Extract<ProductionFact, { type: 'WorkCalendarDefined' }>;

/**
 * Keeps the calendars' zones and takes the zone row from every scope whose zone is no longer the one its
 * day rows were cut in (they stop being written; `KpiDayRollups` builds them again). Answers whether any
 * scope lost its zone row or has none yet, that is whether a build is due.
 */
export async function keepDayZones(tx: SqlClient, s: string, facts: readonly ProductionFact[]): Promise<boolean> {
  // The latest version of each equipment's calendar in the batch: one row each for the upsert.
  const latest = new Map<string, CalendarFact>();
  for (const fact of facts) {
    if (fact.type !== 'WorkCalendarDefined') continue;
    const known = latest.get(fact.data.equipmentId);
    if (!known || fact.data.version > known.data.version) latest.set(fact.data.equipmentId, fact);
  }
  const calendars = [...latest.values()];
  if (calendars.length > 0) {
    await tx.query(
      `insert into ${s}.kpi_calendar_zones as k (equipment_id, version, time_zone)
       select * from unnest($1::text[], $2::int4[], $3::text[])
       on conflict (equipment_id) do update set version = excluded.version, time_zone = excluded.time_zone where excluded.version > k.version`,
      [calendars.map((f) => f.data.equipmentId), calendars.map((f) => f.data.version), calendars.map((f) => f.data.calendar.timeZone)],
    );
  }
  if (calendars.length === 0 && !facts.some((fact) => fact.type === 'EquipmentDefined')) return false;
  await tx.query(`delete from ${s}.kpi_scope_zones z using (${desiredZones(s)}) d where d.scope_id = z.scope_id and d.time_zone <> z.time_zone`);
  return true;
}

/** Each known scope's zone: its own calendar's, else its site's (the second element of its path), else UTC. */
export function desiredZones(s: string): string {
  return `select p.equipment_id as scope_id, coalesce(own.time_zone, site.time_zone, 'UTC') as time_zone
            from ${s}.kpi_equipment_paths p
            left join ${s}.kpi_calendar_zones own on own.equipment_id = p.equipment_id
            left join ${s}.kpi_calendar_zones site on site.equipment_id = p.path[2]`;
}
