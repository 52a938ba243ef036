import type { SqlClient } from '@quadrant/database';
import { grainFor, type KpiBucket } from './kpi-buckets';
import { DAY_GRAIN_MINUTES, LocalDays } from './kpi-day-rollups';

/** A piece [from, to) of bucket `index`. */
export interface BucketPart {
  from: number;
  to: number;
  index: number;
}

/** Summed rollup figures of one scope in one bucket. */
export interface RollupSums {
  scope: string;
  index: number;
  time?: { APT: number; ASUT: number; ADET: number; ADOT: number; FE: number; TTR: number };
  counts?: { PRI_PQ: number; PQ: number; GQ: number; SQ: number; RQ: number };
}

const HOUR_MS = 3_600_000;
/** A bucket shorter than this holds no whole local day (a day is 23 to 25 hours). */
const SHORTEST_DAY_MS = 23 * HOUR_MS;
/** Parts closer than this are read in one index range, the rows between them read and left out. */
const CLUSTER_GAP_MS = 24 * HOUR_MS;

/**
 * Each bucket cut into the local days (in `timeZone`) it wholly holds, as one part, and the rest before and
 * after them. Without a zone everything is rest.
 */
export function splitByLocalDays(buckets: readonly KpiBucket[], timeZone: string | undefined, days: LocalDays): { days: BucketPart[]; rest: BucketPart[] } {
  const whole: BucketPart[] = [];
  const rest: BucketPart[] = [];
  buckets.forEach((bucket, index) => {
    if (timeZone === undefined || bucket.to - bucket.from < SHORTEST_DAY_MS) {
      rest.push({ from: bucket.from, to: bucket.to, index });
      return;
    }
    const atOrBefore = days.startOf(timeZone, bucket.from);
    const first = atOrBefore < bucket.from ? days.nextStartOf(timeZone, bucket.from) : atOrBefore;
    const last = days.startOf(timeZone, bucket.to);
    if (last <= first) {
      rest.push({ from: bucket.from, to: bucket.to, index });
      return;
    }
    if (first > bucket.from) rest.push({ from: bucket.from, to: first, index });
    whole.push({ from: first, to: last, index });
    if (bucket.to > last) rest.push({ from: last, to: bucket.to, index });
  });
  return { days: whole, rest };
}

/**
 * The sorted bounds of the parts as width_bucket thresholds, and which bucket each interval between two
 * thresholds belongs to: interval i (1-based, [thresholds[i-1], thresholds[i])) is part of bucket
 * bucketOfInterval[i], or -1 in a gap (between two shifts, say).
 */
export function bucketIntervals(parts: readonly BucketPart[]): { thresholds: string[]; bucketOfInterval: number[] } {
  const bounds = [...new Set(parts.flatMap((p) => [p.from, p.to]))].sort((a, b) => a - b);
  const byStart = new Map(parts.map((p) => [p.from, p]));
  const bucketOfInterval = [-1];
  for (let i = 1; i < bounds.length; i++) {
    const part = byStart.get(bounds[i - 1] ?? NaN);
    bucketOfInterval.push(part && part.to === bounds[i] ? part.index : -1);
  }
  bucketOfInterval.push(-1);
  return { thresholds: bounds.map((ms) => new Date(ms).toISOString()), bucketOfInterval };
}

/** The index ranges to read: the parts' spans, neighbours closer than a day merged. */
export function clustersOf(parts: readonly BucketPart[]): { lo: number; hi: number }[] {
  const sorted = [...parts].sort((a, b) => a.from - b.from);
  const clusters: { lo: number; hi: number }[] = [];
  for (const part of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && part.from - last.hi <= CLUSTER_GAP_MS) last.hi = Math.max(last.hi, part.to);
    else clusters.push({ lo: part.from, hi: part.to });
  }
  return clusters;
}

const TIME_SUMS = `sum(t.apt) as apt, sum(t.asut) as asut, sum(t.adet) as adet, sum(t.adot) as adot, sum(t.fe)::text as fe, sum(t.ttr) as ttr`;
const COUNT_SUMS = `sum(t.pri_pq) as pri_pq, sum(t.pq) as pq, sum(t.gq) as gq, sum(t.sq) as sq, sum(t.rq) as rq`;

interface SumRow {
  scope_id: string | null;
  i: number | null;
  apt?: number;
  asut?: number;
  adet?: number;
  adot?: number;
  fe?: string;
  ttr?: number;
  pri_pq?: number;
  pq?: number;
  gq?: number;
  sq?: number;
  rq?: number;
}

/**
 * The sums of the time and count rollups of the scopes over the parts, at one grain, per scope and bucket.
 * Day rows (`zone` given) are read only if every scope's day rows are cut in that zone, checked in the same
 * statement: undefined when they are not (a zone changed meanwhile; the caller reads again).
 */
async function sumParts(
  db: SqlClient,
  s: string,
  version: number,
  scopes: readonly string[],
  parts: readonly BucketPart[],
  grain: number,
  zone: string | undefined,
): Promise<RollupSums[] | undefined> {
  if (parts.length === 0) return [];
  const { thresholds, bucketOfInterval } = bucketIntervals(parts);
  const clusters = clustersOf(parts);
  const params = [thresholds, clusters.map((c) => new Date(c.lo).toISOString()), clusters.map((c) => new Date(c.hi).toISOString()), scopes, grain, zone ?? null];
  // $6: the zone the day rows must be cut in (null: no day rows are read, nothing to check); $7: the version.
  const sums = (table: string, columns: string, versioned: boolean): string => `
    with guard as (select $6::text is null or (select count(*) from ${s}.kpi_scope_zones z where z.scope_id = any($4::text[]) and z.time_zone = $6) = cardinality($4::text[]) as ok)
    select g.ok, r.* from guard g left join lateral (
      select t.scope_id, width_bucket(t.bucket, $1::timestamptz[]) as i, ${columns}
        from unnest($2::timestamptz[], $3::timestamptz[]) as c(lo, hi)
        join ${s}.${table} t on ${versioned ? 't.version = $7 and ' : ''}t.scope_id = any($4::text[]) and t.grain_minutes = $5 and t.bucket >= c.lo and t.bucket < c.hi
       where g.ok
       group by t.scope_id, i
    ) r on true`;
  const [time, counts] = await Promise.all([
    db.query<SumRow & { ok: boolean }>(sums('kpi_scope_time', TIME_SUMS, true), [...params, version]),
    db.query<SumRow & { ok: boolean }>(sums('kpi_scope_counts', COUNT_SUMS, false), params),
  ]);
  if (!time.every((row) => row.ok) || !counts.every((row) => row.ok)) return undefined;
  const answer: RollupSums[] = [];
  for (const row of time) {
    const index = bucketOfInterval[Number(row.i)] ?? -1;
    if (row.scope_id === null || index < 0) continue;
    answer.push({
      scope: row.scope_id,
      index,
      time: { APT: Number(row.apt), ASUT: Number(row.asut), ADET: Number(row.adet), ADOT: Number(row.adot), FE: Number(row.fe), TTR: Number(row.ttr) },
    });
  }
  for (const row of counts) {
    const index = bucketOfInterval[Number(row.i)] ?? -1;
    if (row.scope_id === null || index < 0) continue;
    answer.push({ scope: row.scope_id, index, counts: { PRI_PQ: Number(row.pri_pq), PQ: Number(row.pq), GQ: Number(row.gq), SQ: Number(row.sq), RQ: Number(row.rq) } });
  }
  return answer;
}

/** Tries with the zones of the moment this many times, then reads the finer rows only. */
const ZONE_ATTEMPTS = 3;

/**
 * The rollup sums of the scopes in the buckets: the whole local days inside a bucket from the day rows of
 * the scopes that have them (in the zone they have them in), the rest from hourly rows, or 15-minute rows
 * where a bound is not on the hour. Bucket bounds must be 15-minute aligned. `timeZone`, when the caller
 * knows the zone the scopes' days are cut in (it cut its buckets in it), saves reading the zones first; the
 * statements check it all the same.
 */
export async function readRollups(
  db: SqlClient,
  s: string,
  version: number,
  scopes: readonly string[],
  buckets: readonly KpiBucket[],
  timeZone?: string,
): Promise<RollupSums[]> {
  const days = new LocalDays();
  for (let attempt = 1; ; attempt++) {
    const zones = new Map<string, string | undefined>(scopes.map((scope) => [scope, attempt === 1 ? timeZone : undefined]));
    if (attempt < ZONE_ATTEMPTS && !(attempt === 1 && timeZone !== undefined)) {
      const rows = await db.query<{ scope_id: string; time_zone: string }>(`select scope_id, time_zone from ${s}.kpi_scope_zones where scope_id = any($1::text[])`, [scopes]);
      for (const row of rows) zones.set(row.scope_id, row.time_zone);
    }
    const groups = new Map<string | undefined, string[]>();
    for (const [scope, zone] of zones) groups.set(zone, [...(groups.get(zone) ?? []), scope]);
    const answers = await Promise.all(
      [...groups].map(async ([zone, members]) => {
        const split = splitByLocalDays(buckets, zone, days);
        const [whole, rest] = await Promise.all([
          sumParts(db, s, version, members, split.days, DAY_GRAIN_MINUTES, zone),
          sumParts(db, s, version, members, split.rest, grainFor(split.rest), undefined),
        ]);
        return whole && rest ? [...whole, ...rest] : undefined;
      }),
    );
    const read: RollupSums[] = [];
    for (const answer of answers) if (answer) read.push(...answer);
    if (answers.every((answer) => answer !== undefined)) return read;
  }
}
