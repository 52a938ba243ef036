import { useMemo } from 'react';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import { hatchLines, type GanttData } from '../gantt-data';
import { escapeHtml, operationDetails, unavailabilityDetails } from '../schedule-format';
import { CHART_COLORS, EChart, type ChartClick, type ChartOption } from './EChart';

type Element = Extract<NonNullable<CustomSeriesRenderItemReturn>, { type: 'group' }>['children'][number];

/** Colours of the Gantt: setup a lighter tint of its operation's colour, late work orange, downtime hatched. */
export const GANTT_COLORS = {
  run: '#2563eb',
  setup: '#93c5fd',
  lateRun: '#c2410c',
  lateSetup: '#fdba74',
  locked: '#0f172a',
  selected: '#facc15',
  label: '#ffffff',
  breakdown: '#dc2626',
  breakdownFill: 'rgba(220, 38, 38, 0.12)',
  plannedDowntime: '#64748b',
  plannedDowntimeFill: 'rgba(100, 116, 139, 0.16)',
  now: '#0f172a',
};

const ROW_HEIGHT = 44;
const BAR_SHARE = 0.62;
const LABEL_FONT = '11px system-ui, -apple-system, sans-serif';
// A label goes inside its bar only when it fits, judged by this width per character (11 px text).
const CHAR_WIDTH = 6.2;

function rowHeightOf(api: CustomSeriesRenderItemAPI): number {
  const size = api.size?.([0, 1]);
  return Array.isArray(size) ? (size[1] ?? ROW_HEIGHT) : ROW_HEIGHT;
}

/** A padlock drawn with shapes (no font has to have the glyph), 9 px wide, its body centred on `y`. */
function padlock(x: number, y: number, color: string): Element[] {
  return [
    { type: 'arc', name: 'lock-shackle', shape: { cx: x + 4.5, cy: y - 1.5, r: 2.6, startAngle: Math.PI, endAngle: 2 * Math.PI }, style: { stroke: color, fill: 'none', lineWidth: 1.6 } },
    { type: 'rect', name: 'lock-body', shape: { x, y: y - 1.5, width: 9, height: 6.5, r: 1 }, style: { fill: color } },
  ];
}

function describeGantt(data: GanttData): string {
  const late = data.bars.filter((bar) => bar.operation.late).length;
  const locked = data.bars.filter((bar) => bar.operation.locked).length;
  return `Gantt chart: ${data.bars.length} operations on ${data.rows.length} work units, ${late} late, ${locked} locked, ${data.bands.length} downtime periods. The operations table lists them.`;
}

// Every drawn element has a name and groups diff their children by it: merged by index, a bar that gains an
// outline when picked would hand the label's position (x, y) over to the outline, drawn off its bar.

/**
 * The site's detailed schedule as a Gantt chart: a row per work unit, each operation a bar (its setup lighter,
 * late ones orange, locked ones outlined with a padlock), downtime as hatched bands (breakdowns red, planned
 * downtime grey), and a line at now. Times on the axis and in the tooltip are in the browser's time zone, the
 * only one ECharts' time axis knows. Clicking a bar selects its operation.
 */
export function GanttChart({
  data,
  names,
  now,
  selectedKey,
  onSelect,
}: {
  data: GanttData;
  names: ReadonlyMap<string, string>;
  now: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  const option = useMemo<ChartOption>(() => {
    const { bars, bands, rows } = data;

    const renderBand = (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const band = bands[params.dataIndex];
      if (!band) return null;
      const [left = 0, middle = 0] = api.coord([band.from, band.row]);
      const [right = 0] = api.coord([band.to, band.row]);
      const height = rowHeightOf(api);
      const rect = { x: left, y: middle - height / 2, width: Math.max(1, right - left), height };
      const breakdown = band.unavailability.kind === 'Breakdown';
      const color = breakdown ? GANTT_COLORS.breakdown : GANTT_COLORS.plannedDowntime;
      return {
        type: 'group',
        diffChildrenByName: true,
        children: [
          { type: 'rect', name: 'fill', shape: rect, style: { fill: breakdown ? GANTT_COLORS.breakdownFill : GANTT_COLORS.plannedDowntimeFill } },
          ...hatchLines(rect, 8).map(([x1, y1, x2, y2], index): Element => ({ type: 'line', name: `hatch-${index}`, shape: { x1, y1, x2, y2 }, style: { stroke: color, lineWidth: 1, opacity: 0.45 } })),
        ],
      };
    };

    const renderBar = (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const bar = bars[params.dataIndex];
      if (!bar) return null;
      const [setupX = 0, middle = 0] = api.coord([bar.setupStart, bar.row]);
      const [startX = 0] = api.coord([bar.start, bar.row]);
      const [endX = 0] = api.coord([bar.end, bar.row]);
      const height = rowHeightOf(api) * BAR_SHARE;
      const top = middle - height / 2;
      const { late, locked } = bar.operation;
      const selected = bar.key === selectedKey;
      const children: Element[] = [];
      if (startX > setupX) {
        children.push({ type: 'rect', name: 'setup', shape: { x: setupX, y: top, width: startX - setupX, height }, style: { fill: late ? GANTT_COLORS.lateSetup : GANTT_COLORS.setup } });
      }
      children.push({ type: 'rect', name: 'run', shape: { x: startX, y: top, width: Math.max(1, endX - startX), height }, style: { fill: late ? GANTT_COLORS.lateRun : GANTT_COLORS.run } });
      if (locked || selected) {
        // Selected: a yellow ring outside; locked: a dark outline on the bar.
        const inset = selected ? -2 : 0;
        children.push({
          type: 'rect',
          name: 'outline',
          shape: { x: setupX + inset, y: top + inset, width: Math.max(1, endX - setupX) - 2 * inset, height: height - 2 * inset, r: 2 },
          style: { fill: 'none', stroke: selected ? GANTT_COLORS.selected : GANTT_COLORS.locked, lineWidth: selected ? 3 : 2 },
        });
      }
      let textX = startX + 5;
      if (locked && endX - startX > 16) {
        children.push(...padlock(startX + 4, middle, GANTT_COLORS.label));
        textX += 12;
      }
      const room = endX - textX - 4;
      const text = [bar.label, bar.operation.jobOrderId].find((candidate) => candidate.length * CHAR_WIDTH <= room);
      if (text !== undefined) {
        children.push({ type: 'text', name: 'label', x: textX, y: middle, style: { text, fill: GANTT_COLORS.label, font: LABEL_FONT, verticalAlign: 'middle', align: 'left' } });
      }
      return { type: 'group', diffChildrenByName: true, children };
    };

    const renderNow = (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const half = rowHeightOf(api) / 2;
      const [x = 0, first = 0] = api.coord([now, 0]);
      const [, last = 0] = api.coord([now, Math.max(0, rows.length - 1)]);
      const top = Math.min(first, last) - half;
      return {
        type: 'group',
        diffChildrenByName: true,
        children: [
          { type: 'line', name: 'line', shape: { x1: x, y1: top, x2: x, y2: Math.max(first, last) + half }, style: { stroke: GANTT_COLORS.now, lineWidth: 1.5, lineDash: [4, 3] } },
          { type: 'text', name: 'label', x: x + 3, y: top - 2, style: { text: 'now', fill: GANTT_COLORS.now, font: LABEL_FONT, verticalAlign: 'bottom', align: 'left' } },
        ],
      };
    };

    const showNow = now >= data.from && now < data.to && rows.length > 0;
    return {
      // ECharts' own description lists raw data (epoch ms); this one says what matters, and points to the table.
      aria: { enabled: true, label: { description: describeGantt(data) } },
      grid: { left: 8, right: 24, top: 22, bottom: 32, containLabel: true },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const item = (Array.isArray(params) ? params : [params])[0];
          if (!item) return '';
          if (item.seriesId === 'operations') {
            const bar = bars[item.dataIndex];
            if (!bar) return '';
            const [title = '', ...rest] = operationDetails(bar.operation, names).map(escapeHtml);
            return `<strong>${title}</strong><br/>${rest.join('<br/>')}`;
          }
          const band = bands[item.dataIndex];
          if (item.seriesId !== 'downtime' || !band) return '';
          const [title = '', ...rest] = unavailabilityDetails(band.unavailability, names).map(escapeHtml);
          return `<strong>${title}</strong><br/>${rest.join('<br/>')}`;
        },
      },
      xAxis: {
        type: 'time',
        min: data.from,
        max: data.to,
        axisLabel: { hideOverlap: true },
        splitLine: { show: true, lineStyle: { color: CHART_COLORS.grid } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => row.name),
        axisTick: { show: false },
        splitArea: { show: true, areaStyle: { color: ['#ffffff', '#f8fafc'] } },
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        { id: 'downtime', type: 'custom', name: 'Not available', renderItem: renderBand, encode: { x: [1, 2], y: 0 }, data: bands.map((band) => [band.row, band.from, band.to]), z: 1 },
        {
          id: 'operations',
          type: 'custom',
          name: 'Operations',
          renderItem: renderBar,
          encode: { x: [1, 2, 3], y: 0 },
          data: bars.map((bar) => [bar.row, bar.setupStart, bar.start, bar.end]),
          clip: true,
          z: 2,
        },
        ...(showNow ? [{ id: 'now', type: 'custom' as const, silent: true, renderItem: renderNow, encode: { x: 0, y: 1 }, data: [[now, 0]], z: 3, tooltip: { show: false } }] : []),
      ],
    };
  }, [data, names, now, selectedKey]);

  const onItemClick = (click: ChartClick): void => {
    const bar = click.seriesId === 'operations' ? data.bars[click.dataIndex] : undefined;
    if (bar) onSelect(bar.key);
  };
  return (
    <EChart
      option={option}
      testId="chart-gantt"
      label={describeGantt(data)}
      height={data.rows.length * ROW_HEIGHT + 60}
      onItemClick={onItemClick}
    />
  );
}
