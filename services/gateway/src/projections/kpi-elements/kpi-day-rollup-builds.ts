import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ident, type Database } from '@quadrant/database';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { GATEWAY_SCHEMA } from '../gateway-schema';
import { GatewayReadModels } from '../gateway-read-models';
import { isoOf } from '../sql-values';
import { BackgroundRun } from './background-run';
import { DAY_GRAIN_MINUTES, desiredZones, LocalDays, lockDayZones } from './kpi-day-rollups';

/** Scopes built per pass. */
const BUILD_BATCH = 50;

/**
 * Builds the day rows of the scopes that have none in their zone: at start (scopes from before daily
 * rollups, or whose zone changed while no gateway ran the build), and after each batch that defined
 * equipment or a calendar. One scope per transaction, under the exclusive zone lock, from its 15-minute
 * rows of every definition version.
 */
@Injectable()
export class KpiDayRollups implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KpiDayRollups');
  private readonly db: Database;
  private readonly s: string;
  private readonly runs = new BackgroundRun(
    () => this.run(),
    (error) => this.logger.error(`building daily KPI rollups stopped: ${error instanceof Error ? error.message : String(error)}`),
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
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runs.stop();
  }

  /** Looks for scopes to build (again once the current pass ends, if one is under way). */
  kick(): void {
    this.runs.kick();
  }

  /** Resolves when no build is under way (for tests and shutdown). */
  settled(): Promise<void> {
    return this.runs.settled();
  }

  private async run(): Promise<void> {
    let built = 0;
    for (;;) {
      if (this.runs.stopping) return;
      const due = await this.db.query<{ scope_id: string }>(
        `select d.scope_id from (${desiredZones(this.s)}) d left join ${this.s}.kpi_scope_zones z on z.scope_id = d.scope_id
          where z.time_zone is distinct from d.time_zone order by d.scope_id limit ${BUILD_BATCH}`,
      );
      if (due.length === 0) break;
      for (const { scope_id } of due) {
        if (this.runs.stopping) return;
        await this.build(scope_id);
        built++;
      }
    }
    if (built > 0) this.logger.log(`daily KPI rollups built for ${built} scope(s)`);
  }

  /** The scope's day rows from its 15-minute rows, in the zone it has now; then its zone row. */
  private async build(scope: string): Promise<void> {
    const s = this.s;
    await this.db.transaction(async (tx) => {
      await lockDayZones(tx, this.schema, 'exclusive');
      const [desired] = await tx.query<{ time_zone: string }>(`select d.time_zone from (${desiredZones(s)}) d where d.scope_id = $1`, [scope]);
      if (!desired) return;
      const zone = desired.time_zone;
      const days = new LocalDays();
      const time = await tx.query<{ version: number; bucket: unknown; apt: number; asut: number; adet: number; adot: number; fe: number; ttr: number }>(
        `select version, bucket, apt, asut, adet, adot, fe, ttr from ${s}.kpi_scope_time where scope_id = $1 and grain_minutes = 15 order by version, bucket`,
        [scope],
      );
      const timeDays = new Map<string, { version: number; day: number; e: number[] }>();
      for (const row of time) {
        const day = days.startOf(zone, Date.parse(isoOf(row.bucket)));
        const key = `${row.version}/${day}`;
        const sum = timeDays.get(key) ?? { version: row.version, day, e: [0, 0, 0, 0, 0, 0] };
        [row.apt, row.asut, row.adet, row.adot, row.fe, row.ttr].forEach((value, i) => (sum.e[i] = (sum.e[i] ?? 0) + Number(value)));
        timeDays.set(key, sum);
      }
      const counts = await tx.query<{ bucket: unknown; pri_pq: number; pq: number; gq: number; sq: number; rq: number }>(
        `select bucket, pri_pq, pq, gq, sq, rq from ${s}.kpi_scope_counts where scope_id = $1 and grain_minutes = 15 order by bucket`,
        [scope],
      );
      const countDays = new Map<number, number[]>();
      for (const row of counts) {
        const day = days.startOf(zone, Date.parse(isoOf(row.bucket)));
        const sum = countDays.get(day) ?? [0, 0, 0, 0, 0];
        [row.pri_pq, row.pq, row.gq, row.sq, row.rq].forEach((value, i) => (sum[i] = (sum[i] ?? 0) + Number(value)));
        countDays.set(day, sum);
      }
      await tx.query(`delete from ${s}.kpi_scope_time where scope_id = $1 and grain_minutes = ${DAY_GRAIN_MINUTES}`, [scope]);
      await tx.query(`delete from ${s}.kpi_scope_counts where scope_id = $1 and grain_minutes = ${DAY_GRAIN_MINUTES}`, [scope]);
      const t = [...timeDays.values()];
      if (t.length > 0) {
        await tx.query(
          `insert into ${s}.kpi_scope_time (version, scope_id, grain_minutes, bucket, apt, asut, adet, adot, fe, ttr)
           select v, $2, ${DAY_GRAIN_MINUTES}, b, apt, asut, adet, adot, fe, ttr
             from unnest($1::int4[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::int4[], $9::float8[]) as x(v, b, apt, asut, adet, adot, fe, ttr)`,
          [t.map((d) => d.version), scope, t.map((d) => new Date(d.day).toISOString()), ...[0, 1, 2, 3, 4, 5].map((i) => t.map((d) => d.e[i] ?? 0))],
        );
      }
      const c = [...countDays.entries()];
      if (c.length > 0) {
        await tx.query(
          `insert into ${s}.kpi_scope_counts (scope_id, grain_minutes, bucket, pri_pq, pq, gq, sq, rq)
           select $1, ${DAY_GRAIN_MINUTES}, b, pri_pq, pq, gq, sq, rq
             from unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[]) as x(b, pri_pq, pq, gq, sq, rq)`,
          [scope, c.map(([day]) => new Date(day).toISOString()), ...[0, 1, 2, 3, 4].map((i) => c.map(([, sum]) => sum[i] ?? 0))],
        );
      }
      await tx.query(
        `insert into ${s}.kpi_scope_zones (scope_id, time_zone) values ($1, $2) on conflict (scope_id) do update set time_zone = excluded.time_zone`,
        [scope, zone],
      );
    });
  }
}
