/**
 * How the schedule reads on screen: revision triggers, moves and operations in plain words. Pure (no DOM); the
 * time zone is a parameter (the browser's when omitted, as the Gantt's time axis is), so the unit tests pin it.
 */
import { formatDateTime, formatReason, formatSpan } from './format';
import type { EquipmentLevel } from './queries';
import type { OperationPlacement, RevisionTrigger, RevisionTriggerKind, ScheduledOperation, ScheduleUnavailability } from './schedule-queries';
import { operationLabel } from './gantt-data';

const TRIGGER_LABELS: Record<RevisionTriggerKind, string> = {
  JobOrderReleased: 'Job order released',
  Breakdown: 'Breakdown',
  Repaired: 'Repaired',
  PlannedDowntimeBooked: 'Planned downtime booked',
  PlannedDowntimeCancelled: 'Planned downtime cancelled',
  WorkCalendarDefined: 'Shift calendar changed',
  RescheduleRequested: 'Reschedule requested',
  OperationMoved: 'Operation moved by hand',
  Improved: 'Improved',
};

export function formatTriggerKind(kind: RevisionTriggerKind): string {
  return TRIGGER_LABELS[kind] ?? kind;
}

/** `Breakdown · Mill L1 · Spindle overheat`: what happened, where, and why when the trigger says. */
export function describeTrigger(trigger: Pick<RevisionTrigger, 'kind' | 'workUnitId' | 'reasonCode'>, names: ReadonlyMap<string, string>): string {
  const parts = [formatTriggerKind(trigger.kind)];
  if (trigger.workUnitId) parts.push(names.get(trigger.workUnitId) ?? trigger.workUnitId);
  if (trigger.reasonCode) parts.push(formatGivenReason(trigger.reasonCode));
  return parts.join(' · ');
}

/** Where and when an operation was placed: `Mill L1, 2 Nov 2026, 06:00–08:30` (setup included); null: not in the plan. */
export function describePlacement(placement: OperationPlacement | null, names: ReadonlyMap<string, string>, timeZone?: string): string {
  if (placement === null) return 'not scheduled';
  const unit = names.get(placement.workUnitId) ?? placement.workUnitId;
  return `${unit}, ${formatSpan(placement.setupStart, placement.end, timeZone)}`;
}

/** `moved 42 operations`, `moved nothing`: a revision's moved count in words. */
export function formatMovedCount(count: number): string {
  if (count === 0) return 'moved nothing';
  return `moved ${count} operation${count === 1 ? '' : 's'}`;
}

/** The lines of an operation's tooltip, as text (the chart escapes them). */
export function operationDetails(operation: ScheduledOperation, names: ReadonlyMap<string, string>, timeZone?: string): string[] {
  const lines = [operationLabel(operation), names.get(operation.workUnitId) ?? operation.workUnitId];
  if (operation.setupStart !== operation.start && Date.parse(operation.setupStart) < Date.parse(operation.start)) {
    lines.push(`Setup ${formatSpan(operation.setupStart, operation.start, timeZone)}`);
  }
  lines.push(`Runs ${formatSpan(operation.start, operation.end, timeZone)}`);
  const product = [operation.productId ? `Product ${operation.productId}` : null, operation.priority === null ? null : `priority ${operation.priority}`].filter(
    (part): part is string => part !== null,
  );
  if (product.length > 0) lines.push(product.join(' · '));
  if (operation.dueAt) lines.push(`Due ${formatDateTime(operation.dueAt, timeZone)}${operation.late ? ' · late' : ''}`);
  else if (operation.late) lines.push('Late');
  lines.push(operation.locked ? 'Locked by a planner' : 'Not locked');
  return lines;
}

/** A reason as given: a code (`SPINDLE_OVERHEAT`) in words, a planner's text as it is. */
export function formatGivenReason(reason: string): string {
  return /^[A-Z0-9_-]+$/.test(reason.trim()) ? formatReason(reason) : reason.trim() || formatReason(null);
}

/** The lines of a downtime band's tooltip: kind, unit, reason, when. */
export function unavailabilityDetails(unavailability: ScheduleUnavailability, names: ReadonlyMap<string, string>, timeZone?: string): string[] {
  return [
    unavailability.kind === 'Breakdown' ? 'Breakdown' : 'Planned downtime',
    names.get(unavailability.workUnitId) ?? unavailability.workUnitId,
    formatGivenReason(unavailability.reason),
    formatSpan(unavailability.from, unavailability.to, timeZone),
  ];
}

/** For text put into ECharts' HTML tooltips: ids and names come from the gateway. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

interface LeveledChain {
  id: string;
  level: EquipmentLevel;
  parent?: LeveledChain | null;
}

/** The site a scope is in (itself for a site), from its parent chain; null for an enterprise, which has no schedule. */
export function siteOf(equipment: LeveledChain): string | null {
  for (let element: LeveledChain | null | undefined = equipment; element; element = element.parent) {
    if (element.level === 'Site') return element.id;
  }
  return null;
}
