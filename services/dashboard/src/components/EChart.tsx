import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type ECElementEvent, type ECharts } from 'echarts/core';
import { BarChart, CustomChart, LineChart, type BarSeriesOption, type CustomSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws goes into the bundle.
use([LineChart, BarChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | CustomSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption | AriaComponentOption
>;

export const CHART_COLORS = {
  oee: '#1d4ed8',
  availability: '#0f766e',
  effectiveness: '#b45309',
  quality: '#7c3aed',
  total: '#334155',
  loss: '#dc2626',
  result: '#15803d',
  setup: '#d97706',
  pareto: '#0f172a',
  bar: '#b91c1c',
  grid: '#e2e8f0',
  text: '#334155',
};

// The page's font, named (not `inherit`): ECharts measures its labels with it, so they neither overlap nor get cut.
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** A click on a chart's item: which series (its `id`) and which of its data. */
export interface ChartClick {
  seriesId: string | undefined;
  dataIndex: number;
}

/**
 * An ECharts chart in a div: created on mount, updated with its option, resized with the window, disposed on
 * unmount. No animation when the user asks for reduced motion. `onItemClick` gets clicks on its items.
 */
export function EChart({
  option,
  testId,
  label,
  height = 260,
  animate = true,
  onItemClick,
}: {
  option: ChartOption;
  testId?: string;
  label: string;
  height?: number;
  animate?: boolean;
  onItemClick?: (click: ChartClick) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // The latest handler, without re-creating the chart when it changes.
  const clickRef = useRef(onItemClick);
  useEffect(() => {
    clickRef.current = onItemClick;
  });

  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const instance = init(container, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (event) => {
      const click = event as ECElementEvent;
      clickRef.current?.({ seriesId: click.seriesId ?? undefined, dataIndex: click.dataIndex });
    });
    const resize = (): void => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const animation = animate && !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    chart.current?.setOption(
      { aria: { enabled: true }, textStyle: { fontFamily: FONT_FAMILY, color: CHART_COLORS.text }, animation, animationDuration: 400, animationDurationUpdate: 300, ...option },
      { notMerge: true },
    );
  }, [option, animate]);

  return <div ref={element} className="chart" style={{ height }} role="img" aria-label={label} {...(testId ? { 'data-testid': testId } : {})} />;
}
