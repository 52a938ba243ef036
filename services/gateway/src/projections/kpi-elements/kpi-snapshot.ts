import { computeKpis, KPI_DEFINITIONS, plannedBusyTime, type KpiElements, type KpiValues } from '@quadrant/kpi';
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
  readonly from: string;
  readonly to: string;
  readonly shift: string | null;
  readonly elements: KpiElements & { PBT: number };
  readonly oee: number | null;
  readonly availability: number | null;
  readonly effectiveness: number | null;
  readonly qualityRatio: number | null;
  readonly kpis: KpiValueRecord[];
}

/**
 * One bucket's snapshot. Everything but the bucket is worked out when a query asks for it, once: a series
 * of hundreds of buckets usually wants its OEE and factors only, and the getters live on the prototype, so
 * every snapshot has the same shape.
 */
class KpiSnapshot implements KpiSnapshotRecord {
  private computed: KpiValues | undefined;

  constructor(
    private readonly bucket: KpiBucket,
    private readonly figures: KpiElements,
  ) {}

  get from(): string {
    return new Date(this.bucket.from).toISOString();
  }

  get to(): string {
    return new Date(this.bucket.to).toISOString();
  }

  get shift(): string | null {
    return this.bucket.shift ?? null;
  }

  get elements(): KpiElements & { PBT: number } {
    return { ...this.figures, PBT: plannedBusyTime(this.figures) };
  }

  get oee(): number | null {
    return this.values.oee;
  }

  get availability(): number | null {
    return this.values.availability;
  }

  get effectiveness(): number | null {
    return this.values.effectiveness;
  }

  get qualityRatio(): number | null {
    return this.values['quality-ratio'];
  }

  get kpis(): KpiValueRecord[] {
    const values = this.values;
    return KPI_DEFINITIONS.map((definition) => ({
      id: definition.id,
      name: definition.name,
      unit: definition.unit,
      trend: definition.trend === 'higher-is-better' ? 'HIGHER_IS_BETTER' : 'LOWER_IS_BETTER',
      value: values[definition.id],
    }));
  }

  private get values(): KpiValues {
    this.computed ??= computeKpis(this.figures);
    return this.computed;
  }
}

export function kpiSnapshot(bucket: KpiBucket, elements: KpiElements): KpiSnapshotRecord {
  return new KpiSnapshot(bucket, elements);
}
