/**
 * What the schedule's Gantt chart draws, computed from `workSchedule`: a row per work unit, a bar per operation,
 * a band per time a unit could not be scheduled on, all in epoch milliseconds and cut to the range shown.
 * Pure (no DOM, no ECharts), so it is unit-tested.
 */
import type { ScheduledOperation, ScheduleUnavailability, WorkSchedule } from './schedule-queries';

export interface GanttRow {
  workUnitId: string;
  name: string;
}

export interface GanttBar {
  /** `jobOrderId/segmentId`: ids have no slash, so it is unique and readable (test ids, selection). */
  key: string;
  /** Index into `rows`. */
  row: number;
  operation: ScheduledOperation;
  label: string;
  /** Cut to the range: a bar begun before it starts at its left edge. Equal to `start` without setup. */
  setupStart: number;
  start: number;
  end: number;
}

export interface GanttBand {
  row: number;
  unavailability: ScheduleUnavailability;
  from: number;
  to: number;
}

export interface GanttData {
  from: number;
  to: number;
  rows: GanttRow[];
  bars: GanttBar[];
  bands: GanttBand[];
}

export function operationKey(operation: { jobOrderId: string; segmentId: string }): string {
  return `${operation.jobOrderId}/${operation.segmentId}`;
}

export function operationLabel(operation: { jobOrderId: string; segmentId: string }): string {
  return `${operation.jobOrderId} / ${operation.segmentId}`;
}

/** [start, end) cut to [from, to) (epoch ms); null when nothing of it is left. */
export function clipSpan(start: number, end: number, from: number, to: number): { start: number; end: number } | null {
  const clipped = { start: Math.max(start, from), end: Math.min(end, to) };
  return clipped.start < clipped.end ? clipped : null;
}

/**
 * The rows, bars and bands of a schedule. Rows are `workUnitIds` in hierarchy order (the contract); a unit that
 * has work or downtime without being among them still gets a row at the end, rather than its work vanishing.
 * Unit names come from `names`, the id when it has none.
 */
export function ganttData(schedule: WorkSchedule, names: ReadonlyMap<string, string>): GanttData {
  const from = Date.parse(schedule.from);
  const to = Date.parse(schedule.to);
  const rowOf = new Map<string, number>();
  const rows: GanttRow[] = [];
  const addRow = (workUnitId: string): number => {
    const known = rowOf.get(workUnitId);
    if (known !== undefined) return known;
    rows.push({ workUnitId, name: names.get(workUnitId) ?? workUnitId });
    rowOf.set(workUnitId, rows.length - 1);
    return rows.length - 1;
  };
  for (const workUnitId of schedule.workUnitIds) addRow(workUnitId);

  const bars: GanttBar[] = [];
  for (const operation of schedule.operations) {
    const start = Date.parse(operation.start);
    const setupStart = Math.min(Date.parse(operation.setupStart), start);
    const span = clipSpan(setupStart, Date.parse(operation.end), from, to);
    if (span === null) continue;
    bars.push({
      key: operationKey(operation),
      row: addRow(operation.workUnitId),
      operation,
      label: operationLabel(operation),
      setupStart: span.start,
      start: Math.min(Math.max(start, span.start), span.end),
      end: span.end,
    });
  }
  bars.sort((a, b) => a.row - b.row || a.setupStart - b.setupStart || a.key.localeCompare(b.key));

  const bands: GanttBand[] = [];
  for (const unavailability of schedule.unavailable) {
    const span = clipSpan(Date.parse(unavailability.from), Date.parse(unavailability.to), from, to);
    if (span === null) continue;
    bands.push({ row: addRow(unavailability.workUnitId), unavailability, from: span.start, to: span.end });
  }
  bands.sort((a, b) => a.row - b.row || a.from - b.from);

  return { from, to, rows, bars, bands };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Diagonal hatching (bottom-left to top-right, every `spacing` px) inside a rectangle, as line segments
 * [x1, y1, x2, y2] already cut to it: downtime bands are hatched, so they read as "not available" without colour.
 */
export function hatchLines(rect: Rect, spacing: number): [number, number, number, number][] {
  if (rect.width <= 0 || rect.height <= 0 || spacing <= 0) return [];
  const left = rect.x;
  const right = rect.x + rect.width;
  const top = rect.y;
  const bottom = rect.y + rect.height;
  const lines: [number, number, number, number][] = [];
  // Each line is x + y = c; c runs from the top-left corner to the bottom-right one.
  for (let c = left + top + spacing; c < right + bottom; c += spacing) {
    const x1 = Math.max(left, c - bottom);
    const x2 = Math.min(right, c - top);
    if (x1 < x2) lines.push([x1, c - x1, x2, c - x2]);
  }
  return lines;
}

export interface ScheduleCounts {
  operations: number;
  late: number;
  locked: number;
}

export function scheduleCounts(operations: readonly ScheduledOperation[]): ScheduleCounts {
  return {
    operations: operations.length,
    late: operations.filter((operation) => operation.late).length,
    locked: operations.filter((operation) => operation.locked).length,
  };
}
