import type { WorkUnitState } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { Projected, ProductionFact } from '../production-facts';
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

export async function applyToWorkUnitStateTimeline(tx: SqlClient, schema: string, fact: ProductionFact): Promise<Projected<WorkUnitStateChangeRecord>> {
  const outcome = projectWorkUnitStateTimeline(fact);
  if ('write' in outcome) {
    const c = outcome.write;
    await tx.query(
      `insert into ${ident(schema)}.work_unit_state_timeline (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
      [c.eventId, c.workUnitId, c.state, c.previousState, c.since, c.reasonCode, c.reasonText, c.streamPosition],
    );
  }
  return outcome;
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
