import type { PublishedWorkCalendar } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { ProductionFact } from '../production-facts';
import { isoOf, isoOrNull, jsonOf } from '../sql-values';
import {
  plannedDowntimeWindowKeyOf,
  projectPlannedDowntimeWindow,
  projectWorkCalendar,
  windowKey,
  workCalendarKeyOf,
  type BookedWindow,
  type PlannedDowntimeWindowRecord,
  type WorkCalendarRecord,
} from './work-calendars.projection';

interface CalendarRow {
  equipment_id: string;
  version: number;
  calendar: unknown;
  defined_at: unknown;
  stream_position: number;
  event_id: string;
}

interface WindowRow {
  equipment_id: string;
  window_id: string;
  status: 'Booked' | 'Cancelled';
  start_at: unknown;
  end_at: unknown;
  reason: string | null;
  booked_at: unknown;
  cancelled_at: unknown;
  stream_position: number;
  event_id: string;
}

const CALENDAR_COLUMNS = 'equipment_id, version, calendar, defined_at, stream_position, event_id';
const WINDOW_COLUMNS = 'equipment_id, window_id, status, start_at, end_at, reason, booked_at, cancelled_at, stream_position, event_id';

function toCalendar(row: CalendarRow): WorkCalendarRecord {
  return {
    equipmentId: row.equipment_id,
    version: Number(row.version),
    calendar: jsonOf<PublishedWorkCalendar>(row.calendar),
    definedAt: isoOf(row.defined_at),
    streamPosition: Number(row.stream_position),
    eventId: row.event_id,
  };
}

function toWindow(row: WindowRow): PlannedDowntimeWindowRecord {
  return {
    equipmentId: row.equipment_id,
    windowId: row.window_id,
    status: row.status,
    start: isoOrNull(row.start_at),
    end: isoOrNull(row.end_at),
    reason: row.reason,
    bookedAt: isoOrNull(row.booked_at),
    cancelledAt: isoOrNull(row.cancelled_at),
    streamPosition: Number(row.stream_position),
    eventId: row.event_id,
  };
}

function keyed(facts: readonly ProductionFact[], keyOf: (fact: ProductionFact) => string | undefined): { key: string; fact: ProductionFact }[] {
  return facts.flatMap((fact) => {
    const key = keyOf(fact);
    return key === undefined ? [] : [{ key, fact }];
  });
}

async function applyCalendars(tx: SqlClient, s: string, facts: readonly ProductionFact[]): Promise<number> {
  const touched = keyed(facts, workCalendarKeyOf);
  if (touched.length === 0) return 0;
  const owners = [...new Set(touched.map(({ key }) => key))].sort();
  const rows = await tx.query<CalendarRow>(`select ${CALENDAR_COLUMNS} from ${s}.work_calendars where equipment_id = any($1::text[]) order by equipment_id for update`, [owners]);
  const current = new Map(rows.map((row) => [row.equipment_id, toCalendar(row)]));
  const changed = new Map<string, WorkCalendarRecord>();
  for (const { key, fact } of touched) {
    const outcome = projectWorkCalendar(current.get(key) ?? null, fact);
    if (!('write' in outcome)) continue;
    current.set(key, outcome.write);
    changed.set(key, outcome.write);
  }
  if (changed.size === 0) return 0;
  const params: unknown[] = [];
  const values = [...changed.values()].map((c) => {
    const first = params.length;
    params.push(c.equipmentId, c.version, JSON.stringify(c.calendar), c.definedAt, c.streamPosition, c.eventId);
    return `($${first + 1}, $${first + 2}::int, $${first + 3}::jsonb, $${first + 4}::timestamptz, $${first + 5}::int, $${first + 6})`;
  });
  await tx.query(
    `insert into ${s}.work_calendars (${CALENDAR_COLUMNS}) values ${values.join(', ')}
     on conflict (equipment_id) do update set version = excluded.version, calendar = excluded.calendar, defined_at = excluded.defined_at,
       stream_position = excluded.stream_position, event_id = excluded.event_id`,
    params,
  );
  return changed.size;
}

async function applyWindows(tx: SqlClient, s: string, facts: readonly ProductionFact[]): Promise<number> {
  const touched = keyed(facts, plannedDowntimeWindowKeyOf);
  if (touched.length === 0) return 0;
  const keys = [...new Set(touched.map(({ key }) => key))].sort().map((key) => JSON.parse(key) as [string, string]);
  const rows = await tx.query<WindowRow>(
    `select ${WINDOW_COLUMNS} from ${s}.planned_downtime_windows
     where (equipment_id, window_id) in (select * from unnest($1::text[], $2::text[]))
     order by equipment_id, window_id for update`,
    [keys.map((k) => k[0]), keys.map((k) => k[1])],
  );
  const current = new Map(rows.map((row) => [windowKey(row.equipment_id, row.window_id), toWindow(row)]));
  const changed = new Map<string, PlannedDowntimeWindowRecord>();
  for (const { key, fact } of touched) {
    const outcome = projectPlannedDowntimeWindow(current.get(key) ?? null, fact);
    if (!('write' in outcome)) continue;
    current.set(key, outcome.write);
    changed.set(key, outcome.write);
  }
  if (changed.size === 0) return 0;
  const params: unknown[] = [];
  const values = [...changed.values()].map((w) => {
    const first = params.length;
    params.push(w.equipmentId, w.windowId, w.status, w.start, w.end, w.reason, w.bookedAt, w.cancelledAt, w.streamPosition, w.eventId);
    const p = (n: number): string => `$${first + n}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::timestamptz, ${p(5)}::timestamptz, ${p(6)}, ${p(7)}::timestamptz, ${p(8)}::timestamptz, ${p(9)}::int, ${p(10)})`;
  });
  await tx.query(
    `insert into ${s}.planned_downtime_windows (${WINDOW_COLUMNS}) values ${values.join(', ')}
     on conflict (equipment_id, window_id) do update set status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at,
       reason = excluded.reason, booked_at = excluded.booked_at, cancelled_at = excluded.cancelled_at, stream_position = excluded.stream_position,
       event_id = excluded.event_id`,
    params,
  );
  return changed.size;
}

/**
 * A batch's calendar facts in one go: the rows they touch are loaded (locked) with one query per table,
 * evolved in memory in order, and written back with one statement per table.
 *
 * When a calendar or a window changed, or an element was (re)defined (which may move a unit to another
 * site), the resolution generation is bumped in the same transaction: every gateway replica's cache of
 * resolved calendars (PlannedTimes) compares it, so none answers from a calendar older than what is
 * committed, whichever replica projected the change. Call it last: the generation row stays locked until
 * the commit, and concurrent batches that change calendars take turns on it.
 */
export async function applyBatchToWorkCalendars(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<{ changed: boolean }> {
  const s = ident(schema);
  const calendars = await applyCalendars(tx, s, facts);
  const windows = await applyWindows(tx, s, facts);
  const changed = calendars + windows > 0 || facts.some((fact) => fact.type === 'EquipmentDefined');
  if (changed) await tx.query(`update ${s}.work_calendar_generation set generation = generation + 1`);
  return { changed };
}

/** The reads PlannedTimes resolves calendars from; each takes many keys at once. */
export class WorkCalendarQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  /** Bumped by every projected batch that changes a calendar, a window or an element's place. */
  async generation(): Promise<number> {
    const [row] = await this.db.query<{ generation: string }>(`select generation::text as generation from ${this.s}.work_calendar_generation`);
    return row ? Number(row.generation) : 0;
  }

  /** The path (enterprise first) of each element known to the equipment hierarchy. */
  async pathsOf(equipmentIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ equipment_id: string; path: string[] }>(`select equipment_id, path from ${this.s}.equipment where equipment_id = any($1::text[])`, [equipmentIds]);
    return new Map(rows.map((row) => [row.equipment_id, row.path]));
  }

  /** The current calendar of each owner that has one. */
  async calendarsOf(owners: readonly string[]): Promise<Map<string, WorkCalendarRecord>> {
    const rows = await this.db.query<CalendarRow>(`select ${CALENDAR_COLUMNS} from ${this.s}.work_calendars where equipment_id = any($1::text[])`, [owners]);
    return new Map(rows.map((row) => [row.equipment_id, toCalendar(row)]));
  }

  /** The windows booked (and not cancelled) on each owner, in booking order. */
  async bookedWindowsOf(owners: readonly string[]): Promise<Map<string, BookedWindow[]>> {
    const rows = await this.db.query<WindowRow>(
      `select ${WINDOW_COLUMNS} from ${this.s}.planned_downtime_windows
       where equipment_id = any($1::text[]) and status = 'Booked' order by equipment_id, stream_position`,
      [owners],
    );
    const byOwner = new Map<string, BookedWindow[]>();
    for (const row of rows) {
      const { equipmentId, windowId, start, end, reason, streamPosition } = toWindow(row);
      if (start === null || end === null || reason === null) continue;
      byOwner.set(equipmentId, [...(byOwner.get(equipmentId) ?? []), { equipmentId, windowId, start, end, reason, streamPosition }]);
    }
    return byOwner;
  }

  /** Every window of an owner, booked or cancelled, in stream order: the history behind the booked ones. */
  async windowsOf(equipmentId: string): Promise<PlannedDowntimeWindowRecord[]> {
    const rows = await this.db.query<WindowRow>(`select ${WINDOW_COLUMNS} from ${this.s}.planned_downtime_windows where equipment_id = $1 order by stream_position`, [equipmentId]);
    return rows.map(toWindow);
  }
}
