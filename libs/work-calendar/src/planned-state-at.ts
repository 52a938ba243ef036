import { compileCalendar } from './compile-calendar';
import { expandCompiled } from './expand-compiled';
import { InvalidWorkCalendarError } from './errors';
import { parseIsoInstant } from './local-time';
import type { PlannedState, WorkCalendarDefinition } from './work-calendar-definition';

/**
 * The planned state of the calendar at one instant, for guards such as "no start on a work unit in planned
 * downtime". A window is reported even outside any shift: a start there would still collide with the
 * booked maintenance, although the window adds nothing to PDOT.
 */
export function plannedStateAt(definition: WorkCalendarDefinition, iso: string): PlannedState {
  const instant = parseIsoInstant(iso);
  if (instant === undefined) throw new InvalidWorkCalendarError([{ field: 'at', message: `"${iso}" is not an ISO instant with an offset` }]);
  const calendar = compileCalendar(definition);
  const { shifts, cancelled } = expandCompiled(calendar, { start: instant, end: instant + 1 });
  const window = calendar.windows.find((candidate) => candidate.start <= instant && instant < candidate.end);
  const instance = shifts[0];
  const shiftName = instance === undefined ? {} : { shift: instance.shift };
  if (window !== undefined) return { inShift: instance !== undefined, ...shiftName, plannedDowntime: { reason: window.reason, kind: 'window' } };
  const piece = instance?.downtime[0];
  if (piece !== undefined) return { inShift: true, ...shiftName, plannedDowntime: { reason: piece.reason, kind: piece.kind } };
  const off = cancelled[0];
  if (off !== undefined) return { inShift: false, plannedDowntime: { reason: off.reason, kind: 'non-working-day' } };
  return { inShift: instance !== undefined, ...shiftName };
}
