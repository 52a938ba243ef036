import type { WorkUnitState } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { ProductionFact } from '../production-facts';
import { isoOf } from '../sql-values';
import { projectWorkUnitStateTimeline, type WorkUnitStateChangeRecord } from './work-unit-state-timeline.projection';

interface TimelineRow {
  event_id: string;
  work_unit_id: string;
  state: WorkUnitState;
  previous_state: WorkUnitState;
  since: unknown;
  reason_code: string | null;
  reason_text: string | null;
  stream_position: number;
}

const COLUMNS = 'event_id, work_unit_id, state, previous_state, since, reason_code, reason_text, stream_position';

function toRecord(row: TimelineRow): WorkUnitStateChangeRecord {
  return {
    eventId: row.event_id,
    workUnitId: row.work_unit_id,
    state: row.state,
    previousState: row.previous_state,
    since: isoOf(row.since),
    reasonCode: row.reason_code,
    reasonText: row.reason_text,
    streamPosition: Number(row.stream_position),
  };
}

/** A batch's state changes in one statement. */
export async function applyBatchToWorkUnitStateTimeline(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<void> {
  const params: unknown[] = [];
  const values: string[] = [];
  for (const fact of facts) {
    const outcome = projectWorkUnitStateTimeline(fact);
    if (!('write' in outcome)) continue;
    const c = outcome.write;
    const first = params.length;
    params.push(c.eventId, c.workUnitId, c.state, c.previousState, c.since, c.reasonCode, c.reasonText, c.streamPosition);
    values.push(`($${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5}::timestamptz, $${first + 6}, $${first + 7}, $${first + 8}::int)`);
  }
  if (values.length === 0) return;
  await tx.query(`insert into ${ident(schema)}.work_unit_state_timeline (${COLUMNS}) values ${values.join(', ')} on conflict do nothing`, params);
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

  /** The most recent `last` changes with `since` in [from, to), oldest first. */
  async history(workUnitId: string, window: HistoryWindow): Promise<WorkUnitStateChangeRecord[]> {
    const rows = await this.db.query<TimelineRow>(
      `select * from (
         select ${COLUMNS} from ${this.s}.work_unit_state_timeline
         where work_unit_id = $1 and ($2::timestamptz is null or since >= $2::timestamptz) and ($3::timestamptz is null or since < $3::timestamptz)
         order by since desc, stream_position desc limit $4
       ) recent order by since, stream_position`,
      [workUnitId, window.from, window.to, window.last],
    );
    return rows.map(toRecord);
  }
}
