import { ident, migrate, type Database, type Migration } from '@quadrant/database';
import { eventStoreMigrations } from '@quadrant/event-sourcing';
import type { CounterBaselines, CounterName } from '@quadrant/sparkplug';

/** Cumulative counter totals as kept: decimal strings, by counter. */
export type CounterTotals = Partial<Record<CounterName, string>>;

/**
 * Where the totals of a booked count live: the metadata of its `ProductionReported` event, appended in the
 * same statement as the count, so the baseline moves exactly when the count is booked.
 */
export const TOTALS_METADATA_KEY = 'sparkplugTotals';

export interface TotalsMetadata {
  workUnitId: string;
  totals: CounterTotals;
}

/**
 * Totals of counts that were not booked (no job order running on the unit, or nothing to book): the parts
 * belong to no job order, yet the baseline must move past them. `after_position` is the event store's
 * last global position when the row was written, to tell it from a later (or earlier) booked count.
 */
const baselineMigrations: Migration[] = [
  {
    id: 'sparkplug-counter-totals-001',
    sql: `
      create table {{schema}}.sparkplug_counter_totals (
        work_unit_id text primary key,
        totals jsonb not null,
        after_position bigint not null,
        recorded_at timestamptz not null default now()
      )
    `,
  },
];

export async function migrateCounterBaselines(db: Database, schema: string): Promise<void> {
  // The event store's own migrations first (idempotent, under the schema's lock): the store may still be starting.
  await migrate(db, schema, eventStoreMigrations);
  await migrate(db, schema, baselineMigrations);
}

/**
 * The last totals per work unit: the newer of its latest booked count carrying totals and its latest
 * unbooked totals.
 */
export async function loadCounterBaselines(db: Database, schema: string): Promise<CounterBaselines> {
  const s = ident(schema);
  const rows = await db.query<{ work_unit_id: string; totals: CounterTotals; position: string; unbooked: boolean }>(
    `select work_unit_id, totals, position, false as unbooked from (
       select distinct on (metadata->'${TOTALS_METADATA_KEY}'->>'workUnitId')
              metadata->'${TOTALS_METADATA_KEY}'->>'workUnitId' as work_unit_id,
              metadata->'${TOTALS_METADATA_KEY}'->'totals' as totals,
              global_position::text as position
         from ${s}.events
        where event_type = 'ProductionReported' and metadata ? '${TOTALS_METADATA_KEY}'
        order by metadata->'${TOTALS_METADATA_KEY}'->>'workUnitId', global_position desc
     ) booked
     union all
     select work_unit_id, totals, after_position::text, true from ${s}.sparkplug_counter_totals`,
  );
  const latest = new Map<string, { totals: CounterTotals; rank: [bigint, number] }>();
  for (const row of rows) {
    // Unbooked totals are written after every booked count at or below their position: at a tie they are newer.
    const rank: [bigint, number] = [BigInt(row.position), row.unbooked ? 1 : 0];
    const current = latest.get(row.work_unit_id);
    if (!current || rank[0] > current.rank[0] || (rank[0] === current.rank[0] && rank[1] > current.rank[1])) latest.set(row.work_unit_id, { totals: row.totals, rank });
  }
  return new Map([...latest].map(([workUnitId, { totals }]) => [workUnitId, totals]));
}

/** Keeps the totals of a count that was not booked. */
export async function keepUnbookedTotals(db: Database, schema: string, workUnitId: string, totals: CounterTotals): Promise<void> {
  const s = ident(schema);
  await db.query(
    `insert into ${s}.sparkplug_counter_totals (work_unit_id, totals, after_position)
     values ($1, $2::jsonb, (select coalesce(max(global_position), 0) from ${s}.events))
     on conflict (work_unit_id) do update set totals = excluded.totals, after_position = excluded.after_position, recorded_at = now()`,
    [workUnitId, JSON.stringify(totals)],
  );
}
