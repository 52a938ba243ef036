import type { WorkUnitState } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { ProductionFact } from '../production-facts';

type StopReasonCorrection = Extract<ProductionFact, { type: 'WorkUnitStopReasonCorrected' }>;
import { isoOf } from '../sql-values';
import {
  projectStopReason,
  projectWorkUnitStateTimeline,
  stopKey,
  withStopReason,
  type StopReasonRecord,
  type WorkUnitStateChangeRecord,
} from './work-unit-state-timeline.projection';

interface TimelineRow {
  event_id: string;
  work_unit_id: string;
  state: WorkUnitState;
  previous_state: WorkUnitState;
  since: unknown;
  reason_code: string | null;
  reason_text: string | null;
  stream_position: number;
  /** From the stop's latest correction, when there is one. */
  corrected_reason_code: string | null;
  corrected_reason_text: string | null;
}

interface StopReasonRow {
  work_unit_id: string;
  since: unknown;
  state: 'Down' | 'Idle';
  reason_code: string;
  reason_text: string | null;
  corrected_at: unknown;
  stream_position: number;
  event_id: string;
}

const COLUMNS = 'event_id, work_unit_id, state, previous_state, since, reason_code, reason_text, stream_position';
const STOP_REASON_COLUMNS = 'work_unit_id, since, state, reason_code, reason_text, corrected_at, stream_position, event_id';

function toRecord(row: TimelineRow): WorkUnitStateChangeRecord {
  const entry: WorkUnitStateChangeRecord = {
    eventId: row.event_id,
    workUnitId: row.work_unit_id,
    state: row.state,
    previousState: row.previous_state,
    since: isoOf(row.since),
    reasonCode: row.reason_code,
    reasonText: row.reason_text,
    originalReasonCode: null,
    streamPosition: Number(row.stream_position),
  };
  const corrected = row.corrected_reason_code === null ? null : { reasonCode: row.corrected_reason_code, reasonText: row.corrected_reason_text };
  return withStopReason(entry, corrected);
}

function toStopReason(row: StopReasonRow): StopReasonRecord {
  return {
    workUnitId: row.work_unit_id,
    since: isoOf(row.since),
    state: row.state,
    reasonCode: row.reason_code,
    reasonText: row.reason_text,
    correctedAt: isoOf(row.corrected_at),
    streamPosition: Number(row.stream_position),
    eventId: row.event_id,
  };
}

/**
 * A batch's state changes in one statement (one text for every batch size, prepared once per connection,
 * the rows as column arrays), and its stop reason corrections (rare) in two more. A plain insert: the
 * consumer group's claims (inbox-claims.ts) pass over a redelivery, or any second event at a stream
 * position, before it gets here; the unique index stays as the last guard. (`on conflict do nothing` cost
 * about 10 µs a row more.)
 */
export async function applyBatchToWorkUnitStateTimeline(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<void> {
  const s = ident(schema);
  const columns: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const fact of facts) {
    const outcome = projectWorkUnitStateTimeline(fact);
    if (!('write' in outcome)) continue;
    const c = outcome.write;
    [c.eventId, c.workUnitId, c.state, c.previousState, c.since, c.reasonCode, c.reasonText, c.streamPosition].forEach((value, i) => columns[i]?.push(value));
  }
  if ((columns[0]?.length ?? 0) > 0) {
    await tx.query(
      `insert into ${s}.work_unit_state_timeline (${COLUMNS})
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::int[])`,
      columns,
      { prepareAs: `timeline-insert:${schema}` },
    );
  }
  await applyBatchToStopReasons(tx, s, facts);
}

/** The stops the batch corrects are loaded (locked) with one query, evolved in memory in order, and written back with one statement. */
async function applyBatchToStopReasons(tx: SqlClient, s: string, facts: readonly ProductionFact[]): Promise<void> {
  const corrections = facts.filter((fact): fact is StopReasonCorrection => fact.type === 'WorkUnitStopReasonCorrected');
  if (corrections.length === 0) return;
  const stops = corrections.map((fact) => fact.data);
  const rows = await tx.query<StopReasonRow>(
    `select ${STOP_REASON_COLUMNS} from ${s}.work_unit_stop_reasons
     where (work_unit_id, since) in (select * from unnest($1::text[], $2::timestamptz[]))
     order by work_unit_id, since for update`,
    [stops.map((stop) => stop.workUnitId), stops.map((stop) => stop.since)],
  );
  const current = new Map<string, StopReasonRecord>(rows.map((row) => [stopKey(row.work_unit_id, isoOf(row.since)), toStopReason(row)]));
  const changed = new Map<string, StopReasonRecord>();
  for (const fact of corrections) {
    const key = stopKey(fact.data.workUnitId, fact.data.since);
    const outcome = projectStopReason(current.get(key) ?? null, fact);
    if (!('write' in outcome)) continue;
    current.set(key, outcome.write);
    changed.set(key, outcome.write);
  }
  if (changed.size === 0) return;
  const params: unknown[] = [];
  const values = [...changed.values()].map((r) => {
    const first = params.length;
    params.push(r.workUnitId, r.since, r.state, r.reasonCode, r.reasonText, r.correctedAt, r.streamPosition, r.eventId);
    return `($${first + 1}, $${first + 2}::timestamptz, $${first + 3}, $${first + 4}, $${first + 5}, $${first + 6}::timestamptz, $${first + 7}::int, $${first + 8})`;
  });
  await tx.query(
    `insert into ${s}.work_unit_stop_reasons (${STOP_REASON_COLUMNS}) values ${values.join(', ')}
     on conflict (work_unit_id, since) do update set state = excluded.state, reason_code = excluded.reason_code, reason_text = excluded.reason_text,
       corrected_at = excluded.corrected_at, stream_position = excluded.stream_position, event_id = excluded.event_id`,
    params,
  );
}

export interface HistoryWindow {
  from: string | null;
  to: string | null;
  last: number;
}

export class WorkUnitStateTimelineQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  /** The most recent `last` changes with `since` in [from, to), oldest first, each stop with its latest reason. */
  async history(workUnitId: string, window: HistoryWindow): Promise<WorkUnitStateChangeRecord[]> {
    const rows = await this.db.query<TimelineRow>(
      `select * from (
         select ${COLUMNS.split(', ').map((column) => `t.${column}`).join(', ')}, r.reason_code as corrected_reason_code, r.reason_text as corrected_reason_text
         from ${this.s}.work_unit_state_timeline t
         left join ${this.s}.work_unit_stop_reasons r on r.work_unit_id = t.work_unit_id and r.since = t.since and r.state = t.state
         where t.work_unit_id = $1 and ($2::timestamptz is null or t.since >= $2::timestamptz) and ($3::timestamptz is null or t.since < $3::timestamptz)
         order by t.since desc, t.stream_position desc limit $4
       ) recent order by since, stream_position`,
      [workUnitId, window.from, window.to, window.last],
    );
    return rows.map(toRecord);
  }
}
