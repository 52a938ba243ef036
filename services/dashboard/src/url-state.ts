/**
 * The dashboard's view lives in the URL, so a link can be shared and a reload restores it:
 *
 *   /                          the cross-site overview
 *   /scope/<equipmentId>       one site, area, line (work center) or work unit: its KPIs
 *   /scope/<equipmentId>/schedule   the detailed production schedule (Gantt) of its work units
 *
 * with the time range and bucket size in the query:
 *
 *   ?range=8h|24h|7d|30d                             a preset: ending now for KPIs, mostly ahead for the
 *                                                    schedule (see resolveScheduleRange; 24h when omitted)
 *   ?from=<ISO 8601>&to=<ISO 8601>                   a fixed range [from, to), instead of a preset
 *   &granularity=hour|shift|day|week                 bucket size (omitted when it is the range's default)
 *
 * Pure (no DOM): parse what the address bar holds, format what it should hold.
 */

export type Granularity = 'HOUR' | 'SHIFT' | 'DAY' | 'WEEK';
export const GRANULARITIES: readonly Granularity[] = ['HOUR', 'SHIFT', 'DAY', 'WEEK'];

export type RangePreset = '8h' | '24h' | '7d' | '30d';
export const RANGE_PRESETS: readonly RangePreset[] = ['8h', '24h', '7d', '30d'];
export const DEFAULT_PRESET: RangePreset = '24h';

const PRESET_SECONDS: Record<RangePreset, number> = { '8h': 8 * 3600, '24h': 24 * 3600, '7d': 7 * 86400, '30d': 30 * 86400 };

export type TimeRange = { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; from: string; to: string };

/** What a scope page shows: its KPIs (what happened) or its schedule (what is planned). */
export type ScopeTab = 'kpis' | 'schedule';

export interface View {
  /** The equipment in view; null for the cross-site overview. */
  scopeId: string | null;
  /** Always 'kpis' on the overview: the schedule is per scope. */
  tab: ScopeTab;
  range: TimeRange;
  granularity: Granularity;
}

export interface ResolvedRange {
  from: string;
  to: string;
}

const SCOPE_PREFIX = '/scope/';
const SCHEDULE_SUFFIX = '/schedule';

/** Hourly buckets up to two days, daily beyond. */
export function defaultGranularity(range: TimeRange): Granularity {
  return rangeSeconds(range) <= 2 * 86400 ? 'HOUR' : 'DAY';
}

export function rangeSeconds(range: TimeRange): number {
  if (range.kind === 'preset') return PRESET_SECONDS[range.preset];
  return (Date.parse(range.to) - Date.parse(range.from)) / 1000;
}

export function defaultView(): View {
  const range: TimeRange = { kind: 'preset', preset: DEFAULT_PRESET };
  return { scopeId: null, tab: 'kpis', range, granularity: defaultGranularity(range) };
}

/** Whatever the URL holds: anything unreadable falls back to the default rather than failing. */
export function parseView(pathname: string, search: string): View {
  const params = new URLSearchParams(search);
  const range = parseRange(params);
  const granularity = parseGranularity(params.get('granularity')) ?? defaultGranularity(range);
  return { ...parseScope(pathname), range, granularity };
}

function parseScope(pathname: string): { scopeId: string | null; tab: ScopeTab } {
  const overview = { scopeId: null, tab: 'kpis' } as const;
  if (!pathname.startsWith(SCOPE_PREFIX)) return overview;
  // `<id>` or `<id>/schedule`: an id itself has no slash (it is encoded), so an id "schedule" stays an id.
  const [raw = '', sub, ...more] = pathname.slice(SCOPE_PREFIX.length).replace(/\/+$/, '').split('/');
  if (raw === '' || more.length > 0 || (sub !== undefined && `/${sub}` !== SCHEDULE_SUFFIX)) return overview;
  try {
    return { scopeId: decodeURIComponent(raw), tab: sub === undefined ? 'kpis' : 'schedule' };
  } catch {
    return overview;
  }
}

function parseRange(params: URLSearchParams): TimeRange {
  const from = parseInstant(params.get('from'));
  const to = parseInstant(params.get('to'));
  if (from !== null && to !== null && Date.parse(from) < Date.parse(to)) return { kind: 'custom', from, to };
  const preset = params.get('range');
  if (isPreset(preset)) return { kind: 'preset', preset };
  return { kind: 'preset', preset: DEFAULT_PRESET };
}

function isPreset(value: string | null): value is RangePreset {
  return value !== null && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** An ISO 8601 instant with a time zone (what the API takes), normalised to UTC; null otherwise. */
export function parseInstant(value: string | null): string | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function parseGranularity(value: string | null): Granularity | null {
  const upper = value?.toUpperCase();
  return GRANULARITIES.find((granularity) => granularity === upper) ?? null;
}

/** The path and query of a view; defaults are left out, so the overview of the last 24 h is just `/`. */
export function formatView(view: View): string {
  const path =
    view.scopeId === null ? '/' : `${SCOPE_PREFIX}${encodeURIComponent(view.scopeId)}${view.tab === 'schedule' ? SCHEDULE_SUFFIX : ''}`;
  const params = new URLSearchParams();
  if (view.range.kind === 'custom') {
    params.set('from', compactInstant(view.range.from));
    params.set('to', compactInstant(view.range.to));
  } else if (view.range.preset !== DEFAULT_PRESET) {
    params.set('range', view.range.preset);
  }
  if (view.granularity !== defaultGranularity(view.range)) params.set('granularity', view.granularity.toLowerCase());
  const query = params.toString();
  return query === '' ? path : `${path}?${query.replace(/%3A/g, ':')}`;
}

/** `2026-11-02T06:00:00.000Z` → `2026-11-02T06:00:00Z`: shorter links, same instant. */
function compactInstant(iso: string): string {
  return iso.replace(/\.000Z$/, 'Z');
}

/**
 * The [from, to) to query. A preset ends at `now` rounded up to the next minute, so the figures asked for
 * within one minute are the same figures (and the same range is shown on every card).
 */
export function resolveRange(range: TimeRange, now: Date): ResolvedRange {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  const minute = 60_000;
  const to = Math.ceil(now.getTime() / minute) * minute;
  return { from: new Date(to - PRESET_SECONDS[range.preset] * 1000).toISOString(), to: new Date(to).toISOString() };
}

/**
 * The [from, to) of the schedule. The presets are "the last 8 h / 24 h / …" for KPIs, which only look back; a
 * planner looks mostly ahead, yet wants to see what is running now and what just finished (and how it went
 * against the plan). So on the schedule a preset of length L starts L/12 before now (2 h of a 24 h range, 40 min
 * of 8 h, 14 h of 7 days) and runs L·11/12 ahead. Both ends are on the minute, like resolveRange, so the
 * schedule asked for within one minute is the same one.
 */
export function resolveScheduleRange(range: TimeRange, now: Date): ResolvedRange {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  const minute = 60_000;
  const length = PRESET_SECONDS[range.preset] * 1000;
  const from = Math.ceil((now.getTime() - length / 12) / minute) * minute;
  return { from: new Date(from).toISOString(), to: new Date(from + length).toISOString() };
}

/** The range a view shows: looking back for KPIs, mostly ahead for the schedule. */
export function resolveViewRange(view: View, now: Date): ResolvedRange {
  return view.tab === 'schedule' ? resolveScheduleRange(view.range, now) : resolveRange(view.range, now);
}

/** Whether [from, to) and [otherFrom, otherTo) share an instant. */
export function overlaps(range: ResolvedRange, other: ResolvedRange): boolean {
  return Date.parse(other.from) < Date.parse(range.to) && Date.parse(range.from) < Date.parse(other.to);
}

/**
 * The same view with another scope (drill-down); time range, granularity and tab are kept, so the breadcrumbs of
 * a schedule lead to the schedules above it. The overview has no schedule.
 */
export function withScope(view: View, scopeId: string | null): View {
  return { ...view, scopeId, tab: scopeId === null ? 'kpis' : view.tab };
}

/** The same scope and range, another tab (KPIs or schedule). */
export function withTab(view: View, tab: ScopeTab): View {
  return { ...view, tab: view.scopeId === null ? 'kpis' : tab };
}

/** Another time range; the granularity follows it unless the user had chosen one other than the default. */
export function withRange(view: View, range: TimeRange): View {
  const keepGranularity = view.granularity !== defaultGranularity(view.range);
  return { ...view, range, granularity: keepGranularity ? view.granularity : defaultGranularity(range) };
}

export function withGranularity(view: View, granularity: Granularity): View {
  return { ...view, granularity };
}
