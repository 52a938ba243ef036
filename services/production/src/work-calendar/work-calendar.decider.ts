import type { PublishedWorkCalendar, WorkCalendarEvent } from '@quadrant/contracts';
import { DomainError, InvalidInputError, NotFoundError, type Decider } from '@quadrant/event-sourcing';
import { validateWorkCalendar, type WorkCalendarDefinition } from '@quadrant/work-calendar';

/** One stream per calendar owner (a site or a work unit). */
export const workCalendarStreamId = (equipmentId: string): string => `work-calendar-${equipmentId}`;

export type WorkCalendarCommand =
  | { type: 'DefineWorkCalendar'; equipmentId: string; calendar: PublishedWorkCalendar; at: string }
  | { type: 'BookPlannedDowntime'; equipmentId: string; windowId: string; start: string; end: string; reason: string; at: string }
  | { type: 'CancelPlannedDowntime'; equipmentId: string; windowId: string; at: string };

export interface BookedWindow {
  windowId: string;
  start: string;
  end: string;
  reason: string;
}

export type WorkCalendarState =
  | { status: 'None'; windows: BookedWindow[] }
  | { status: 'Defined'; version: number; calendar: PublishedWorkCalendar; windows: BookedWindow[] };

export class PlannedDowntimeConflict extends DomainError {
  constructor(windowId: string, other: BookedWindow) {
    super('ALREADY_EXISTS', `planned downtime "${windowId}" is already booked (${other.start} to ${other.end}, ${other.reason})`, { windowId });
  }
}

/** The calendar as the work-calendar library reads it: the shift pattern plus the booked windows. */
export function effectiveCalendar(state: WorkCalendarState): WorkCalendarDefinition | undefined {
  if (state.status !== 'Defined') return undefined;
  return { ...state.calendar, plannedDowntime: state.windows.map(({ start, end, reason }) => ({ start, end, reason })) };
}

export function decideWorkCalendar(command: WorkCalendarCommand, state: WorkCalendarState): WorkCalendarEvent[] {
  const { equipmentId, at } = command;
  switch (command.type) {
    case 'DefineWorkCalendar': {
      const problems = validateWorkCalendar(command.calendar);
      if (problems.length > 0) throw new InvalidInputError(problems.map((p) => ({ field: `calendar.${p.field}`, message: p.message })));
      if (state.status === 'Defined' && JSON.stringify(state.calendar) === JSON.stringify(command.calendar)) return [];
      const version = state.status === 'Defined' ? state.version + 1 : 1;
      return [{ type: 'WorkCalendarDefined', data: { equipmentId, version, calendar: command.calendar, definedAt: at } }];
    }
    case 'BookPlannedDowntime': {
      if (state.status === 'None') throw new NotFoundError('work calendar of', equipmentId);
      const { windowId, start, end, reason } = command;
      const problems = validateWorkCalendar({ ...state.calendar, plannedDowntime: [{ start, end, reason }] }).filter((p) => p.field.startsWith('plannedDowntime'));
      if (problems.length > 0) throw new InvalidInputError(problems.map((p) => ({ field: p.field.replace(/^plannedDowntime\[0\]\./, ''), message: p.message })));
      const existing = state.windows.find((w) => w.windowId === windowId);
      if (existing) {
        if (existing.start === start && existing.end === end && existing.reason === reason) return [];
        throw new PlannedDowntimeConflict(windowId, existing);
      }
      return [{ type: 'PlannedDowntimeBooked', data: { equipmentId, windowId, start, end, reason, bookedAt: at } }];
    }
    case 'CancelPlannedDowntime': {
      if (!state.windows.some((w) => w.windowId === command.windowId)) return [];
      return [{ type: 'PlannedDowntimeCancelled', data: { equipmentId, windowId: command.windowId, cancelledAt: at } }];
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export function evolveWorkCalendar(state: WorkCalendarState, event: WorkCalendarEvent): WorkCalendarState {
  switch (event.type) {
    case 'WorkCalendarDefined':
      return { status: 'Defined', version: event.data.version, calendar: event.data.calendar, windows: state.windows };
    case 'PlannedDowntimeBooked': {
      const { windowId, start, end, reason } = event.data;
      return { ...state, windows: [...state.windows, { windowId, start, end, reason }] };
    }
    case 'PlannedDowntimeCancelled':
      return { ...state, windows: state.windows.filter((w) => w.windowId !== event.data.windowId) };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const workCalendarDecider: Decider<WorkCalendarCommand, WorkCalendarState, WorkCalendarEvent> = {
  decide: decideWorkCalendar,
  evolve: evolveWorkCalendar,
  initialState: () => ({ status: 'None', windows: [] }),
};
