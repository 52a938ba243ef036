/**
 * How figures read on screen. Pure (no DOM), English, the same in every browser: the locale and the time zone
 * are parameters with defaults, so the unit tests pin them.
 */
import type { Granularity } from './url-state';

/** What stands for "no value" (nothing planned, nothing produced): never 0, never NaN. */
export const NO_VALUE = '—';

const LOCALE = 'en-GB';

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A `%` KPI (a fraction, 0.676) as `67.6 %`; `—` for null. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (!isNumber(fraction)) return NO_VALUE;
  const percent = (fraction * 100).toFixed(digits);
  // -0.0 reads as a glitch.
  return `${/^-0(\.0+)?$/.test(percent) ? percent.slice(1) : percent} %`;
}

/** A fraction as a percentage for a chart axis (null stays a gap in the line, not a drop to 0). */
export function toPercentPoint(fraction: number | null | undefined): number | null {
  return isNumber(fraction) ? Math.round(fraction * 1000) / 10 : null;
}

/**
 * Seconds as a person reads a duration: `45 s`, `12 min`, `3 h 05 min`, `2 d 4 h` (or, without days, to the
 * minute: `52 h 00 min`, for tables whose figures must add up).
 */
export function formatDuration(seconds: number | null | undefined, { days: useDays = true }: { days?: boolean } = {}): string {
  if (!isNumber(seconds)) return NO_VALUE;
  const sign = seconds < 0 ? '−' : '';
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${sign}${total} s`;
  const minutes = Math.round(total / 60);
  if (minutes < 60) return `${sign}${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48 || !useDays) return `${sign}${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  const days = Math.floor(hours / 24);
  return `${sign}${days} d ${hours % 24} h`;
}

/** Seconds as hours with one decimal, for chart axes: `7.5`. */
export function toHours(seconds: number): number {
  return Math.round((seconds / 3600) * 10) / 10;
}

/** A quantity: `12,345`, `12.5`; `—` for null. */
export function formatQuantity(value: number | null | undefined): string {
  if (!isNumber(value)) return NO_VALUE;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);
}

/** A KPI of any unit: `%` as a percentage, seconds as a duration, anything else as a number and its unit. */
export function formatKpiValue(value: number | null | undefined, unit: string): string {
  if (!isNumber(value)) return NO_VALUE;
  if (unit === '%') return formatPercent(value);
  if (unit === 's') return formatDuration(value);
  return unit === '' ? formatQuantity(value) : `${formatQuantity(value)} ${unit}`;
}

/** The start of a bucket as an axis label: `14:00` for hours and shifts (with the day when it changes), `Mon 2 Nov` for days and weeks. */
export function formatBucketLabel(iso: string, granularity: Granularity, timeZone?: string): string {
  const date = new Date(iso);
  const zone = timeZone === undefined ? {} : { timeZone };
  if (granularity === 'DAY' || granularity === 'WEEK') {
    return new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', ...zone }).format(date);
  }
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone }).format(date);
}

/** An instant for people: `2 Nov 2026, 06:00`. */
export function formatDateTime(iso: string, timeZone?: string): string {
  const zone = timeZone === undefined ? {} : { timeZone };
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone }).format(
    new Date(iso),
  );
}

/** A range for the header: `2 Nov 2026, 06:00 – 3 Nov 2026, 06:00`. */
export function formatRange(from: string, to: string, timeZone?: string): string {
  return `${formatDateTime(from, timeZone)} – ${formatDateTime(to, timeZone)}`;
}

/** A time of day: `06:00`. */
export function formatTime(iso: string, timeZone?: string): string {
  const zone = timeZone === undefined ? {} : { timeZone };
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone }).format(new Date(iso));
}

/** A span of work: `2 Nov 2026, 06:00–08:30`, with the second date only when it ends another day. */
export function formatSpan(from: string, to: string, timeZone?: string): string {
  const day = (iso: string): string => formatDateTime(iso, timeZone).replace(/, \d{2}:\d{2}$/, '');
  if (day(from) === day(to)) return `${formatDateTime(from, timeZone)}–${formatTime(to, timeZone)}`;
  return formatRange(from, to, timeZone);
}

/** How long ago, from `since` to `now`: `for 3 h 05 min`. */
export function formatSince(since: string, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - Date.parse(since)) / 1000);
  return `for ${formatDuration(seconds)}`;
}

const STATE_LABELS: Record<string, string> = {
  Unknown: 'Unknown',
  Running: 'Running',
  Idle: 'Idle',
  Setup: 'Setup',
  Down: 'Down',
  PlannedDowntime: 'Planned downtime',
};

export function formatState(state: string): string {
  return STATE_LABELS[state] ?? state;
}

/** A downtime reason code for people: `SPINDLE_OVERHEAT` → `Spindle overheat`; none given → `No reason given`. */
export function formatReason(reasonCode: string | null | undefined): string {
  if (reasonCode === null || reasonCode === undefined || reasonCode.trim() === '') return 'No reason given';
  const words = reasonCode.trim().replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const LEVEL_LABELS: Record<string, string> = { Enterprise: 'Enterprise', Site: 'Site', Area: 'Area', WorkCenter: 'Line', WorkUnit: 'Work unit' };
const LEVEL_PLURALS: Record<string, string> = { Enterprise: 'Enterprises', Site: 'Sites', Area: 'Areas', WorkCenter: 'Lines', WorkUnit: 'Work units' };

/** An ISA-95 level as plant people say it: a work center is a line here. */
export function formatLevel(level: string, plural = false): string {
  return (plural ? LEVEL_PLURALS : LEVEL_LABELS)[level] ?? level;
}

/** What a scope is, for its title: its work center type when it is not a production line, else its level. */
export function formatScopeKind(level: string, workCenterType: string | null): string {
  return workCenterType && workCenterType !== 'ProductionLine' ? workCenterType.replace(/([a-z])([A-Z])/g, '$1 $2') : formatLevel(level);
}

export type OeeBand = 'good' | 'fair' | 'poor' | 'none';

/** Colour band of an OEE: 85 % and above is world class, below 60 % needs attention. */
export function oeeBand(fraction: number | null | undefined): OeeBand {
  if (!isNumber(fraction)) return 'none';
  if (fraction >= 0.85) return 'good';
  if (fraction >= 0.6) return 'fair';
  return 'poor';
}

const PRESET_LABELS: Record<string, string> = { '8h': 'Last 8 h', '24h': 'Last 24 h', '7d': 'Last 7 days', '30d': 'Last 30 days' };

// On the schedule a preset looks mostly ahead (see resolveScheduleRange in url-state.ts).
const SCHEDULE_PRESET_LABELS: Record<string, string> = { '8h': 'Next 8 h', '24h': 'Next 24 h', '7d': 'Next 7 days', '30d': 'Next 30 days' };

export function formatPreset(preset: string, ahead = false): string {
  return (ahead ? SCHEDULE_PRESET_LABELS : PRESET_LABELS)[preset] ?? preset;
}

const GRANULARITY_LABELS: Record<Granularity, string> = { HOUR: 'Hour', SHIFT: 'Shift', DAY: 'Day', WEEK: 'Week' };

export function formatGranularity(granularity: Granularity): string {
  return GRANULARITY_LABELS[granularity];
}

/** An instant as a `datetime-local` input value, in the browser's time zone: `2026-11-02T07:00`. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` input value (the browser's time zone) as an ISO instant; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
