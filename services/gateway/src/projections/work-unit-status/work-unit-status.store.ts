import type { WorkUnitState } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { Projected, ProductionFact } from '../production-facts';
import { isoOf } from '../sql-values';
import { projectWorkUnitStatus, workUnitStatusKeyOf, type WorkUnitStatusRecord } from './work-unit-status.projection';

interface WorkUnitStatusRow {
  work_unit_id: string;
  state: WorkUnitState;
  since: unknown;
  reason_code: string | null;
  reason_text: string | null;
  path: string[];
  stream_position: number;
  event_id: string;
}

const COLUMNS = 'work_unit_id, state, since, reason_code, reason_text, path, stream_position, event_id';

function toRecord(row: WorkUnitStatusRow): WorkUnitStatusRecord {
  return {
    workUnitId: row.work_unit_id,
    state: row.state,
    since: isoOf(row.since),
    reasonCode: row.reason_code,
    reasonText: row.reason_text,
    path: row.path,
    streamPosition: Number(row.stream_position),
    eventId: row.event_id,
  };
}

/**
 * A batch's facts in one go: the affected rows are loaded (locked) with one query, evolved in memory in
 * order, and the last state of each work unit written back with one statement. Answers each fact's
 * outcome, in order, for the subscription feed.
 */
export async function applyBatchToWorkUnitStatus(
  tx: SqlClient,
  schema: string,
  facts: readonly ProductionFact[],
): Promise<(Projected<WorkUnitStatusRecord> | undefined)[]> {
  const keys = [...new Set(facts.map(workUnitStatusKeyOf).filter((key): key is string => key !== undefined))];
  if (keys.length === 0) return facts.map(() => undefined);
  const s = ident(schema);
  const rows = await tx.query<WorkUnitStatusRow>(
    `select ${COLUMNS} from ${s}.work_unit_status where work_unit_id = any($1::text[]) order by work_unit_id for update`,
    [keys],
  );
  const current = new Map<string, WorkUnitStatusRecord | null>(rows.map((row) => [row.work_unit_id, toRecord(row)]));
  const changed = new Map<string, WorkUnitStatusRecord>();
  const outcomes = facts.map((fact) => {
    const key = workUnitStatusKeyOf(fact);
    if (key === undefined) return undefined;
    const outcome = projectWorkUnitStatus(current.get(key) ?? null, fact);
    if ('write' in outcome) {
      current.set(key, outcome.write);
      changed.set(key, outcome.write);
    }
    return outcome;
  });
  if (changed.size > 0) {
    const params: unknown[] = [];
    const values = [...changed.values()].map((w) => {
      const first = params.length;
      params.push(w.workUnitId, w.state, w.since, w.reasonCode, w.reasonText, w.path, w.streamPosition, w.eventId);
      return `($${first + 1}, $${first + 2}, $${first + 3}::timestamptz, $${first + 4}, $${first + 5}, $${first + 6}::text[], $${first + 7}::int, $${first + 8})`;
    });
    await tx.query(
      `insert into ${s}.work_unit_status (${COLUMNS}) values ${values.join(', ')}
       on conflict (work_unit_id) do update set state = excluded.state, since = excluded.since, reason_code = excluded.reason_code,
         reason_text = excluded.reason_text, path = excluded.path, stream_position = excluded.stream_position, event_id = excluded.event_id`,
      params,
    );
  }
  return outcomes;
}

export class WorkUnitStatusQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  async byWorkUnitIds(ids: readonly string[]): Promise<Map<string, WorkUnitStatusRecord>> {
    const rows = await this.db.query<WorkUnitStatusRow>(`select ${COLUMNS} from ${this.s}.work_unit_status where work_unit_id = any($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.work_unit_id, toRecord(row)]));
  }

  /** Work units at or below `scope` (all when null), in hierarchy order, optionally only in `states`. */
  async list(scope: string | null, states: readonly WorkUnitState[] | null): Promise<WorkUnitStatusRecord[]> {
    const rows = await this.db.query<WorkUnitStatusRow>(
      `select ${COLUMNS} from ${this.s}.work_unit_status
       where ($1::text is null or path @> array[$1::text]) and ($2::text[] is null or state = any($2::text[]))
       order by path`,
      [scope, states],
    );
    return rows.map(toRecord);
  }
}
