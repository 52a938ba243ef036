import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ident, migrate, type Database } from '@quadrant/database';
import { validateKpiDefinitionOptions, type KpiDefinitionOptions } from '@quadrant/kpi';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { GraphQLError } from 'graphql';
import { GATEWAY_SCHEMA } from '../gateway-schema';
import { gatewayMigrations } from '../gateway-migrations';
import { isoOf } from '../sql-values';
import { kpiDefinitions, pathsOf, replaceUnitBuckets, unitEntries, type KpiDefinitionRow } from './kpi-elements.store';
import { unitTimeBuckets } from './unit-time-elements';

/**
 * A new KPI definition is projected beside the current one, from the state timeline the gateway holds (every
 * state change and stop-reason correction ever projected), one work unit per transaction under the same
 * per-unit lock the live projection takes; live batches keep the units already done up to date. Queries
 * answer the current definition until every unit is done; then the new one becomes current in one
 * statement, and the old one's rows are deleted. A restart resumes with the units not done yet.
 */
@Injectable()
export class KpiReprojection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KpiReprojection');
  private readonly db: Database;
  private readonly s: string;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(GATEWAY_SCHEMA) private readonly schema: string,
  ) {
    this.db = runtime.db;
    this.s = ident(schema);
  }

  async onApplicationBootstrap(): Promise<void> {
    // The projections' bootstrap migrates too; whichever comes first does it (migrations take a lock).
    await migrate(this.db, this.schema, gatewayMigrations);
    // Resume an interrupted re-projection.
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
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
    this.kick();
    const defined = (await kpiDefinitions(this.db, this.schema)).find((d) => d.version === version);
    if (!defined) throw new Error(`KPI definition ${version} vanished`);
    return defined;
  }

  /** Resolves when no re-projection is under way (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.run()
      .catch((error: unknown) => this.logger.error(`KPI re-projection stopped: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.stopping) return;
      const projecting = (await kpiDefinitions(this.db, this.schema)).find((d) => d.status === 'projecting');
      if (!projecting) return;
      const [next] = await this.db.query<{ work_unit_id: string }>(
        `select distinct t.work_unit_id from ${this.s}.kpi_unit_states t
          where not exists (select 1 from ${this.s}.kpi_reprojected_units r where r.version = $1 and r.work_unit_id = t.work_unit_id)
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

  private async projectUnit(definition: KpiDefinitionRow, unit: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext($1 || $2))`, [`kpi/${this.schema}/`, unit]);
      // Superseded meanwhile: leave it.
      const [still] = await tx.query(`select 1 from ${this.s}.kpi_definitions where version = $1 and status = 'projecting'`, [definition.version]);
      if (!still) return;
      const [span] = await tx.query<{ first: unknown; last: unknown; events: string }>(
        `select min(since) as first, max(since) as last, count(*)::text as events from ${this.s}.kpi_unit_states where work_unit_id = $1`,
        [unit],
      );
      if (!span || span.first === null || span.last === null) return;
      const first = Date.parse(isoOf(span.first));
      const last = Date.parse(isoOf(span.last));
      const range = { from: Math.floor(first / 3_600_000) * 3_600_000, to: Math.floor(last / 3_600_000) * 3_600_000 + 3_600_000 };
      const ranges = new Map([[unit, range]]);
      const entries = await unitEntries(tx, this.s, ranges);
      const paths = await pathsOf(tx, this.s, [unit]);
      const buckets = unitTimeBuckets(entries.get(unit) ?? [], range.from, range.to, definition.minorStopThresholdSeconds);
      await replaceUnitBuckets(tx, this.s, definition.version, ranges, new Map([[unit, buckets]]), paths);
      await tx.query(`insert into ${this.s}.kpi_reprojected_units (version, work_unit_id) values ($1, $2) on conflict do nothing`, [definition.version, unit]);
      await tx.query(`update ${this.s}.kpi_definitions set processed_units = processed_units + 1, processed_events = processed_events + $2 where version = $1`, [
        definition.version,
        Number(span.events),
      ]);
    });
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
    this.logger.log(`KPI definition ${version} is current`);
  }
}
