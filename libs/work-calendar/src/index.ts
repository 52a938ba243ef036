export type * from './work-calendar-definition';
export { InvalidWorkCalendarError, type WorkCalendarProblem } from './errors';
export { validateWorkCalendar, assertValidWorkCalendar } from './validate-work-calendar';
export { expandCalendar } from './expand-calendar';
export { plannedIntervals } from './planned-intervals';
export { calendarTimes, shiftInstances } from './calendar-times';
export { plannedStateAt } from './planned-state-at';
export { ZoneClock, wallTimeOf, isKnownTimeZone } from './time-zone';
export { weekdayOf, DAY_MS } from './local-time';
