import type { OperationMove, OperationPlacement, RevisionTrigger, UnavailableWindow } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { ProductionFact } from '../production-facts';
import { isoOf, isoOrNull, jsonOf } from '../sql-values';

/** A revision as the gateway keeps it. */
export interface ScheduleRevisionRecord {
  siteId: string;
  revision: number;
  eventId: string;
  causationId: string | null;
  trigger: RevisionTrigger;
  revisedAt: string;
  horizonStart: string;
  operationCount: number;
  makespanSeconds: number;
  weightedTardinessSeconds: number;
  movedCount: number;
  unavailable: UnavailableWindow[];
}

export interface ScheduledOperationRecord {
  jobOrderId: string;
  segmentId: string;
  siteId: string;
  workUnitId: string;
  setupStart: string;
  start: string;
  end: string;
  revision: number;
  locked: boolean;
  productId: string | null;
  priority: number | null;
  dueAt: string | null;
  late: boolean;
}

interface RevisionRow {
  site_id: string;
  revision: number;
  event_id: string;
  causation_id: string | null;
  trigger: unknown;
  revised_at: unknown;
  horizon_start: unknown;
  operation_count: number;
  makespan_seconds: number;
  weighted_tardiness_seconds: number;
  moved_count: number;
  unavailable: unknown;
}

const REVISION_COLUMNS =
  'site_id, revision, event_id, causation_id, trigger, revised_at, horizon_start, operation_count, makespan_seconds, weighted_tardiness_seconds, moved_count, unavailable';

function toRevision(row: RevisionRow): ScheduleRevisionRecord {
  return {
    siteId: row.site_id,
    revision: Number(row.revision),
    eventId: row.event_id,
    causationId: row.causation_id,
    trigger: jsonOf<RevisionTrigger>(row.trigger),
    revisedAt: isoOf(row.revised_at),
    horizonStart: isoOf(row.horizon_start),
    operationCount: Number(row.operation_count),
    makespanSeconds: Number(row.makespan_seconds),
    weightedTardinessSeconds: Number(row.weighted_tardiness_seconds),
    movedCount: Number(row.moved_count),
    unavailable: jsonOf<UnavailableWindow[]>(row.unavailable),
  };
}

/**
 * Applies a batch's schedule events in order. A site's events come in stream order (one partition per
 * stream), and the inbox drops redeliveries; the revision guard keeps a replayed move from going back.
 * Answers the revisions the batch recorded, for `scheduleRevised` once committed.
 */
export async function applyBatchToWorkSchedules(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<ScheduleRevisionRecord[]> {
  const s = ident(schema);
  const recorded: ScheduleRevisionRecord[] = [];
  for (const fact of facts) {
    switch (fact.type) {
      case 'WorkScheduleRevised': {
        const d = fact.data;
        const [row] = await tx.query<RevisionRow>(
          `insert into ${s}.schedule_revisions (${REVISION_COLUMNS})
           values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12::jsonb) on conflict do nothing returning ${REVISION_COLUMNS}`,
          [d.siteId, d.revision, fact.eventId, fact.causationId ?? null, JSON.stringify(d.trigger), d.revisedAt, d.horizonStart, d.operationCount, d.makespanSeconds, d.weightedTardinessSeconds, d.moved.length, JSON.stringify(d.unavailable)],
        );
        if (!row) break;
        recorded.push(toRevision(row));
        await recordMoves(tx, s, d.siteId, d.revision, d.moved);
        break;
      }
      case 'ScheduledOperationLocked': {
        const { jobOrderId, segmentId, placement } = fact.data;
        await tx.query(
          `update ${s}.scheduled_operations set locked = true, work_unit_id = $3, setup_start = $4, start_at = $5, end_at = $6 where job_order_id = $1 and segment_id = $2`,
          [jobOrderId, segmentId, placement.workUnitId, placement.setupStart, placement.start, placement.end],
        );
        break;
      }
      case 'ScheduledOperationUnlocked':
        await tx.query(`update ${s}.scheduled_operations set locked = false where job_order_id = $1 and segment_id = $2`, [fact.data.jobOrderId, fact.data.segmentId]);
        break;
      default:
        break;
    }
  }
  return recorded;
}

/** The moves as history, and the operations where they went: two or three statements per revision. */
async function recordMoves(tx: SqlClient, s: string, siteId: string, revision: number, moved: readonly OperationMove[]): Promise<void> {
  if (moved.length === 0) return;
  await tx.query(
    `insert into ${s}.schedule_moves (site_id, revision, job_order_id, segment_id, from_placement, to_placement)
     select $1, $2, m.job_order_id, m.segment_id, m.from_placement, m.to_placement
     from jsonb_to_recordset($3::jsonb) as m(job_order_id text, segment_id text, from_placement jsonb, to_placement jsonb)
     on conflict do nothing`,
    [siteId, revision, JSON.stringify(moved.map((m) => ({ job_order_id: m.jobOrderId, segment_id: m.segmentId, from_placement: m.from, to_placement: m.to })))],
  );
  const placed = moved.flatMap((m) => (m.to ? [{ job_order_id: m.jobOrderId, segment_id: m.segmentId, ...placementColumns(m.to) }] : []));
  if (placed.length > 0) {
    await tx.query(
      `insert into ${s}.scheduled_operations (job_order_id, segment_id, site_id, work_unit_id, setup_start, start_at, end_at, revision)
       select p.job_order_id, p.segment_id, $1, p.work_unit_id, p.setup_start, p.start_at, p.end_at, $2
       from jsonb_to_recordset($3::jsonb) as p(job_order_id text, segment_id text, work_unit_id text, setup_start timestamptz, start_at timestamptz, end_at timestamptz)
       on conflict (job_order_id, segment_id) do update set work_unit_id = excluded.work_unit_id, setup_start = excluded.setup_start,
         start_at = excluded.start_at, end_at = excluded.end_at, revision = excluded.revision
       where ${s}.scheduled_operations.revision < excluded.revision`,
      [siteId, revision, JSON.stringify(placed)],
    );
  }
  const dropped = moved.filter((m) => m.to === null);
  if (dropped.length > 0) {
    await tx.query(
      `delete from ${s}.scheduled_operations o using jsonb_to_recordset($1::jsonb) as d(job_order_id text, segment_id text)
       where o.job_order_id = d.job_order_id and o.segment_id = d.segment_id and o.revision < $2`,
      [JSON.stringify(dropped.map((m) => ({ job_order_id: m.jobOrderId, segment_id: m.segmentId }))), revision],
    );
  }
}

const placementColumns = (p: OperationPlacement): { work_unit_id: string; setup_start: string; start_at: string; end_at: string } => ({
  work_unit_id: p.workUnitId,
  setup_start: p.setupStart,
  start_at: p.start,
  end_at: p.end,
});

interface OperationRow {
  job_order_id: string;
  segment_id: string;
  site_id: string;
  work_unit_id: string;
  setup_start: unknown;
  start_at: unknown;
  end_at: unknown;
  revision: number;
  locked: boolean;
  product_id: string | null;
  priority: number | null;
  due_at: unknown;
}

interface MoveRow {
  site_id: string;
  revision: number;
  job_order_id: string;
  segment_id: string;
  from_placement: unknown;
  to_placement: unknown;
}

const toMove = (row: MoveRow): OperationMove => ({
  jobOrderId: row.job_order_id,
  segmentId: row.segment_id,
  from: row.from_placement === null ? null : jsonOf<OperationPlacement>(row.from_placement),
  to: row.to_placement === null ? null : jsonOf<OperationPlacement>(row.to_placement),
});

/** A link in a causation chain, as the read models that hold the triggering events describe it. */
export interface CausationLinkRecord {
  eventId: string;
  type: string;
  occurredAt: string | null;
  summary: string;
  actor: string | null;
  correlationId: string | null;
}

export class WorkScheduleQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  /** Operations on these units overlapping [from, to), by unit then start, with their job order's labels. */
  async operations(workUnitIds: readonly string[], from: string, to: string): Promise<ScheduledOperationRecord[]> {
    const rows = await this.db.query<OperationRow>(
      `select o.job_order_id, o.segment_id, o.site_id, o.work_unit_id, o.setup_start, o.start_at, o.end_at, o.revision, o.locked,
              j.product_id, j.priority, j.due_at
       from ${this.s}.scheduled_operations o left join ${this.s}.job_orders j on j.job_order_id = o.job_order_id
       where o.work_unit_id = any($1::text[]) and o.setup_start < $3 and o.end_at > $2
       order by o.work_unit_id, o.start_at`,
      [workUnitIds, from, to],
    );
    return rows.map((row) => {
      const end = isoOf(row.end_at);
      const dueAt = isoOrNull(row.due_at);
      return {
        jobOrderId: row.job_order_id,
        segmentId: row.segment_id,
        siteId: row.site_id,
        workUnitId: row.work_unit_id,
        setupStart: isoOf(row.setup_start),
        start: isoOf(row.start_at),
        end,
        revision: Number(row.revision),
        locked: row.locked,
        productId: row.product_id,
        priority: row.priority === null ? null : Number(row.priority),
        dueAt,
        late: dueAt !== null && Date.parse(end) > Date.parse(dueAt),
      };
    });
  }

  async latestRevisions(siteId: string, last: number): Promise<ScheduleRevisionRecord[]> {
    const rows = await this.db.query<RevisionRow>(`select ${REVISION_COLUMNS} from ${this.s}.schedule_revisions where site_id = $1 order by revision desc limit $2`, [siteId, last]);
    return rows.map(toRevision);
  }

  async moves(siteId: string, revision: number, first: number): Promise<OperationMove[]> {
    const rows = await this.db.query<MoveRow>(
      `select site_id, revision, job_order_id, segment_id, from_placement, to_placement from ${this.s}.schedule_moves
       where site_id = $1 and revision = $2 order by job_order_id, segment_id limit $3`,
      [siteId, revision, first],
    );
    return rows.map(toMove);
  }

  /** Every revision that moved an operation, newest first, with the move. */
  async movesOf(jobOrderId: string, segmentId: string): Promise<{ revision: ScheduleRevisionRecord; move: OperationMove }[]> {
    const rows = await this.db.query<RevisionRow & { from_placement: unknown; to_placement: unknown }>(
      `select ${REVISION_COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')}, m.from_placement, m.to_placement
       from ${this.s}.schedule_moves m join ${this.s}.schedule_revisions r on r.site_id = m.site_id and r.revision = m.revision
       where m.job_order_id = $1 and m.segment_id = $2 order by m.revision desc`,
      [jobOrderId, segmentId],
    );
    return rows.map((row) => ({
      revision: toRevision(row),
      move: toMove({ site_id: row.site_id, revision: row.revision, job_order_id: jobOrderId, segment_id: segmentId, from_placement: row.from_placement, to_placement: row.to_placement }),
    }));
  }

  /**
   * The events a revision reacted to, as the read models recorded them: state changes from the unit's
   * timeline, job order events from their history, planned downtime from the calendar windows.
   */
  async causes(eventIds: readonly string[]): Promise<Map<string, CausationLinkRecord>> {
    if (eventIds.length === 0) return new Map();
    const rows = await this.db.query<{ event_id: string; type: string; occurred_at: unknown; summary: string; actor: string | null; correlation_id: string | null }>(
      `select event_id, 'WorkUnitStateChanged' as type, since as occurred_at,
              work_unit_id || ' ' || state || coalesce(' (' || reason_code || ')', '') || ' after ' || previous_state as summary,
              null::text as actor, null::text as correlation_id
       from ${this.s}.work_unit_state_timeline where event_id = any($1::text[])
       union all
       select event_id, type, occurred_at, summary, actor, correlation_id from ${this.s}.job_order_history where event_id = any($1::text[])
       union all
       select event_id, case when status = 'Booked' then 'PlannedDowntimeBooked' else 'PlannedDowntimeCancelled' end, coalesce(booked_at, cancelled_at),
              'planned downtime ' || window_id || ' on ' || equipment_id || coalesce(' (' || reason || ')', '') || ' ' || lower(status),
              null, null
       from ${this.s}.planned_downtime_windows where event_id = any($1::text[])`,
      [eventIds],
    );
    return new Map(
      rows.map((row) => [row.event_id, { eventId: row.event_id, type: row.type, occurredAt: isoOrNull(row.occurred_at), summary: row.summary, actor: row.actor, correlationId: row.correlation_id }]),
    );
  }
}
