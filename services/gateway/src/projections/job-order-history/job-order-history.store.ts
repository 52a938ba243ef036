import { ident, type SqlClient } from '@quadrant/database';
import type { ProductionFact } from '../production-facts';
import { isoOf, jsonOf } from '../sql-values';
import { projectJobOrderHistory, type JobOrderHistoryRecord } from './job-order-history.projection';

interface HistoryRow {
  event_id: string;
  job_order_id: string;
  stream_position: number;
  type: string;
  summary: string;
  occurred_at: unknown;
  actor: string | null;
  correlation_id: string | null;
  reason_code: string | null;
  data: unknown;
}

const COLUMNS = 'event_id, job_order_id, stream_position, type, summary, occurred_at, actor, correlation_id, reason_code, data';

function toRecord(row: HistoryRow): JobOrderHistoryRecord {
  return {
    eventId: row.event_id,
    jobOrderId: row.job_order_id,
    streamPosition: Number(row.stream_position),
    type: row.type,
    summary: row.summary,
    occurredAt: isoOf(row.occurred_at),
    actor: row.actor,
    correlationId: row.correlation_id,
    reasonCode: row.reason_code,
    data: jsonOf<Record<string, unknown>>(row.data),
  };
}

/** A batch's job order events in one statement; a redelivered one collides with its event id or position and is dropped. */
export async function applyBatchToJobOrderHistory(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<void> {
  const params: unknown[] = [];
  const values: string[] = [];
  for (const fact of facts) {
    const outcome = projectJobOrderHistory(fact);
    if (!('write' in outcome)) continue;
    const h = outcome.write;
    const first = params.length;
    params.push(h.eventId, h.jobOrderId, h.streamPosition, h.type, h.summary, h.occurredAt, h.actor, h.correlationId, h.reasonCode, JSON.stringify(h.data));
    values.push(
      `($${first + 1}, $${first + 2}, $${first + 3}::int, $${first + 4}, $${first + 5}, $${first + 6}::timestamptz, $${first + 7}, $${first + 8}, $${first + 9}, $${first + 10}::jsonb)`,
    );
  }
  if (values.length === 0) return;
  await tx.query(`insert into ${ident(schema)}.job_order_history (${COLUMNS}) values ${values.join(', ')} on conflict do nothing`, params);
}

export class JobOrderHistoryQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  /** Each job order's events in stream order. */
  async forJobOrders(ids: readonly string[]): Promise<Map<string, JobOrderHistoryRecord[]>> {
    const rows = await this.db.query<HistoryRow>(
      `select ${COLUMNS} from ${this.s}.job_order_history where job_order_id = any($1::text[]) order by job_order_id, stream_position`,
      [ids],
    );
    const histories = new Map<string, JobOrderHistoryRecord[]>();
    for (const row of rows) {
      const history = histories.get(row.job_order_id) ?? [];
      history.push(toRecord(row));
      histories.set(row.job_order_id, history);
    }
    return histories;
  }
}
