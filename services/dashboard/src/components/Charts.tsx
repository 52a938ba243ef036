import { useMemo } from 'react';
import type { LineSeriesOption } from 'echarts/charts';
import { paretoBars, waterfallSteps } from '../chart-data';
import { formatBucketLabel, formatDuration, formatPercent, toHours, toPercentPoint } from '../format';
import type { DowntimeReason, KpiFigures, OeeLossBreakdown } from '../queries';
import type { Granularity } from '../url-state';
import { CHART_COLORS, EChart, type ChartOption } from './EChart';

type Bucket = KpiFigures & { from: string; shift?: string | null };

function percentAxisMax(extent: { max: number }): number {
  return Math.max(100, Math.ceil(extent.max / 10) * 10);
}

/**
 * OEE per bucket, with availability, effectiveness and quality ratio, and the 85 % world-class line. Labels are
 * in the scope's time zone (its days are cut there), the browser's when it has none.
 */
export function TrendChart({ buckets, granularity, timeZone }: { buckets: readonly Bucket[]; granularity: Granularity; timeZone?: string | undefined }) {
  const option = useMemo<ChartOption>(() => {
    const label = (iso: string): string => formatBucketLabel(iso, granularity, timeZone);
    const labels = buckets.map((bucket) => (bucket.shift ? `${label(bucket.from)} ${bucket.shift}` : label(bucket.from)));
    const line = (name: string, color: string, values: (number | null)[], width: number): LineSeriesOption => ({
      type: 'line',
      name,
      data: values,
      color,
      lineStyle: { width },
      symbol: buckets.length > 60 ? 'none' : 'circle',
      symbolSize: 5,
      connectNulls: false,
    });
    return {
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, icon: 'roundRect' },
      tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value.toFixed(1)} %` : '—') },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: percentAxisMax, axisLabel: { formatter: '{value} %' }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
      series: [
        {
          ...line('OEE', CHART_COLORS.oee, buckets.map((bucket) => toPercentPoint(bucket.oee)), 3),
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#64748b' }, label: { formatter: '85 %', position: 'insideEndTop' }, data: [{ yAxis: 85 }] },
        },
        line('Availability', CHART_COLORS.availability, buckets.map((bucket) => toPercentPoint(bucket.availability)), 1.5),
        line('Effectiveness', CHART_COLORS.effectiveness, buckets.map((bucket) => toPercentPoint(bucket.effectiveness)), 1.5),
        line('Quality ratio', CHART_COLORS.quality, buckets.map((bucket) => toPercentPoint(bucket.qualityRatio)), 1.5),
      ],
    };
  }, [buckets, granularity, timeZone]);
  return <EChart option={option} testId="chart-trend" label={`OEE trend in ${buckets.length} steps, with availability, effectiveness and quality ratio`} height={280} />;
}

/** The OEE of each bucket as a small line without axes, for a site card. */
export function Sparkline({ buckets, granularity, label }: { buckets: readonly Bucket[]; granularity: Granularity; label: string }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value.toFixed(1)} %` : '—') },
      xAxis: { type: 'category', show: false, data: buckets.map((bucket) => formatBucketLabel(bucket.from, granularity)) },
      yAxis: { type: 'value', show: false, min: 0, max: percentAxisMax },
      series: [
        {
          type: 'line',
          name: 'OEE',
          data: buckets.map((bucket) => toPercentPoint(bucket.oee)),
          color: CHART_COLORS.oee,
          symbol: 'none',
          lineStyle: { width: 2 },
          areaStyle: { opacity: 0.08 },
          connectNulls: false,
        },
      ],
    }),
    [buckets, granularity],
  );
  return <EChart option={option} label={label} height={56} animate={false} />;
}

/** Planned busy time down to fully productive time: each loss a red step (a stacked bar on an invisible base). */
export function WaterfallChart({ losses }: { losses: OeeLossBreakdown }) {
  const option = useMemo<ChartOption>(() => {
    const steps = waterfallSteps(losses);
    const colorOf = (kind: string, label: string): string =>
      kind === 'total' ? CHART_COLORS.total : kind === 'result' ? CHART_COLORS.result : label === 'Setup' ? CHART_COLORS.setup : CHART_COLORS.loss;
    return {
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const step = steps[list[0]?.dataIndex ?? -1];
          if (!step) return '';
          const share = losses.plannedBusyTime > 0 ? ` (${formatPercent(step.value / losses.plannedBusyTime)} of planned busy time)` : '';
          return `${step.label}: ${formatDuration(step.value)}${share}`;
        },
      },
      // Two lines per label ("Availability / loss") so six of them fit side by side.
      xAxis: { type: 'category', data: steps.map((step) => step.label.replace(' ', '\n')), axisLabel: { interval: 0, lineHeight: 14 } },
      yAxis: { type: 'value', name: 'hours', nameTextStyle: { align: 'right' }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
      series: [
        { type: 'bar', stack: 'waterfall', silent: true, itemStyle: { color: 'transparent' }, data: steps.map((step) => toHours(step.base)) },
        {
          type: 'bar',
          stack: 'waterfall',
          name: 'Time',
          barMaxWidth: 64,
          label: { show: true, position: 'top', formatter: (params) => formatDuration(steps[params.dataIndex]?.value ?? null) },
          data: steps.map((step) => ({ value: toHours(step.value), itemStyle: { color: colorOf(step.kind, step.label) } })),
        },
      ],
    };
  }, [losses]);
  return (
    <EChart
      option={option}
      testId="chart-waterfall"
      label={`OEE loss waterfall: planned busy time ${formatDuration(losses.plannedBusyTime)}, fully productive time ${formatDuration(losses.fullyProductiveTime)}`}
      height={280}
    />
  );
}

/** Time lost by state and reason, longest first, with the cumulative share of the reasons shown. */
export function ParetoChart({ reasons }: { reasons: readonly DowntimeReason[] }) {
  const option = useMemo<ChartOption>(() => {
    const bars = paretoBars(reasons);
    return {
      grid: { left: 72, right: 48, top: 40, bottom: 104 },
      legend: { top: 0, right: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const bar = bars[list[0]?.dataIndex ?? -1];
          if (!bar) return '';
          return `${bar.label}<br/>${formatDuration(bar.durationSeconds)} in ${bar.occurrences} stop${bar.occurrences === 1 ? '' : 's'}<br/>Cumulative ${formatPercent(bar.cumulativeShare, 0)}`;
        },
      },
      xAxis: { type: 'category', data: bars.map((bar) => bar.label), axisLabel: { interval: 0, rotate: 30, width: 170, overflow: 'truncate' } },
      yAxis: [
        { type: 'value', name: 'hours', splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: 'Time lost', color: CHART_COLORS.bar, barMaxWidth: 48, data: bars.map((bar) => toHours(bar.durationSeconds)) },
        { type: 'line', name: 'Cumulative %', yAxisIndex: 1, color: CHART_COLORS.pareto, symbolSize: 6, data: bars.map((bar) => Math.round(bar.cumulativeShare * 1000) / 10) },
      ],
    };
  }, [reasons]);
  return <EChart option={option} testId="chart-pareto" label={`Downtime Pareto of ${reasons.length} reasons`} height={300} />;
}
