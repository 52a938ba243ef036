import type { ProductionEvent, PublishedWorkCalendar, ReleasedSegment, RevisionTriggerKind, WorkUnitState } from '@quadrant/contracts';
import type { RecordedEvent } from '@quadrant/event-sourcing';

export interface WorkUnitPicture {
  workUnitId: string;
  siteId: string;
  state: WorkUnitState;
  since: string;
  reasonCode?: string;
  /** Finished breakdowns: how many and how long in all, for the unit's MTTR. */
  repairs: { count: number; seconds: number };
  /** The product of the last segment started on the unit: what it is set up for. */
  setUpFor?: string;
}

export interface SegmentPicture {
  definition: ReleasedSegment;
  status: 'Pending' | 'Running' | 'Completed';
  workUnitId?: string;
  startedAt?: string;
  good: number;
}

export interface JobOrderPicture {
  jobOrderId: string;
  siteId: string;
  productId: string;
  quantity: number;
  priority: number;
  dueAt?: string;
  released: boolean;
  segments: Map<string, SegmentPicture>;
}

export interface PlannedWindow {
  equipmentId: string;
  windowId: string;
  start: string;
  end: string;
  reason: string;
}

/** A fact the schedule of a site must react to. */
export interface RescheduleTrigger {
  siteId: string;
  kind: RevisionTriggerKind;
  eventId: string;
  occurredAt: string;
  workUnitId?: string;
  reasonCode?: string;
}

const seconds = (from: string, to: string): number => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

/**
 * What the rescheduler knows of the shop floor, folded from the production log: work units and their
 * states and repair history, open job orders and their segments, booked planned downtime. Completed,
 * closed and aborted job orders are forgotten, so it stays as small as the open work.
 */
export class ShopFloor {
  readonly workUnits = new Map<string, WorkUnitPicture>();
  readonly jobOrders = new Map<string, JobOrderPicture>();
  /** By equipment (a site or a work unit), then window id. */
  readonly plannedWindows = new Map<string, Map<string, PlannedWindow>>();
  /** Equipment id → its site, for every level below the enterprise. */
  readonly siteOf = new Map<string, string>();
  /** The shift pattern of a site or work unit (a unit's own wins over its site's). */
  readonly calendars = new Map<string, PublishedWorkCalendar>();

  /** Folds one event; answers the trigger when the schedule of a site must be revised for it. */
  apply(recorded: RecordedEvent): RescheduleTrigger | undefined {
    const event = { type: recorded.type, data: recorded.data } as ProductionEvent;
    const eventId = recorded.eventId;
    switch (event.type) {
      case 'EquipmentDefined': {
        const { equipmentId, level, path } = event.data;
        const siteId = level === 'Site' ? equipmentId : path[1];
        if (level !== 'Enterprise' && siteId) this.siteOf.set(equipmentId, siteId);
        if (level === 'WorkUnit' && siteId && !this.workUnits.has(equipmentId)) {
          this.workUnits.set(equipmentId, { workUnitId: equipmentId, siteId, state: 'Unknown', since: event.data.definedAt, repairs: { count: 0, seconds: 0 } });
        }
        return undefined;
      }
      case 'WorkUnitStateChanged': {
        const unit = this.workUnits.get(event.data.workUnitId);
        if (!unit) return undefined;
        const { state, since, reasonCode } = event.data;
        const wasDown = unit.state === 'Down';
        if (wasDown && state === 'Down') return undefined;
        if (wasDown) unit.repairs = { count: unit.repairs.count + 1, seconds: unit.repairs.seconds + seconds(unit.since, since) };
        unit.state = state;
        unit.since = since;
        if (reasonCode) unit.reasonCode = reasonCode;
        else delete unit.reasonCode;
        const base = { siteId: unit.siteId, eventId, occurredAt: since, workUnitId: unit.workUnitId };
        if (state === 'Down' && !wasDown) return { ...base, kind: 'Breakdown', ...(reasonCode ? { reasonCode } : {}) };
        if (state !== 'Down' && wasDown) return { ...base, kind: 'Repaired' };
        return undefined;
      }
      case 'JobOrderCreated': {
        const { jobOrderId, siteId, productId, quantity, priority, dueAt } = event.data;
        this.jobOrders.set(jobOrderId, { jobOrderId, siteId, productId, quantity, priority, ...(dueAt ? { dueAt } : {}), released: false, segments: new Map() });
        return undefined;
      }
      case 'JobOrderReleased': {
        const order = this.jobOrders.get(event.data.jobOrderId);
        if (!order) return undefined;
        order.released = true;
        order.segments = new Map(event.data.segments.map((definition) => [definition.segmentId, { definition, status: 'Pending', good: 0 }]));
        return { siteId: order.siteId, kind: 'JobOrderReleased', eventId, occurredAt: event.data.releasedAt };
      }
      case 'JobOrderSegmentStarted': {
        const segment = this.jobOrders.get(event.data.jobOrderId)?.segments.get(event.data.segmentId);
        if (!segment) return undefined;
        segment.status = 'Running';
        segment.workUnitId = event.data.workUnitId;
        segment.startedAt = event.data.startedAt;
        const unit = this.workUnits.get(event.data.workUnitId);
        const order = this.jobOrders.get(event.data.jobOrderId);
        if (unit && order) unit.setUpFor = order.productId;
        return undefined;
      }
      case 'ProductionReported': {
        const segment = this.jobOrders.get(event.data.jobOrderId)?.segments.get(event.data.segmentId);
        if (segment) segment.good += event.data.good;
        return undefined;
      }
      case 'JobOrderSegmentCompleted': {
        const segment = this.jobOrders.get(event.data.jobOrderId)?.segments.get(event.data.segmentId);
        if (segment) segment.status = 'Completed';
        return undefined;
      }
      case 'JobOrderCompleted':
      case 'JobOrderClosed':
      case 'JobOrderAborted':
        this.jobOrders.delete(event.data.jobOrderId);
        return undefined;
      case 'WorkCalendarDefined': {
        const { equipmentId, calendar, definedAt } = event.data;
        this.calendars.set(equipmentId, calendar);
        const siteId = this.siteOf.get(equipmentId);
        const unit = this.workUnits.has(equipmentId) ? { workUnitId: equipmentId } : {};
        return siteId ? { siteId, kind: 'WorkCalendarDefined', eventId, occurredAt: definedAt, ...unit } : undefined;
      }
      case 'PlannedDowntimeBooked': {
        const { equipmentId, windowId, start, end, reason } = event.data;
        const windows = this.plannedWindows.get(equipmentId) ?? new Map<string, PlannedWindow>();
        windows.set(windowId, { equipmentId, windowId, start, end, reason });
        this.plannedWindows.set(equipmentId, windows);
        const siteId = this.siteOf.get(equipmentId);
        const unit = this.workUnits.has(equipmentId) ? { workUnitId: equipmentId } : {};
        return siteId ? { siteId, kind: 'PlannedDowntimeBooked', eventId, occurredAt: event.data.bookedAt, ...unit } : undefined;
      }
      case 'PlannedDowntimeCancelled': {
        const { equipmentId, windowId } = event.data;
        if (!this.plannedWindows.get(equipmentId)?.delete(windowId)) return undefined;
        const siteId = this.siteOf.get(equipmentId);
        const unit = this.workUnits.has(equipmentId) ? { workUnitId: equipmentId } : {};
        return siteId ? { siteId, kind: 'PlannedDowntimeCancelled', eventId, occurredAt: event.data.cancelledAt, ...unit } : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Mean time to repair of a unit from its finished breakdowns, in seconds; undefined before the first. */
  meanTimeToRepair(workUnitId: string): number | undefined {
    const unit = this.workUnits.get(workUnitId);
    return unit && unit.repairs.count > 0 ? unit.repairs.seconds / unit.repairs.count : undefined;
  }

  /** Released job orders of a site with at least one segment still to do. */
  openJobOrders(siteId: string): JobOrderPicture[] {
    return [...this.jobOrders.values()].filter((order) => order.siteId === siteId && order.released && [...order.segments.values()].some((s) => s.status !== 'Completed'));
  }

  /** The shift pattern a unit works to: its own, else its site's; none means round the clock. */
  calendarOf(workUnitId: string): PublishedWorkCalendar | undefined {
    const siteId = this.workUnits.get(workUnitId)?.siteId;
    return this.calendars.get(workUnitId) ?? (siteId ? this.calendars.get(siteId) : undefined);
  }

  /** Booked windows that apply to a unit: its own and its site's. */
  windowsOf(workUnitId: string): PlannedWindow[] {
    const siteId = this.workUnits.get(workUnitId)?.siteId;
    return [...(this.plannedWindows.get(workUnitId)?.values() ?? []), ...((siteId && this.plannedWindows.get(siteId)?.values()) || [])];
  }
}
