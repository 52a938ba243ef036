import { computeKpis, KPI_DEFINITIONS, plannedBusyTime, type KpiElements } from '@quadrant/kpi';
import type { KpiBucket } from './kpi-buckets';

export interface KpiValueRecord {
  id: string;
  name: string;
  unit: string;
  trend: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  value: number | null;
}

/** What GraphQL's `KpiSnapshot` answers: the bucket, its elements (PBT included) and the KPIs from them. */
export interface KpiSnapshotRecord {
  from: string;
  to: string;
  shift: string | null;
  elements: KpiElements & { PBT: number };
  oee: number | null;
  availability: number | null;
  effectiveness: number | null;
  qualityRatio: number | null;
  readonly kpis: KpiValueRecord[];
}

/**
 * The snapshot of one bucket. `kpis` (the whole catalogue, 18 values) is worked out only when a query asks
 * for it: a series of hundreds of buckets usually wants its OEE and factors only.
 */
export function kpiSnapshot(bucket: KpiBucket, elements: KpiElements): KpiSnapshotRecord {
  const values = computeKpis(elements);
  return {
    from: new Date(bucket.from).toISOString(),
    to: new Date(bucket.to).toISOString(),
    shift: bucket.shift ?? null,
    elements: { ...elements, PBT: plannedBusyTime(elements) },
    oee: values.oee,
    availability: values.availability,
    effectiveness: values.effectiveness,
    qualityRatio: values['quality-ratio'],
    get kpis(): KpiValueRecord[] {
      return KPI_DEFINITIONS.map((definition) => ({
        id: definition.id,
        name: definition.name,
        unit: definition.unit,
        trend: definition.trend === 'higher-is-better' ? 'HIGHER_IS_BETTER' : 'LOWER_IS_BETTER',
        value: values[definition.id],
      }));
    },
  };
}
