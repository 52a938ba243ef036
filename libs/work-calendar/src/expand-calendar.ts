import { compileCalendar } from './compile-calendar';
import { expandCompiled } from './expand-compiled';
import { DAY_MS, memoizedIsoFormatter } from './local-time';
import { parseRange } from './parse-range';
import type { CalendarExpansion, PlannedDowntimeInterval, WorkCalendarDefinition } from './work-calendar-definition';

/**
 * The shift instances and planned downtime of [fromIso, toIso), cut at the range boundaries, in time
 * order. Throws InvalidWorkCalendarError for a bad definition or range.
 */
export function expandCalendar(definition: WorkCalendarDefinition, fromIso: string, toIso: string): CalendarExpansion {
  const expansion = expandCompiled(compileCalendar(definition), parseRange(fromIso, toIso));
  const iso = memoizedIsoFormatter();
  const localDate = (dayNumber: number): string => iso(dayNumber * DAY_MS).slice(0, 10);
  const inShifts = expansion.shifts.flatMap((instance) => {
    const date = localDate(instance.dayNumber);
    return instance.downtime.map((piece): PlannedDowntimeInterval => ({
      shift: instance.shift,
      date,
      start: iso(piece.start),
      end: iso(piece.end),
      reason: piece.reason,
      kind: piece.kind,
    }));
  });
  const nonWorking = expansion.cancelled.map((instance): PlannedDowntimeInterval => ({
    shift: instance.shift,
    date: localDate(instance.dayNumber),
    start: iso(instance.start),
    end: iso(instance.end),
    reason: instance.reason,
    kind: 'non-working-day',
  }));
  return {
    shifts: expansion.shifts.map((instance) => ({ shift: instance.shift, date: localDate(instance.dayNumber), start: iso(instance.start), end: iso(instance.end) })),
    // Instants formatted alike sort as text; localeCompare would cost a collation per comparison.
    plannedDowntime: nonWorking.length === 0 ? inShifts : [...inShifts, ...nonWorking].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
  };
}
