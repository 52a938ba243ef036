import type { JobOrderStatus } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { ProductionFact } from '../production-facts';
import { isoOf, isoOrNull, jsonOf } from '../sql-values';
import { jobOrderKeyOf, projectJobOrder, type JobOrderRecord, type JobOrderSegmentRecord } from './job-orders.projection';

interface JobOrderRow {
  job_order_id: string;
  product_id: string;
  site_id: string;
  description: string | null;
  quantity: number;
  priority: number;
  due_at: unknown;
  status: JobOrderStatus;
  routing_version: number | null;
  created_at: unknown;
  released_at: unknown;
  started_at: unknown;
  completed_at: unknown;
  closed_at: unknown;
  aborted_at: unknown;
  good: number;
  scrap: number;
  rework: number;
  segments: unknown;
  stream_position: number;
  event_id: string;
}

const COLUMNS =
  'job_order_id, product_id, site_id, description, quantity, priority, due_at, status, routing_version, created_at, released_at, started_at, ' +
  'completed_at, closed_at, aborted_at, good, scrap, rework, segments, stream_position, event_id';
const CASTS = ['', '', '', '', '::float8', '::int', '::timestamptz', '', '::int', '::timestamptz', '::timestamptz', '::timestamptz', '::timestamptz', '::timestamptz', '::timestamptz', '::float8', '::float8', '::float8', '::jsonb', '::int', ''];
const UPDATES = COLUMNS.split(', ')
  .filter((column) => column !== 'job_order_id')
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

function toRecord(row: JobOrderRow): JobOrderRecord {
  return {
    jobOrderId: row.job_order_id,
    productId: row.product_id,
    siteId: row.site_id,
    description: row.description,
    quantity: Number(row.quantity),
    priority: Number(row.priority),
    dueAt: isoOrNull(row.due_at),
    status: row.status,
    routingVersion: row.routing_version === null ? null : Number(row.routing_version),
    createdAt: isoOf(row.created_at),
    releasedAt: isoOrNull(row.released_at),
    startedAt: isoOrNull(row.started_at),
    completedAt: isoOrNull(row.completed_at),
    closedAt: isoOrNull(row.closed_at),
    abortedAt: isoOrNull(row.aborted_at),
    good: Number(row.good),
    scrap: Number(row.scrap),
    rework: Number(row.rework),
    segments: jsonOf<JobOrderSegmentRecord[]>(row.segments),
    streamPosition: Number(row.stream_position),
    eventId: row.event_id,
  };
}

function valuesOf(j: JobOrderRecord): unknown[] {
  return [
    j.jobOrderId, j.productId, j.siteId, j.description, j.quantity, j.priority, j.dueAt, j.status, j.routingVersion, j.createdAt, j.releasedAt, j.startedAt,
    j.completedAt, j.closedAt, j.abortedAt, j.good, j.scrap, j.rework, JSON.stringify(j.segments), j.streamPosition, j.eventId,
  ];
}

/**
 * A batch's facts in one go: the job orders they touch are loaded (locked) with one query, evolved in
 * memory in order, and written back with one statement. Answers the job orders that changed, as they now
 * are, for the read models derived from them.
 */
export async function applyBatchToJobOrders(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<JobOrderRecord[]> {
  const keys = [...new Set(facts.map(jobOrderKeyOf).filter((key): key is string => key !== undefined))];
  if (keys.length === 0) return [];
  const s = ident(schema);
  const rows = await tx.query<JobOrderRow>(`select ${COLUMNS} from ${s}.job_orders where job_order_id = any($1::text[]) order by job_order_id for update`, [keys]);
  const current = new Map<string, JobOrderRecord>(rows.map((row) => [row.job_order_id, toRecord(row)]));
  const changed = new Map<string, JobOrderRecord>();
  for (const fact of facts) {
    const key = jobOrderKeyOf(fact);
    if (key === undefined) continue;
    const outcome = projectJobOrder(current.get(key) ?? null, fact);
    if ('write' in outcome) {
      current.set(key, outcome.write);
      changed.set(key, outcome.write);
    }
  }
  if (changed.size === 0) return [];
  const params: unknown[] = [];
  const values = [...changed.values()].map((job) => {
    const first = params.length;
    params.push(...valuesOf(job));
    return `(${CASTS.map((cast, index) => `$${first + index + 1}${cast}`).join(', ')})`;
  });
  await tx.query(`insert into ${s}.job_orders (${COLUMNS}) values ${values.join(', ')} on conflict (job_order_id) do update set ${UPDATES}`, params);
  return [...changed.values()];
}

export interface JobOrderFilter {
  siteId: string | null;
  statuses: readonly JobOrderStatus[] | null;
  /** Due strictly before. */
  dueBefore: string | null;
  /** Due at or after. */
  dueAfter: string | null;
  first: number;
}

export class JobOrderQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, JobOrderRecord>> {
    const rows = await this.db.query<JobOrderRow>(`select ${COLUMNS} from ${this.s}.job_orders where job_order_id = any($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.job_order_id, toRecord(row)]));
  }

  /** Soonest due first (undated last), the more urgent first among equals. */
  async list(filter: JobOrderFilter): Promise<JobOrderRecord[]> {
    const rows = await this.db.query<JobOrderRow>(
      `select ${COLUMNS} from ${this.s}.job_orders
       where ($1::text is null or site_id = $1::text) and ($2::text[] is null or status = any($2::text[]))
         and ($3::timestamptz is null or due_at < $3::timestamptz) and ($4::timestamptz is null or due_at >= $4::timestamptz)
       order by due_at asc nulls last, priority, created_at, job_order_id
       limit $5`,
      [filter.siteId, filter.statuses, filter.dueBefore, filter.dueAfter, filter.first],
    );
    return rows.map(toRecord);
  }
}
