import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { expandCalendar, InvalidWorkCalendarError, plannedIntervals, type WorkCalendarDefinition, type WorkCalendarProblem } from '@quadrant/work-calendar';
import { GATEWAY_SCHEMA } from '../gateway-schema';
import { resolveCalendar, siteOf, type ResolvedCalendar } from './work-calendars.projection';
import { WorkCalendarQueries } from './work-calendars.store';

export type { ResolvedCalendar } from './work-calendars.projection';

/** A half-open time range `[from, to)`, ISO 8601 instants with an offset. */
export interface TimeBucket {
  from: string;
  to: string;
}

/** ISO 22400-2 planned operating time and planned down time of one bucket, in seconds (PBT = POT − PDOT). */
export interface BucketPlannedTimes {
  POT: number;
  PDOT: number;
}

/** One shift instance (its local start date and name), clipped to the asked range. */
export interface ShiftBucket {
  shift: string;
  date: string;
  from: string;
  to: string;
}

/** Half-open [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function instantOf(text: unknown): number | undefined {
  if (typeof text !== 'string' || !WITH_OFFSET.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The buckets as epoch-millisecond intervals; throws InvalidWorkCalendarError (BAD_USER_INPUT, one problem
 * per bad field, as the calendar library does) for an instant without an offset or an end before its start.
 */
export function parseBuckets(buckets: readonly TimeBucket[], fieldOf: (index: number) => string = (index) => `buckets[${index}].`): Interval[] {
  const problems: WorkCalendarProblem[] = [];
  const intervals = buckets.map((bucket, index) => {
    const where = fieldOf(index);
    const start = instantOf(bucket.from);
    const end = instantOf(bucket.to);
    if (start === undefined) problems.push({ field: `${where}from`, message: `"${String(bucket.from)}" is not an ISO instant with an offset` });
    if (end === undefined) problems.push({ field: `${where}to`, message: `"${String(bucket.to)}" is not an ISO instant with an offset` });
    if (start !== undefined && end !== undefined && end < start) problems.push({ field: `${where}to`, message: `is before from ${bucket.from}` });
    return { start: start ?? 0, end: end ?? 0 };
  });
  if (problems.length > 0) throw new InvalidWorkCalendarError(problems);
  return intervals;
}

/**
 * The ranges to expand so as to cover every bucket: sorted, overlapping or near ones merged. A gap of up
 * to a day is expanded with its neighbours (a day's expansion costs less than compiling the calendar again).
 */
export function coverOf(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const cover: Interval[] = [];
  for (const interval of sorted) {
    const last = cover[cover.length - 1];
    if (last && interval.start - last.end <= DAY_MS) last.end = Math.max(last.end, interval.end);
    else cover.push({ ...interval });
  }
  return cover;
}

/** Seconds of `bucket` covered by `intervals`, which are sorted by start and do not overlap. */
function overlapSeconds(intervals: readonly Interval[], bucket: Interval): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const interval = intervals[middle];
    if (interval && interval.end <= bucket.start) low = middle + 1;
    else high = middle;
  }
  let ms = 0;
  for (let index = low; index < intervals.length; index++) {
    const interval = intervals[index];
    if (!interval || interval.start >= bucket.end) break;
    ms += Math.min(interval.end, bucket.end) - Math.max(interval.start, bucket.start);
  }
  return ms / 1000;
}

/** A calendar's shifts and in-shift downtime over one UTC day, cut at its ends. */
interface DayExpansion {
  shifts: Interval[];
  downtime: Interval[];
}

/**
 * Expansions by UTC day, per definition (definitions are values, held by the cache of resolved calendars):
 * a dashboard asking for the same year again expands nothing. At most this many days per definition.
 */
const dayExpansions = new WeakMap<WorkCalendarDefinition, Map<number, DayExpansion>>();
const DAYS_PER_DEFINITION = 4_000;

function dayExpansion(definition: WorkCalendarDefinition, day: number): DayExpansion {
  let days = dayExpansions.get(definition);
  if (!days) {
    days = new Map();
    dayExpansions.set(definition, days);
  }
  const known = days.get(day);
  if (known) return known;
  // A non-working day's shift is outside POT, so its time is not PDOT either: plannedIntervals leaves it out.
  const expansion = plannedIntervals(definition, day * DAY_MS, (day + 1) * DAY_MS);
  if (days.size >= DAYS_PER_DEFINITION) days.clear();
  days.set(day, expansion);
  return expansion;
}

/**
 * POT and PDOT of each bucket under one calendar: the same figures as `calendarTimes(definition, from, to)`
 * bucket by bucket, from the expansions of the UTC days the buckets cover (each made once and kept) instead
 * of one per bucket. This holds because an expansion is cut exactly at its range's ends and additive
 * (POT[a,c) = POT[a,b) + POT[b,c)); shift instances never overlap each other, nor do the breaks and windows
 * inside them (each second counted once), so clipping them to a bucket and adding up is exact, in integer
 * milliseconds as the library does.
 */
export function bucketTimes(definition: WorkCalendarDefinition, buckets: readonly Interval[]): BucketPlannedTimes[] {
  const shifts: Interval[] = [];
  const downtime: Interval[] = [];
  const keep = (into: Interval[], pieces: readonly Interval[], range: Interval): void => {
    for (const piece of pieces) {
      const start = Math.max(piece.start, range.start);
      const end = Math.min(piece.end, range.end);
      if (start < end) into.push(start === piece.start && end === piece.end ? piece : { start, end });
    }
  };
  for (const range of coverOf(buckets)) {
    for (let day = Math.floor(range.start / DAY_MS); day * DAY_MS < range.end; day++) {
      const expansion = dayExpansion(definition, day);
      keep(shifts, expansion.shifts, range);
      keep(downtime, expansion.downtime, range);
    }
  }
  shifts.sort((a, b) => a.start - b.start);
  downtime.sort((a, b) => a.start - b.start);
  return buckets.map((bucket) => ({ POT: overlapSeconds(shifts, bucket), PDOT: overlapSeconds(downtime, bucket) }));
}

/**
 * Decided: a unit without any calendar (neither its own nor its site's) runs round the clock. Its POT is
 * the bucket's whole length and its PDOT 0, the ISO 22400 reading of "no planned downtime was declared";
 * answering 0 instead would hide all its time from availability and OEE.
 */
export function roundTheClock(buckets: readonly Interval[]): BucketPlannedTimes[] {
  return buckets.map((bucket) => ({ POT: (bucket.end - bucket.start) / 1000, PDOT: 0 }));
}

/** Units grouped by effective calendar identity (`key`); the units without a calendar share one group. */
export function groupByCalendar(calendars: ReadonlyMap<string, ResolvedCalendar | null>): { calendar: ResolvedCalendar | null; workUnitIds: string[] }[] {
  const groups = new Map<string | null, { calendar: ResolvedCalendar | null; workUnitIds: string[] }>();
  for (const [workUnitId, calendar] of calendars) {
    const key = calendar?.key ?? null;
    const group = groups.get(key);
    if (group) group.workUnitIds.push(workUnitId);
    else groups.set(key, { calendar, workUnitIds: [workUnitId] });
  }
  return [...groups.values()];
}

/** The distinct shift instances of these calendars in [from, to), clipped to it, by start (then end, name). */
export function shiftBucketsOf(definitions: readonly WorkCalendarDefinition[], from: string, to: string): ShiftBucket[] {
  const distinct = new Map<string, ShiftBucket>();
  for (const definition of definitions) {
    for (const { shift, date, start, end } of expandCalendar(definition, from, to).shifts) {
      distinct.set(JSON.stringify([shift, date, start, end]), { shift, date, from: start, to: end });
    }
  }
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...distinct.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.shift, b.shift) || compare(a.date, b.date));
}

/** At most this many resolved units are cached; past it the cache starts again empty. */
const CACHE_LIMIT = 10_000;

/**
 * ISO 22400 planned times (POT, PDOT; PBT = POT − PDOT) of work units, from the projected work calendars:
 * a unit follows its own calendar, else its site's, with the planned downtime booked on the unit and on
 * its site.
 *
 * Resolved calendars are cached in memory under the projection's generation, which every projected batch
 * changing a calendar, a window or the hierarchy bumps in its own transaction. Each call reads the
 * generation first (one indexed row): a newer one empties the cache, and an answer loaded under an older
 * one is not kept. So no answer comes from a calendar older than the last commit before the call, on any
 * replica, whichever replica projected the change.
 */
@Injectable()
export class PlannedTimes {
  private readonly queries: WorkCalendarQueries;
  private readonly cache = new Map<string, ResolvedCalendar | null>();
  private cachedGeneration = -1;

  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime, @Inject(GATEWAY_SCHEMA) schema: string) {
    this.queries = new WorkCalendarQueries(runtime.db, schema);
  }

  /** Each unit's effective calendar (its own, else its site's) with the unit's and the site's windows; null when none. */
  async calendarsOf(workUnitIds: readonly string[]): Promise<Map<string, ResolvedCalendar | null>> {
    const ids = [...new Set(workUnitIds)];
    const generation = await this.queries.generation();
    if (generation > this.cachedGeneration) {
      this.cache.clear();
      this.cachedGeneration = generation;
    }
    // An older generation (a slower call overtaken by a newer one) neither reads nor fills the cache.
    const cacheable = generation === this.cachedGeneration;
    const answers = new Map<string, ResolvedCalendar | null>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = cacheable ? this.cache.get(id) : undefined;
      if (cached !== undefined) answers.set(id, cached);
      else missing.push(id);
    }
    const loaded = missing.length > 0 ? await this.load(missing) : new Map<string, ResolvedCalendar | null>();
    if (generation === this.cachedGeneration) {
      if (this.cache.size + loaded.size > CACHE_LIMIT) this.cache.clear();
      for (const [id, calendar] of loaded) this.cache.set(id, calendar);
    }
    return new Map(ids.map((id) => [id, answers.get(id) ?? loaded.get(id) ?? null]));
  }

  /**
   * POT and PDOT in seconds of each unit for each bucket, in the buckets' order. Units of the same
   * effective calendar are computed once and share one (frozen) array; a unit without any calendar runs
   * round the clock (POT = the bucket's length, PDOT = 0; see roundTheClock).
   */
  async plannedTimes(workUnitIds: readonly string[], buckets: readonly TimeBucket[]): Promise<Map<string, BucketPlannedTimes[]>> {
    return this.plannedTimesOver(workUnitIds, parseBuckets(buckets));
  }

  /** `plannedTimes` over intervals already parsed (epoch milliseconds), as the KPI queries hold them. */
  async plannedTimesOver(workUnitIds: readonly string[], intervals: readonly Interval[]): Promise<Map<string, BucketPlannedTimes[]>> {
    const answers = new Map<string, BucketPlannedTimes[]>();
    for (const { calendar, workUnitIds: units } of groupByCalendar(await this.calendarsOf(workUnitIds))) {
      const times = Object.freeze((calendar ? bucketTimes(calendar.definition, intervals) : roundTheClock(intervals)).map((t) => Object.freeze(t)));
      // Frozen: shared by every unit of the group, so no caller can change another unit's figures.
      for (const id of units) answers.set(id, times as BucketPlannedTimes[]);
    }
    return answers;
  }

  /**
   * The distinct shift instances of these units' calendars overlapping [from, to), clipped to it, by
   * start: the buckets of SHIFT granularity. A unit without a calendar has no shifts and adds none.
   */
  async shiftBuckets(workUnitIds: readonly string[], from: string, to: string): Promise<ShiftBucket[]> {
    parseBuckets([{ from, to }], () => '');
    const patterns = new Map<string, WorkCalendarDefinition>();
    for (const calendar of (await this.calendarsOf(workUnitIds)).values()) {
      // Windows change no shift instance: one expansion per pattern (owner and version) is enough.
      if (calendar) patterns.set(JSON.stringify([calendar.ownerId, calendar.version]), calendar.definition);
    }
    return shiftBucketsOf([...patterns.values()], from, to);
  }

  /**
   * The time zone to cut DAY and WEEK buckets in: for a work unit, its effective calendar's (its own, else
   * its site's); for any other element, its site's calendar's (the site is the second element of the path).
   * `UTC` when there is none.
   */
  async timeZoneOf(equipmentId: string): Promise<string> {
    return (await this.calendarsOf([equipmentId])).get(equipmentId)?.definition.timeZone ?? 'UTC';
  }

  private async load(ids: readonly string[]): Promise<Map<string, ResolvedCalendar | null>> {
    const paths = await this.queries.pathsOf(ids);
    const sites = new Map(ids.map((id) => [id, siteOf(paths.get(id) ?? [])]));
    const owners = [...new Set([...ids, ...[...sites.values()].filter((site): site is string => site !== null)])];
    const [calendars, windows] = await Promise.all([this.queries.calendarsOf(owners), this.queries.bookedWindowsOf(owners)]);
    return new Map(ids.map((id) => [id, resolveCalendar(id, sites.get(id) ?? null, calendars, windows)]));
  }
}
