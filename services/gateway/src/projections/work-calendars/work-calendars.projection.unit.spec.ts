import type { PublishedWorkCalendar } from '@quadrant/contracts';
import { calendarTimes, plannedStateAt } from '@quadrant/work-calendar';
import { ProjectionSpecification, stateChanged } from '../../testing/projection-specification';
import type { ProductionFact } from '../production-facts';
import {
  plannedDowntimeWindowKeyOf,
  projectPlannedDowntimeWindow,
  projectWorkCalendar,
  resolveCalendar,
  siteOf,
  workCalendarDefinitionOf,
  workCalendarKeyOf,
  type BookedWindow,
  type WorkCalendarRecord,
} from './work-calendars.projection';

const at = '2026-11-02T06:00:00.000Z';
const twoShifts: PublishedWorkCalendar = {
  timeZone: 'Europe/Paris',
  shifts: [
    { name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:15', reason: 'coffee' }] },
    { name: 'Late', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '14:00', end: '22:00' },
  ],
};
const nights: PublishedWorkCalendar = { ...twoShifts, shifts: [...twoShifts.shifts, { name: 'Night', days: ['MON'], start: '22:00', end: '06:00' }] };

function defined(equipmentId: string, version: number, calendar: PublishedWorkCalendar, streamPosition = version): ProductionFact {
  return {
    type: 'WorkCalendarDefined',
    eventId: `${equipmentId}-${streamPosition}`,
    streamPosition,
    occurredAt: at,
    actor: 'planner.anna',
    correlationId: null,
    data: { equipmentId, version, calendar, definedAt: at },
  };
}

function booked(streamPosition: number, windowId = 'pm-1', start = '2026-11-03T08:00:00.000Z', end = '2026-11-03T12:00:00.000Z'): ProductionFact {
  return {
    type: 'PlannedDowntimeBooked',
    eventId: `lyon-${streamPosition}`,
    streamPosition,
    occurredAt: at,
    actor: 'planner.anna',
    correlationId: null,
    data: { equipmentId: 'lyon', windowId, start, end, reason: 'planned maintenance', bookedAt: at },
  };
}

function cancelled(streamPosition: number, windowId = 'pm-1'): ProductionFact {
  return {
    type: 'PlannedDowntimeCancelled',
    eventId: `lyon-${streamPosition}`,
    streamPosition,
    occurredAt: at,
    actor: 'planner.anna',
    correlationId: null,
    data: { equipmentId: 'lyon', windowId, cancelledAt: '2026-11-02T07:00:00.000Z' },
  };
}

describe('work calendars projection', () => {
  describe('calendars: the latest version wins', () => {
    const spec = ProjectionSpecification(projectWorkCalendar);

    it('keeps the first definition of an owner, keyed by the owner', () => {
      spec.given().when(defined('lyon', 1, twoShifts)).then({ equipmentId: 'lyon', version: 1, calendar: twoShifts, definedAt: at, streamPosition: 1, eventId: 'lyon-1' });
      expect(workCalendarKeyOf(defined('lyon', 1, twoShifts))).toBe('lyon');
      expect(workCalendarKeyOf(booked(2))).toBeUndefined();
    });

    it('replaces it with a newer version', () => {
      spec.given(defined('lyon', 1, twoShifts)).when(defined('lyon', 2, nights, 4)).thenWrites({ version: 2, calendar: nights, streamPosition: 4 });
    });

    it('does not let an older version arriving late overwrite a newer one', () => {
      spec.given(defined('lyon', 2, nights)).when(defined('lyon', 1, twoShifts)).thenNothingIsWritten(/stale: version 1 of the calendar of "lyon" is not after version 2/);
    });

    it('writes nothing for a redelivered definition', () => {
      spec.given(defined('lyon', 2, nights)).when({ ...defined('lyon', 2, nights), eventId: 'another-id' }).thenNothingIsWritten(/stale: version 2/);
    });

    it('passes over other events', () => {
      spec.given().when(booked(2)).thenNothingIsWritten(/does not define a work calendar/);
    });
  });

  describe('planned-downtime windows: ordered by position in the owner stream', () => {
    const spec = ProjectionSpecification(projectPlannedDowntimeWindow);
    const window = { equipmentId: 'lyon', windowId: 'pm-1', start: '2026-11-03T08:00:00.000Z', end: '2026-11-03T12:00:00.000Z', reason: 'planned maintenance', bookedAt: at };

    it('books a window, keyed by owner and window id', () => {
      spec.given().when(booked(2)).then({ ...window, status: 'Booked', cancelledAt: null, streamPosition: 2, eventId: 'lyon-2' });
      expect(plannedDowntimeWindowKeyOf(booked(2))).toEqual(plannedDowntimeWindowKeyOf(cancelled(3)));
      expect(plannedDowntimeWindowKeyOf(booked(2, 'pm-2'))).not.toEqual(plannedDowntimeWindowKeyOf(booked(2)));
      expect(plannedDowntimeWindowKeyOf(defined('lyon', 1, twoShifts))).toBeUndefined();
      spec.given().when(stateChanged(2, 'Running', 'Idle', at)).thenNothingIsWritten(/does not book or cancel/);
    });

    it('keeps a cancelled window with its booking, as history', () => {
      spec.given(booked(2)).when(cancelled(3)).then({ ...window, status: 'Cancelled', cancelledAt: '2026-11-02T07:00:00.000Z', streamPosition: 3, eventId: 'lyon-3' });
    });

    it('writes nothing for a redelivered booking or cancellation', () => {
      spec.given(booked(2)).when(booked(2)).thenNothingIsWritten(/stale: position 2 is not after 2 of window "pm-1" of "lyon"/);
      spec.given(booked(2), cancelled(3)).when(cancelled(3)).thenNothingIsWritten(/stale: position 3 is not after 3/);
    });

    it('does not revive a cancelled window when its booking is redelivered', () => {
      spec.given(booked(2), cancelled(3)).when(booked(2)).thenNothingIsWritten(/stale: position 2 is not after 3/);
    });

    it('keeps a cancellation arriving before its booking, and then skips the booking', () => {
      spec.given().when(cancelled(3)).then({ equipmentId: 'lyon', windowId: 'pm-1', status: 'Cancelled', start: null, end: null, reason: null, bookedAt: null, cancelledAt: '2026-11-02T07:00:00.000Z', streamPosition: 3, eventId: 'lyon-3' });
      spec.given(cancelled(3)).when(booked(2)).thenNothingIsWritten(/stale/);
    });

    it('books the same window id again after its cancellation, as production allows', () => {
      spec.given(booked(2), cancelled(3)).when(booked(5, 'pm-1', '2026-11-04T08:00:00.000Z', '2026-11-04T09:00:00.000Z')).thenWrites({
        status: 'Booked',
        start: '2026-11-04T08:00:00.000Z',
        cancelledAt: null,
        streamPosition: 5,
      });
    });
  });

  describe('from events to a work calendar definition', () => {
    it('maps as production does: the published pattern plus the booked windows, without their ids', () => {
      const windows: BookedWindow[] = [{ equipmentId: 'lyon', windowId: 'pm-1', start: '2026-11-03T08:00:00.000Z', end: '2026-11-03T12:00:00.000Z', reason: 'planned maintenance', streamPosition: 2 }];
      const definition = workCalendarDefinitionOf(twoShifts, windows);
      expect(definition).toEqual({ ...twoShifts, plannedDowntime: [{ start: '2026-11-03T08:00:00.000Z', end: '2026-11-03T12:00:00.000Z', reason: 'planned maintenance' }] });
      expect(workCalendarDefinitionOf(twoShifts, [])).toEqual({ ...twoShifts, plannedDowntime: [] });
      expect(plannedStateAt(definition, '2026-11-03T09:00:00.000Z').plannedDowntime?.reason).toBe('planned maintenance');
      expect(plannedStateAt(definition, '2026-11-02T09:05:00.000Z').plannedDowntime?.reason).toBe('coffee');
      // Tuesday 3 November, Paris (UTC+1): 16 h of shifts, coffee 15 min and 4 h of maintenance (the coffee break inside it counted once).
      expect(calendarTimes(definition, '2026-11-02T23:00:00.000Z', '2026-11-03T23:00:00.000Z')).toEqual({ plannedOperatingTime: 16 * 3600, plannedDownTime: 4 * 3600, plannedBusyTime: 12 * 3600 });
    });
  });

  describe('resolving a work unit calendar', () => {
    const record = (equipmentId: string, version: number, calendar: PublishedWorkCalendar): WorkCalendarRecord => ({ equipmentId, version, calendar, definedAt: at, streamPosition: version, eventId: `${equipmentId}-${version}` });
    const window = (equipmentId: string, windowId: string, streamPosition: number): BookedWindow => ({
      equipmentId,
      windowId,
      start: '2026-11-03T08:00:00.000Z',
      end: '2026-11-03T09:00:00.000Z',
      reason: `${windowId} on ${equipmentId}`,
      streamPosition,
    });
    const calendars = new Map([
      ['lyon', record('lyon', 3, twoShifts)],
      ['press-1', record('press-1', 1, nights)],
    ]);
    const windows = new Map([
      ['lyon', [window('lyon', 'shutdown', 7), window('lyon', 'audit', 4)]],
      ['press-1', [window('press-1', 'pm-1', 2)]],
    ]);

    it("takes the unit's own calendar over its site's, with the windows of both, the unit's first, each in booking order", () => {
      const resolved = resolveCalendar('press-1', 'lyon', calendars, windows);
      expect(resolved).toMatchObject({ ownerId: 'press-1', inherited: false, version: 1, siteId: 'lyon' });
      expect(resolved?.windows.map((w) => w.windowId)).toEqual(['pm-1', 'audit', 'shutdown']);
      expect(resolved?.definition).toEqual(workCalendarDefinitionOf(nights, resolved?.windows ?? []));
    });

    it("inherits the site's calendar, and null when neither has one", () => {
      expect(resolveCalendar('press-2', 'lyon', calendars, windows)).toMatchObject({ ownerId: 'lyon', inherited: true, version: 3 });
      expect(resolveCalendar('press-2', 'paris', calendars, windows)).toBeNull();
      expect(resolveCalendar('press-2', null, calendars, windows)).toBeNull();
    });

    it('gives units of the same effective calendar the same identity, and any difference another', () => {
      const key = (unit: string, site: string | null, w = windows, c = calendars): string | undefined => resolveCalendar(unit, site, c, w)?.key;
      expect(key('press-2', 'lyon')).toBe(key('press-3', 'lyon'));
      expect(key('press-2', 'lyon')).toBe(key('lyon', 'lyon'));
      expect(key('press-1', 'lyon')).not.toBe(key('press-2', 'lyon'));
      expect(key('press-2', 'lyon', new Map([...windows, ['press-2', [window('press-2', 'pm-9', 1)]]]))).not.toBe(key('press-3', 'lyon'));
      expect(key('press-2', 'lyon', windows, new Map([['lyon', record('lyon', 4, twoShifts)]]))).not.toBe(key('press-2', 'lyon'));
      expect(key('press-2', 'lyon', new Map([['lyon', [window('lyon', 'audit', 4)]]]))).not.toBe(key('press-2', 'lyon'));
    });

    it('counts a site calendar asked for the site itself once, windows included', () => {
      expect(resolveCalendar('lyon', 'lyon', calendars, windows)?.windows.map((w) => w.windowId)).toEqual(['audit', 'shutdown']);
    });

    it('finds the site in the path, as production does', () => {
      expect(siteOf(['acme', 'lyon', 'stamping', 'line-1', 'press-1'])).toBe('lyon');
      expect(siteOf(['acme'])).toBeNull();
      expect(siteOf([])).toBeNull();
    });
  });
});
