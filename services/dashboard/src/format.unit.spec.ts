import {
  formatBucketLabel,
  formatDateTime,
  formatDuration,
  formatKpiValue,
  formatLevel,
  formatPercent,
  formatPreset,
  formatScopeKind,
  formatQuantity,
  formatReason,
  formatSince,
  formatSpan,
  formatTime,
  formatState,
  fromLocalInput,
  NO_VALUE,
  oeeBand,
  toHours,
  toLocalInput,
  toPercentPoint,
} from './format';

describe('formatting figures', () => {
  it('shows a fraction as a percentage with one decimal', () => {
    expect(formatPercent(0.676)).toBe('67.6 %');
    expect(formatPercent(0.67649)).toBe('67.6 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(0)).toBe('0.0 %');
    expect(formatPercent(1.042)).toBe('104.2 %');
    expect(formatPercent(0.5, 0)).toBe('50 %');
    expect(formatPercent(-0.00001)).toBe('0.0 %');
  });

  it('shows no value as a dash, never 0 or NaN', () => {
    expect(NO_VALUE).toBe('—');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatDuration(null)).toBe('—');
    expect(formatQuantity(null)).toBe('—');
    expect(toPercentPoint(null)).toBeNull();
  });

  it('gives chart points in percent, rounded to a tenth', () => {
    expect(toPercentPoint(0.67649)).toBe(67.6);
    expect(toHours(27_000)).toBe(7.5);
  });

  it('shows durations the way people say them', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(720)).toBe('12 min');
    expect(formatDuration(3599)).toBe('1 h 00 min');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
    expect(formatDuration(47 * 3600)).toBe('47 h 00 min');
    expect(formatDuration(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
    expect(formatDuration(-90)).toBe('−2 min');
    expect(formatDuration(2 * 86400 + 4 * 3600 + 60, { days: false })).toBe('52 h 01 min');
  });

  it('groups quantities by thousands', () => {
    expect(formatQuantity(12345)).toBe('12,345');
    expect(formatQuantity(12.54)).toBe('12.5');
  });

  it('shows any KPI by its unit', () => {
    expect(formatKpiValue(0.5, '%')).toBe('50.0 %');
    expect(formatKpiValue(5400, 's')).toBe('1 h 30 min');
    expect(formatKpiValue(3, '')).toBe('3');
    expect(formatKpiValue(3.25, 'pcs/h')).toBe('3.3 pcs/h');
    expect(formatKpiValue(null, '%')).toBe('—');
  });
});

describe('formatting time', () => {
  it('labels buckets by hour or by day, in the given time zone', () => {
    expect(formatBucketLabel('2026-11-02T06:00:00Z', 'HOUR', 'UTC')).toBe('2 Nov, 06:00');
    expect(formatBucketLabel('2026-11-02T06:00:00Z', 'SHIFT', 'Europe/Paris')).toBe('2 Nov, 07:00');
    expect(formatBucketLabel('2026-11-02T00:00:00Z', 'DAY', 'UTC')).toBe('Mon 2 Nov');
    expect(formatBucketLabel('2026-11-02T00:00:00Z', 'WEEK', 'America/Chicago')).toBe('Sun 1 Nov');
  });

  it('shows instants with date and 24-hour time', () => {
    expect(formatDateTime('2026-11-02T18:30:00Z', 'UTC')).toBe('2 Nov 2026, 18:30');
  });

  it('says for how long a state has lasted', () => {
    expect(formatSince('2026-11-02T06:00:00Z', new Date('2026-11-02T08:05:00Z'))).toBe('for 2 h 05 min');
    expect(formatSince('2026-11-02T06:00:00Z', new Date('2026-11-02T05:00:00Z'))).toBe('for 0 s');
  });

  it('converts datetime-local values both ways in the browser time zone', () => {
    const iso = fromLocalInput('2026-11-02T07:30');
    expect(iso).not.toBeNull();
    expect(toLocalInput(iso ?? '')).toBe('2026-11-02T07:30');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-11-02')).toBeNull();
  });
});

describe('formatting words', () => {
  it('names states and reasons for people', () => {
    expect(formatState('PlannedDowntime')).toBe('Planned downtime');
    expect(formatState('Running')).toBe('Running');
    expect(formatReason('SPINDLE_OVERHEAT')).toBe('Spindle overheat');
    expect(formatReason('material-shortage')).toBe('Material shortage');
    expect(formatReason(null)).toBe('No reason given');
    expect(formatReason('  ')).toBe('No reason given');
  });

  it('calls a work center a line', () => {
    expect(formatLevel('WorkCenter')).toBe('Line');
    expect(formatLevel('WorkUnit', true)).toBe('Work units');
  });

  it('bands an OEE: world class from 85 %, attention below 60 %', () => {
    expect(oeeBand(0.85)).toBe('good');
    expect(oeeBand(0.849)).toBe('fair');
    expect(oeeBand(0.6)).toBe('fair');
    expect(oeeBand(0.59)).toBe('poor');
    expect(oeeBand(null)).toBe('none');
  });
});

describe('spans of work', () => {
  it('shows the day once when a span ends the day it starts', () => {
    expect(formatTime('2026-11-02T06:05:00Z', 'UTC')).toBe('06:05');
    expect(formatSpan('2026-11-02T06:00:00Z', '2026-11-02T08:30:00Z', 'UTC')).toBe('2 Nov 2026, 06:00–08:30');
  });

  it('shows both days when it ends another day, in the zone asked for', () => {
    expect(formatSpan('2026-11-02T22:00:00Z', '2026-11-03T02:00:00Z', 'UTC')).toBe('2 Nov 2026, 22:00 – 3 Nov 2026, 02:00');
    expect(formatSpan('2026-11-02T22:00:00Z', '2026-11-03T02:00:00Z', 'Asia/Tokyo')).toBe('3 Nov 2026, 07:00–11:00');
  });
});

describe('range presets', () => {
  it('look back for KPIs and ahead for the schedule', () => {
    expect(formatPreset('24h')).toBe('Last 24 h');
    expect(formatPreset('7d', true)).toBe('Next 7 days');
    expect(formatPreset('1y', true)).toBe('1y');
  });
});

describe('scope kinds', () => {
  it('names a work center by its type unless it is a production line', () => {
    expect(formatScopeKind('WorkCenter', 'ProductionLine')).toBe('Line');
    expect(formatScopeKind('WorkCenter', 'StorageZone')).toBe('Storage Zone');
    expect(formatScopeKind('Site', null)).toBe('Site');
  });
});
