import type { PublishedWorkCalendar } from '@quadrant/contracts';
import type { TimeWindow } from '@quadrant/scheduling';
import { expandCalendar } from '@quadrant/work-calendar';

/** How far ahead shifts are laid out for the scheduler; past it a unit counts as working round the clock. */
export const WORKING_TIME_HORIZON_DAYS = 90;

/**
 * A shift pattern's working time in seconds from `origin`: its shift instances minus their breaks, from a
 * day before `origin` (a running segment may have started then) to the horizon. Booked planned downtime is
 * not here: it is unavailability, which operations may not run across, where a break only pauses them.
 */
export function workingTimeOf(calendar: PublishedWorkCalendar, origin: number): TimeWindow[] {
  const from = new Date(origin - 86_400_000).toISOString();
  const to = new Date(origin + WORKING_TIME_HORIZON_DAYS * 86_400_000).toISOString();
  const { shifts, plannedDowntime } = expandCalendar(calendar, from, to);
  const seconds = (iso: string): number => Math.round((Date.parse(iso) - origin) / 1000);
  const breaks = plannedDowntime.filter((d) => d.kind === 'break').map((d) => ({ from: seconds(d.start), to: seconds(d.end) }));
  const windows: TimeWindow[] = [];
  for (const shift of shifts) {
    let cursor = seconds(shift.start);
    const end = seconds(shift.end);
    for (const pause of breaks.filter((b) => b.from < end && b.to > cursor).sort((a, b) => a.from - b.from)) {
      if (pause.from > cursor) windows.push({ from: cursor, to: pause.from });
      cursor = Math.max(cursor, pause.to);
    }
    if (end > cursor) windows.push({ from: cursor, to: end });
  }
  // Back-to-back shifts make one stretch of work.
  const merged: TimeWindow[] = [];
  for (const window of windows.sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && window.from <= last.to) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, window.to) };
    else merged.push(window);
  }
  return merged;
}

/** Where `seconds` of work starting at `from` end, pausing outside working time (round the clock without it). */
export function endAfterWorking(workingTime: readonly TimeWindow[] | undefined, from: number, seconds: number): number {
  if (!workingTime || workingTime.length === 0) return from + seconds;
  let left = seconds;
  let at = from;
  for (const window of workingTime) {
    if (window.to <= at) continue;
    const start = Math.max(at, window.from);
    if (start + left <= window.to) return start + left;
    left -= window.to - start;
    at = window.to;
  }
  return at + left;
}
