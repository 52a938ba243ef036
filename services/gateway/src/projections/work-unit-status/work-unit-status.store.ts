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

/** Loads the work unit's row, evolves it, writes it back: inside the inbox consumer's transaction. */
export async function applyToWorkUnitStatus(tx: SqlClient, schema: string, fact: ProductionFact): Promise<Projected<WorkUnitStatusRecord> | undefined> {
  const key = workUnitStatusKeyOf(fact);
  if (key === undefined) return undefined;
  const s = ident(schema);
  const [row] = await tx.query<WorkUnitStatusRow>(`select ${COLUMNS} from ${s}.work_unit_status where work_unit_id = $1 for update`, [key]);
  const outcome = projectWorkUnitStatus(row ? toRecord(row) : null, fact);
  if ('write' in outcome) {
    const w = outcome.write;
    await tx.query(
      `insert into ${s}.work_unit_status (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (work_unit_id) do update set state = excluded.state, since = excluded.since, reason_code = excluded.reason_code,
         reason_text = excluded.reason_text, path = excluded.path, stream_position = excluded.stream_position, event_id = excluded.event_id`,
      [w.workUnitId, w.state, w.since, w.reasonCode, w.reasonText, w.path, w.streamPosition, w.eventId],
    );
  }
  return outcome;
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
