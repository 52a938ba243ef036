import { ident, type SqlClient } from '@quadrant/database';
import type { JobOrderRecord } from '../job-orders/job-orders.projection';
import { isoOf, isoOrNull } from '../sql-values';
import { dispatchListOf, type DispatchListEntryRecord } from './dispatch-list.projection';

interface DispatchListRow {
  work_unit_id: string;
  job_order_id: string;
  segment_id: string;
  segment_name: string;
  priority: number;
  due_at: unknown;
  dispatched_at: unknown;
  startable: boolean;
}

const COLUMNS = 'work_unit_id, job_order_id, segment_id, segment_name, priority, due_at, dispatched_at, startable';

function toRecord(row: DispatchListRow): DispatchListEntryRecord {
  return {
    workUnitId: row.work_unit_id,
    jobOrderId: row.job_order_id,
    segmentId: row.segment_id,
    segmentName: row.segment_name,
    priority: Number(row.priority),
    dueAt: isoOrNull(row.due_at),
    dispatchedAt: isoOf(row.dispatched_at),
    startable: row.startable,
  };
}

/** Replaces the entries of the job orders a batch changed: two statements, however many there are. */
export async function applyBatchToDispatchList(tx: SqlClient, schema: string, jobOrders: readonly JobOrderRecord[]): Promise<void> {
  if (jobOrders.length === 0) return;
  const s = ident(schema);
  await tx.query(`delete from ${s}.job_order_dispatch_list where job_order_id = any($1::text[])`, [jobOrders.map((job) => job.jobOrderId)]);
  const params: unknown[] = [];
  const values = jobOrders.flatMap(dispatchListOf).map((e) => {
    const first = params.length;
    params.push(e.workUnitId, e.jobOrderId, e.segmentId, e.segmentName, e.priority, e.dueAt, e.dispatchedAt, e.startable);
    return `($${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5}::int, $${first + 6}::timestamptz, $${first + 7}::timestamptz, $${first + 8}::boolean)`;
  });
  if (values.length === 0) return;
  await tx.query(`insert into ${s}.job_order_dispatch_list (${COLUMNS}) values ${values.join(', ')}`, params);
}

export class DispatchListQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  /** What the work unit should run next, first to run first: most urgent, then soonest due, then longest waiting. */
  async forWorkUnit(workUnitId: string): Promise<DispatchListEntryRecord[]> {
    const rows = await this.db.query<DispatchListRow>(
      `select ${COLUMNS} from ${this.s}.job_order_dispatch_list where work_unit_id = $1
       order by priority, due_at asc nulls last, dispatched_at, job_order_id, segment_id`,
      [workUnitId],
    );
    return rows.map(toRecord);
  }
}
