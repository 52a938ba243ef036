import { ident, type SqlClient } from '@quadrant/database';
import type { ProductionFact } from '../production-facts';
import { isoOrNull } from '../sql-values';
import { allocationKey, projectWorkUnitAllocation, workUnitAllocationKeyOf, type WorkUnitAllocationRecord } from './work-unit-allocations.projection';

interface AllocationRow {
  allocation_id: string;
  work_unit_id: string;
  job_order_id: string;
  segment_id: string;
  allocated_at: unknown;
  ended_at: unknown;
  path: string[];
  stream_position: number;
}

const COLUMNS = 'allocation_id, work_unit_id, job_order_id, segment_id, allocated_at, ended_at, path, stream_position';

function toRecord(row: AllocationRow): WorkUnitAllocationRecord {
  return {
    allocationId: row.allocation_id,
    workUnitId: row.work_unit_id,
    jobOrderId: row.job_order_id,
    segmentId: row.segment_id,
    allocatedAt: isoOrNull(row.allocated_at),
    endedAt: isoOrNull(row.ended_at),
    path: row.path,
    streamPosition: Number(row.stream_position),
  };
}

/**
 * A batch's allocation facts in one go: the latest row of each (work unit, job order, segment) they touch
 * is loaded (locked) with one query, evolved in memory in order, and the rows written back with one statement.
 */
export async function applyBatchToWorkUnitAllocations(tx: SqlClient, schema: string, facts: readonly ProductionFact[]): Promise<void> {
  const keyed = facts.flatMap((fact) => {
    const key = workUnitAllocationKeyOf(fact);
    return key === undefined ? [] : [{ key, fact }];
  });
  if (keyed.length === 0) return;
  const s = ident(schema);
  const keys = [...new Set(keyed.map(({ key }) => key))].map((key) => JSON.parse(key) as [string, string, string]);
  const rows = await tx.query<AllocationRow>(
    `select ${COLUMNS} from ${s}.work_unit_allocations where allocation_id in (
       select distinct on (work_unit_id, job_order_id, segment_id) allocation_id from ${s}.work_unit_allocations
       where (work_unit_id, job_order_id, segment_id) in (select * from unnest($1::text[], $2::text[], $3::text[]))
       order by work_unit_id, job_order_id, segment_id, stream_position desc
     ) order by allocation_id for update`,
    [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.map((k) => k[2])],
  );
  const current = new Map<string, WorkUnitAllocationRecord>(rows.map((row) => [allocationKey(row.work_unit_id, row.job_order_id, row.segment_id), toRecord(row)]));
  const changed = new Map<string, WorkUnitAllocationRecord>();
  for (const { key, fact } of keyed) {
    const outcome = projectWorkUnitAllocation(current.get(key) ?? null, fact);
    if (!('write' in outcome)) continue;
    current.set(key, outcome.write);
    changed.set(outcome.write.allocationId, outcome.write);
  }
  if (changed.size === 0) return;
  const params: unknown[] = [];
  const values = [...changed.values()].map((a) => {
    const first = params.length;
    params.push(a.allocationId, a.workUnitId, a.jobOrderId, a.segmentId, a.allocatedAt, a.endedAt, a.path, a.streamPosition);
    return `($${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5}::timestamptz, $${first + 6}::timestamptz, $${first + 7}::text[], $${first + 8}::int)`;
  });
  await tx.query(
    `insert into ${s}.work_unit_allocations (${COLUMNS}) values ${values.join(', ')}
     on conflict (allocation_id) do update set allocated_at = excluded.allocated_at, ended_at = excluded.ended_at, path = excluded.path,
       stream_position = excluded.stream_position`,
    params,
  );
}

export class WorkUnitAllocationQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  /** The open allocations of each work unit, oldest first. */
  async currentFor(workUnitIds: readonly string[]): Promise<Map<string, WorkUnitAllocationRecord[]>> {
    const rows = await this.db.query<AllocationRow>(
      `select ${COLUMNS} from ${this.s}.work_unit_allocations
       where work_unit_id = any($1::text[]) and ended_at is null and allocated_at is not null
       order by work_unit_id, allocated_at, stream_position`,
      [workUnitIds],
    );
    const byUnit = new Map<string, WorkUnitAllocationRecord[]>(workUnitIds.map((id) => [id, []]));
    for (const row of rows) byUnit.get(row.work_unit_id)?.push(toRecord(row));
    return byUnit;
  }

  /** A work unit's allocations overlapping [from, to) (either bound open when null), oldest first. */
  async overlapping(workUnitId: string, from: string | null, to: string | null): Promise<WorkUnitAllocationRecord[]> {
    const rows = await this.db.query<AllocationRow>(
      `select ${COLUMNS} from ${this.s}.work_unit_allocations
       where work_unit_id = $1 and allocated_at is not null
         and ($3::timestamptz is null or allocated_at < $3::timestamptz)
         and ($2::timestamptz is null or ended_at is null or ended_at > $2::timestamptz)
       order by allocated_at, stream_position`,
      [workUnitId, from, to],
    );
    return rows.map(toRecord);
  }
}
