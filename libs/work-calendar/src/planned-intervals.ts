import { compileCalendar, type CompiledCalendar } from './compile-calendar';
import { expandCompiled } from './expand-compiled';
import { InvalidWorkCalendarError } from './errors';
import type { Interval } from './intervals';
import type { WorkCalendarDefinition } from './work-calendar-definition';

/** Definitions are values: each is compiled (and validated) once, for as long as someone holds it. */
const compiled = new WeakMap<WorkCalendarDefinition, CompiledCalendar>();

/**
 * The shift instances of [from, to) and the planned downtime inside them (breaks and booked windows), cut
 * at the range, in epoch milliseconds: what `expandCalendar` answers, without writing and reading back an
 * ISO text for every instant, for callers that add up time over many buckets. A cancelled (non-working)
 * day's shift is in neither list. Throws InvalidWorkCalendarError for a bad definition or range.
 */
export function plannedIntervals(definition: WorkCalendarDefinition, from: number, to: number): { shifts: Interval[]; downtime: Interval[] } {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) throw new InvalidWorkCalendarError([{ field: 'to', message: `is before from, or either is not an instant` }]);
  let calendar = compiled.get(definition);
  if (!calendar) {
    calendar = compileCalendar(definition);
    compiled.set(definition, calendar);
  }
  const expansion = expandCompiled(calendar, { start: from, end: to });
  const shifts: Interval[] = [];
  const downtime: Interval[] = [];
  for (const instance of expansion.shifts) {
    shifts.push({ start: instance.start, end: instance.end });
    for (const piece of instance.downtime) downtime.push({ start: piece.start, end: piece.end });
  }
  return { shifts, downtime };
}
