import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ident, type Database } from '@quadrant/database';
import { validateKpiDefinitionOptions, type KpiDefinitionOptions } from '@quadrant/kpi';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { GraphQLError } from 'graphql';
import { GATEWAY_SCHEMA } from '../gateway-schema';
import { GatewayReadModels } from '../gateway-read-models';
import { isoOf } from '../sql-values';
import { DayCutter, lockDayZones } from './kpi-day-rollups';
import { BackgroundRun } from './background-run';
import { kpiDefinitions, pathsOf, replaceUnitBuckets, unitEntries, type KpiDefinitionRow } from './kpi-elements.store';
import { unitTimeBuckets } from './unit-time-elements';

const HOUR_MS = 3_600_000;
/** A unit's history is re-projected a week per transaction. */
const WINDOW_MS = 7 * 24 * HOUR_MS;
/** The rollups are vacuumed after this many units, and at the end. */
const VACUUM_EVERY_UNITS = 10;

/**
 * A new KPI definition is projected beside the current one, from the states the KPI projection holds (every
 * state change and stop-reason correction ever projected): a work unit at a time, a week of its history per
 * transaction, under the same per-unit lock the live projection takes; live batches keep what is already
 * done up to date. Queries answer the current definition until every unit is done; then the new one becomes
 * current in one statement, and the old one's rows are deleted. A restart resumes where it stopped.
 */
@Injectable()
export class KpiReprojection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KpiReprojection');
  private readonly db: Database;
  private readonly s: string;
  private readonly runs = new BackgroundRun(
    () => this.run(),
    (error) => this.logger.error(`KPI re-projection stopped: ${error instanceof Error ? error.message : String(error)}`),
  );

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(GATEWAY_SCHEMA) private readonly schema: string,
    private readonly readModels: GatewayReadModels,
  ) {
    this.db = runtime.db;
    this.s = ident(schema);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.readModels.ready();
    // Resume an interrupted re-projection.
    this.runs.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runs.stop();
  }

  /** Defines the next version and starts projecting it; a definition still being projected is superseded. */
  async define(options: KpiDefinitionOptions): Promise<KpiDefinitionRow> {
    const problems = validateKpiDefinitionOptions(options);
    if (problems.length > 0) {
      throw new GraphQLError(`invalid KPI definition: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { extensions: { code: 'BAD_USER_INPUT', problems } });
    }
    const version = await this.db.transaction(async (tx) => {
      await tx.query(`lock table ${this.s}.kpi_definitions in exclusive mode`);
      await tx.query(`update ${this.s}.kpi_definitions set status = 'retired' where status = 'projecting'`);
      const [row] = await tx.query<{ version: number }>(
        `insert into ${this.s}.kpi_definitions (version, minor_stop_threshold_seconds, setup_is_availability_loss, status, total_units, total_events)
         select coalesce(max(version), 0) + 1, $1, $2, 'projecting',
                (select count(distinct work_unit_id) from ${this.s}.kpi_unit_states),
                (select count(*) from ${this.s}.kpi_unit_states)
           from ${this.s}.kpi_definitions
         returning version`,
        [options.minorStopThresholdSeconds, options.setupIsAvailabilityLoss],
      );
      if (!row) throw new Error('no version was defined');
      return row.version;
    });
    this.runs.kick();
    const defined = (await kpiDefinitions(this.db, this.schema)).find((d) => d.version === version);
    if (!defined) throw new Error(`KPI definition ${version} vanished`);
    return defined;
  }

  /** Resolves when no re-projection is under way (for tests and shutdown). */
  settled(): Promise<void> {
    return this.runs.settled();
  }

  private async run(): Promise<void> {
    for (let units = 0; ; units++) {
      if (this.runs.stopping) return;
      if (units > 0 && units % VACUUM_EVERY_UNITS === 0) await this.vacuum();
      const projecting = (await kpiDefinitions(this.db, this.schema)).find((d) => d.status === 'projecting');
      if (!projecting) return;
      const [next] = await this.db.query<{ work_unit_id: string }>(
        `select distinct t.work_unit_id from ${this.s}.kpi_unit_states t
          where not exists (select 1 from ${this.s}.kpi_reprojected_units r where r.version = $1 and r.work_unit_id = t.work_unit_id and r.up_to = 'infinity')
          order by t.work_unit_id limit 1`,
        [projecting.version],
      );
      if (!next) {
        await this.complete(projecting.version);
        continue;
      }
      await this.projectUnit(projecting, next.work_unit_id);
    }
  }

  /**
   * One unit, a window of its history per transaction: a transaction stays short (it would hold back every
   * global-log reader of the database cluster), and live batches keep the part already done up to date.
   */
  private async projectUnit(definition: KpiDefinitionRow, unit: string): Promise<void> {
    for (let finished = false; !finished && !this.runs.stopping; ) {
      finished = await this.db.transaction(async (tx) => {
        await lockDayZones(tx, this.schema, 'shared');
        await tx.query(`select pg_advisory_xact_lock(hashtext($1 || $2))`, [`kpi/${this.schema}/`, unit]);
        // Superseded meanwhile: leave it.
        const [still] = await tx.query(`select 1 from ${this.s}.kpi_definitions where version = $1 and status = 'projecting'`, [definition.version]);
        if (!still) return true;
        const [span] = await tx.query<{ first: unknown; last: unknown; up_to_ms: number | null }>(
          `select min(since) as first, max(since) as last,
                  (select extract(epoch from up_to)::float8 * 1000 from ${this.s}.kpi_reprojected_units where version = $2 and work_unit_id = $1) as up_to_ms
             from ${this.s}.kpi_unit_states where work_unit_id = $1`,
          [unit, definition.version],
        );
        if (!span || span.first === null || span.last === null) return true;
        const end = Math.floor(Date.parse(isoOf(span.last)) / HOUR_MS) * HOUR_MS + HOUR_MS;
        const from = span.up_to_ms === null ? Math.floor(Date.parse(isoOf(span.first)) / HOUR_MS) * HOUR_MS : Number(span.up_to_ms);
        if (from >= end) return true;
        const range = { from, to: Math.min(end, from + WINDOW_MS) };
        const ranges = new Map([[unit, range]]);
        // One query at a time: they share the transaction's connection.
        const entries = await unitEntries(tx, this.s, ranges);
        const paths = await pathsOf(tx, this.s, [unit]);
        const [counted] = await tx.query<{ n: string }>(`select count(*)::text as n from ${this.s}.kpi_unit_states where work_unit_id = $1 and since >= $2 and since < $3`, [
          unit,
          new Date(range.from).toISOString(),
          new Date(range.to).toISOString(),
        ]);
        const buckets = unitTimeBuckets(entries.get(unit) ?? [], range.from, range.to, definition.minorStopThresholdSeconds);
        const days = await DayCutter.load(tx, this.s, [...paths.values()].flat());
        await replaceUnitBuckets(tx, this.s, definition.version, ranges, new Map([[unit, buckets]]), paths, days);
        const done = range.to >= end;
        await tx.query(
          `insert into ${this.s}.kpi_reprojected_units (version, work_unit_id, up_to) values ($1, $2, $3)
           on conflict (version, work_unit_id) do update set up_to = excluded.up_to`,
          [definition.version, unit, done ? 'infinity' : new Date(range.to).toISOString()],
        );
        await tx.query(`update ${this.s}.kpi_definitions set processed_units = processed_units + $3, processed_events = processed_events + $2 where version = $1`, [
          definition.version,
          Number(counted?.n ?? 0),
          done ? 1 : 0,
        ]);
        return done;
      });
    }
  }

  /** The new version becomes current; the old one's rows go. */
  private async complete(version: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`lock table ${this.s}.kpi_definitions in exclusive mode`);
      const [still] = await tx.query(`select 1 from ${this.s}.kpi_definitions where version = $1 and status = 'projecting'`, [version]);
      if (!still) return;
      await tx.query(`update ${this.s}.kpi_definitions set status = 'retired' where status = 'current'`);
      await tx.query(`update ${this.s}.kpi_definitions set status = 'current' where version = $1`, [version]);
    });
    for (const table of ['kpi_scope_time', 'kpi_scope_reasons', 'kpi_reprojected_units']) {
      await this.db.query(`delete from ${this.s}.${table} where version in (select version from ${this.s}.kpi_definitions where status = 'retired')`);
    }
    await this.vacuum();
    this.logger.log(`KPI definition ${version} is current`);
  }

  /**
   * A re-projection adds to every scope's rollup rows thousands of times, each a new row version, then
   * deletes the old definition's rows. Without a vacuum between, each next upsert and query wades through
   * the dead versions: on a PostgreSQL without autovacuum (PGlite has none; some servers turn it off), a
   * year's re-projection slowed from 2,900 to 700 events/s. With autovacuum this is the same work, early.
   */
  private async vacuum(): Promise<void> {
    try {
      await this.db.query(`vacuum (analyze) ${this.s}.kpi_scope_time, ${this.s}.kpi_scope_reasons, ${this.s}.kpi_reprojected_units`);
    } catch (error) {
      this.logger.warn(`vacuuming the KPI rollups failed (the re-projection goes on): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
