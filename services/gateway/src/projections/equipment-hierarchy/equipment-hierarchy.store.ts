import type { EquipmentLevel, WorkCenterType } from '@quadrant/contracts';
import { ident, type SqlClient } from '@quadrant/database';
import type { Projected, ProductionFact } from '../production-facts';
import { isoOf } from '../sql-values';
import { equipmentKeyOf, projectEquipmentHierarchy, type EquipmentRecord } from './equipment-hierarchy.projection';

interface EquipmentRow {
  equipment_id: string;
  name: string;
  description: string | null;
  level: EquipmentLevel;
  work_center_type: WorkCenterType | null;
  parent_id: string | null;
  path: string[];
  defined_at: unknown;
}

const COLUMNS = 'equipment_id, name, description, level, work_center_type, parent_id, path, defined_at';

function toRecord(row: EquipmentRow): EquipmentRecord {
  return {
    id: row.equipment_id,
    name: row.name,
    description: row.description,
    level: row.level,
    workCenterType: row.work_center_type,
    parentId: row.parent_id,
    path: row.path,
    definedAt: isoOf(row.defined_at),
  };
}

/** Loads the row the fact touches, evolves it, writes it back: inside the inbox consumer's transaction. */
export async function applyToEquipmentHierarchy(tx: SqlClient, schema: string, fact: ProductionFact): Promise<Projected<EquipmentRecord> | undefined> {
  const key = equipmentKeyOf(fact);
  if (key === undefined) return undefined;
  const s = ident(schema);
  const [row] = await tx.query<EquipmentRow>(`select ${COLUMNS} from ${s}.equipment where equipment_id = $1 for update`, [key]);
  const outcome = projectEquipmentHierarchy(row ? toRecord(row) : null, fact);
  if ('write' in outcome) {
    const e = outcome.write;
    await tx.query(
      `insert into ${s}.equipment (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (equipment_id) do update set name = excluded.name, description = excluded.description, level = excluded.level,
         work_center_type = excluded.work_center_type, parent_id = excluded.parent_id, path = excluded.path, defined_at = excluded.defined_at`,
      [e.id, e.name, e.description, e.level, e.workCenterType, e.parentId, e.path, e.definedAt],
    );
  }
  return outcome;
}

function groupBy<K>(records: { key: K; record: EquipmentRecord }[]): Map<K, EquipmentRecord[]> {
  const groups = new Map<K, EquipmentRecord[]>();
  for (const { key, record } of records) groups.set(key, [...(groups.get(key) ?? []), record]);
  return groups;
}

/** The queries the hierarchy answers; each takes many keys at once so resolvers can batch. */
export class EquipmentHierarchyQueries {
  private readonly s: string;

  constructor(private readonly db: SqlClient, schema: string) {
    this.s = ident(schema);
  }

  async atLevel(level: EquipmentLevel): Promise<EquipmentRecord[]> {
    const rows = await this.db.query<EquipmentRow>(`select ${COLUMNS} from ${this.s}.equipment where level = $1 order by name, equipment_id`, [level]);
    return rows.map(toRecord);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, EquipmentRecord>> {
    const rows = await this.db.query<EquipmentRow>(`select ${COLUMNS} from ${this.s}.equipment where equipment_id = any($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.equipment_id, toRecord(row)]));
  }

  async childrenOf(parentIds: readonly string[]): Promise<Map<string, EquipmentRecord[]>> {
    const rows = await this.db.query<EquipmentRow>(
      `select ${COLUMNS} from ${this.s}.equipment where parent_id = any($1::text[]) order by name, equipment_id`,
      [parentIds],
    );
    return groupBy(rows.map((row) => ({ key: row.parent_id ?? '', record: toRecord(row) })));
  }

  /** Work units at or below each scope, in hierarchy order. */
  async workUnitsUnder(scopes: readonly string[]): Promise<Map<string, EquipmentRecord[]>> {
    const rows = await this.db.query<EquipmentRow & { scope: string }>(
      `select scope, ${COLUMNS} from unnest($1::text[]) as scopes(scope)
       join ${this.s}.equipment on path @> array[scope]
       where level = 'WorkUnit' order by scope, path`,
      [scopes],
    );
    return groupBy(rows.map((row) => ({ key: row.scope, record: toRecord(row) })));
  }
}
