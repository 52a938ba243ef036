import { compileCalendar } from './compile-calendar';
import { expandCompiled, type ExpandedShift } from './expand-compiled';
import { totalSeconds } from './intervals';
import { DAY_MS, memoizedIsoFormatter } from './local-time';
import { parseRange } from './parse-range';
import type { CalendarTimes, ShiftInstanceTimes, WorkCalendarDefinition } from './work-calendar-definition';

// PBT = POT − PDOT (ISO 22400-2). Non-working days are outside POT, so they are not PDOT either.
function timesOf(instances: readonly ExpandedShift[]): CalendarTimes {
  const plannedOperatingTime = totalSeconds(instances);
  const plannedDownTime = totalSeconds(instances.flatMap((instance) => instance.downtime));
  return { plannedOperatingTime, plannedDownTime, plannedBusyTime: plannedOperatingTime - plannedDownTime };
}

/** POT, PDOT and PBT in seconds over [fromIso, toIso), shifts and downtime cut exactly at its boundaries. */
export function calendarTimes(definition: WorkCalendarDefinition, fromIso: string, toIso: string): CalendarTimes {
  return timesOf(expandCompiled(compileCalendar(definition), parseRange(fromIso, toIso)).shifts);
}

/** The same elements per shift instance, for "by shift" rollups; they add up to calendarTimes. */
export function shiftInstances(definition: WorkCalendarDefinition, fromIso: string, toIso: string): ShiftInstanceTimes[] {
  const iso = memoizedIsoFormatter();
  return expandCompiled(compileCalendar(definition), parseRange(fromIso, toIso)).shifts.map((instance) => ({
    shift: instance.shift,
    date: iso(instance.dayNumber * DAY_MS).slice(0, 10),
    start: iso(instance.start),
    end: iso(instance.end),
    ...timesOf([instance]),
  }));
}
