import type { CompiledBreak, CompiledCalendar, CompiledShift, CompiledWindow } from './compile-calendar';
import { clip, subtract, type Interval } from './intervals';
import { DAY_MS, weekdayOf } from './local-time';
import { ZoneClock } from './time-zone';

export interface DowntimePiece extends Interval {
  readonly reason: string;
  readonly kind: 'break' | 'window';
}

/** A shift instance clipped to the range, with its planned downtime (also clipped). */
export interface ExpandedShift extends Interval {
  readonly shift: string;
  readonly dayNumber: number;
  readonly downtime: readonly DowntimePiece[];
}

/** A shift instance that a non-working day took out of the calendar, clipped to the range. */
export interface CancelledShift extends Interval {
  readonly shift: string;
  readonly dayNumber: number;
  readonly reason: string;
}

export interface CompiledExpansion {
  readonly shifts: readonly ExpandedShift[];
  readonly cancelled: readonly CancelledShift[];
}

function breakInterval(shiftBreak: CompiledBreak, instance: Interval, dayWallMs: number, clock: ZoneClock): Interval {
  if (shiftBreak.clock === 'elapsed') return { start: instance.start + shiftBreak.offsetMs, end: instance.start + shiftBreak.offsetMs + shiftBreak.durationMs };
  return { start: clock.toInstant(dayWallMs + shiftBreak.span.startSecond * 1000), end: clock.toInstant(dayWallMs + shiftBreak.span.endSecond * 1000) };
}

/**
 * Windows come before breaks, and earlier windows before later ones: a dated exception overrides the
 * weekly pattern, and each second of downtime is claimed once, so PDOT never counts an overlap twice.
 */
function downtimeOf(shift: CompiledShift, instance: Interval, dayWallMs: number, windows: readonly CompiledWindow[], clock: ZoneClock): DowntimePiece[] {
  const candidates: DowntimePiece[] = [
    ...windows.map((window) => ({ ...window, kind: 'window' as const })),
    ...shift.breaks.map((shiftBreak) => ({ ...breakInterval(shiftBreak, instance, dayWallMs, clock), reason: shiftBreak.reason, kind: 'break' as const })),
  ];
  const claimed: DowntimePiece[] = [];
  for (const candidate of candidates) {
    const inside = clip(candidate, instance);
    if (inside !== undefined) claimed.push(...subtract(inside, claimed));
  }
  return claimed.sort((a, b) => a.start - b.start);
}

/** Every shift instance touching [range.start, range.end), in time order. */
export function expandCompiled(calendar: CompiledCalendar, range: Interval): CompiledExpansion {
  const shifts: ExpandedShift[] = [];
  const cancelled: CancelledShift[] = [];
  if (range.end <= range.start) return { shifts, cancelled };
  const clock = new ZoneClock(calendar.timeZone);
  const windows = calendar.windows.filter((window) => window.start < range.end && range.start < window.end);
  // A shift lasts at most a wall-clock day, so the one that reaches into the range began the day before at the latest.
  const lastDay = clock.dayNumberOf(range.end);
  for (let dayNumber = clock.dayNumberOf(range.start) - 1; dayNumber <= lastDay; dayNumber++) {
    const dayWallMs = dayNumber * DAY_MS;
    const weekday = weekdayOf(dayNumber);
    const nonWorkingReason = calendar.nonWorkingDays.get(dayNumber);
    for (const shift of calendar.shifts) {
      if (!shift.weekdays.has(weekday)) continue;
      const instance = { start: clock.toInstant(dayWallMs + shift.span.startSecond * 1000), end: clock.toInstant(dayWallMs + shift.span.endSecond * 1000) };
      const inRange = clip(instance, range);
      if (inRange === undefined) continue;
      if (nonWorkingReason !== undefined) {
        cancelled.push({ ...inRange, shift: shift.name, dayNumber, reason: nonWorkingReason });
        continue;
      }
      const downtime = downtimeOf(shift, instance, dayWallMs, windows, clock).flatMap((piece) => clip(piece, range) ?? []);
      shifts.push({ ...inRange, shift: shift.name, dayNumber, downtime });
    }
  }
  return { shifts, cancelled };
}
