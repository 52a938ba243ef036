import {
  defaultGranularity,
  defaultView,
  formatView,
  overlaps,
  parseInstant,
  parseView,
  resolveRange,
  resolveScheduleRange,
  resolveViewRange,
  withGranularity,
  withRange,
  withScope,
  withTab,
  type View,
} from './url-state';

describe('the view in the URL', () => {
  it('reads the overview of the last 24 h, hourly, from a bare /', () => {
    expect(parseView('/', '')).toEqual({ scopeId: null, tab: 'kpis', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' });
    expect(parseView('/', '')).toEqual(defaultView());
  });

  it('reads a scope, a preset and a granularity', () => {
    expect(parseView('/scope/lyon-l1', '?range=7d&granularity=shift')).toEqual({
      scopeId: 'lyon-l1',
      tab: 'kpis',
      range: { kind: 'preset', preset: '7d' },
      granularity: 'SHIFT',
    });
  });

  it('reads the schedule tab of a scope', () => {
    expect(parseView('/scope/lyon/schedule', '?range=8h')).toEqual({ scopeId: 'lyon', tab: 'schedule', range: { kind: 'preset', preset: '8h' }, granularity: 'HOUR' });
    expect(parseView('/scope/line%201/schedule/', '')).toMatchObject({ scopeId: 'line 1', tab: 'schedule' });
    // An id that happens to be "schedule" is still an id.
    expect(parseView('/scope/schedule', '')).toMatchObject({ scopeId: 'schedule', tab: 'kpis' });
    expect(parseView('/scope/schedule/schedule', '')).toMatchObject({ scopeId: 'schedule', tab: 'schedule' });
  });

  it('has no schedule without a scope', () => {
    expect(parseView('/scope//schedule', '')).toMatchObject({ scopeId: null, tab: 'kpis' });
    expect(parseView('/schedule', '')).toMatchObject({ scopeId: null, tab: 'kpis' });
    expect(parseView('/scope/a/b/schedule', '')).toMatchObject({ scopeId: null, tab: 'kpis' });
  });

  it('decodes the scope id and ignores a trailing slash', () => {
    expect(parseView('/scope/line%201/', '').scopeId).toBe('line 1');
  });

  it('reads a custom range, normalised to UTC, with the default granularity for its length', () => {
    const view = parseView('/scope/lyon', '?from=2026-11-02T07:00:00%2B01:00&to=2026-11-09T06:00:00Z');
    expect(view.range).toEqual({ kind: 'custom', from: '2026-11-02T06:00:00.000Z', to: '2026-11-09T06:00:00.000Z' });
    expect(view.granularity).toBe('DAY');
  });

  it('prefers from/to over a preset when both are there', () => {
    expect(parseView('/', '?range=8h&from=2026-11-02T06:00:00Z&to=2026-11-02T14:00:00Z').range.kind).toBe('custom');
  });

  it('falls back to the defaults for what it cannot read', () => {
    expect(parseView('/scope/', '?range=1y&granularity=minute')).toEqual(defaultView());
    expect(parseView('/elsewhere/lyon', '').scopeId).toBeNull();
    expect(parseView('/scope/a/b', '').scopeId).toBeNull();
    expect(parseView('/scope/%E0%A4%A', '').scopeId).toBeNull();
    // from after to, or not an instant with a time zone
    expect(parseView('/', '?from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z').range).toEqual({ kind: 'preset', preset: '24h' });
    expect(parseView('/', '?from=2026-11-02&to=2026-11-03').range).toEqual({ kind: 'preset', preset: '24h' });
    expect(parseView('/', '?from=2026-11-02T00:00:00&to=2026-11-03T00:00:00Z').range.kind).toBe('preset');
  });

  it('takes the granularity in any case', () => {
    expect(parseView('/', '?granularity=WEEK').granularity).toBe('WEEK');
  });

  it('leaves the defaults out, so the default overview is just /', () => {
    expect(formatView(defaultView())).toBe('/');
    expect(formatView({ scopeId: 'lyon', tab: 'kpis', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' })).toBe('/scope/lyon');
    expect(formatView({ scopeId: null, tab: 'kpis', range: { kind: 'preset', preset: '30d' }, granularity: 'DAY' })).toBe('/?range=30d');
    expect(formatView({ scopeId: null, tab: 'kpis', range: { kind: 'preset', preset: '30d' }, granularity: 'WEEK' })).toBe('/?range=30d&granularity=week');
  });

  it('writes the schedule tab as a path below the scope', () => {
    expect(formatView({ scopeId: 'lyon', tab: 'schedule', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' })).toBe('/scope/lyon/schedule');
    expect(formatView({ scopeId: 'a/b', tab: 'schedule', range: { kind: 'preset', preset: '8h' }, granularity: 'HOUR' })).toBe('/scope/a%2Fb/schedule?range=8h');
    // The overview has no schedule, whatever the view says.
    expect(formatView({ scopeId: null, tab: 'schedule', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' })).toBe('/');
  });

  it('writes a custom range with readable instants', () => {
    const view: View = { scopeId: 'lyon-l1', tab: 'kpis', range: { kind: 'custom', from: '2026-11-02T06:00:00.000Z', to: '2026-11-02T14:00:00.000Z' }, granularity: 'SHIFT' };
    expect(formatView(view)).toBe('/scope/lyon-l1?from=2026-11-02T06:00:00Z&to=2026-11-02T14:00:00Z&granularity=shift');
  });

  it('round-trips every view through the URL', () => {
    const views: View[] = [
      defaultView(),
      { scopeId: 'austin-l2-capper', tab: 'kpis', range: { kind: 'preset', preset: '8h' }, granularity: 'SHIFT' },
      { scopeId: 'a b/c', tab: 'kpis', range: { kind: 'custom', from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }, granularity: 'WEEK' },
      { scopeId: null, tab: 'kpis', range: { kind: 'preset', preset: '7d' }, granularity: 'HOUR' },
      { scopeId: 'lyon', tab: 'schedule', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' },
      { scopeId: 'a b/c', tab: 'schedule', range: { kind: 'custom', from: '2026-01-01T06:00:00.000Z', to: '2026-01-02T06:00:00.000Z' }, granularity: 'SHIFT' },
    ];
    for (const view of views) {
      const url = new URL(formatView(view), 'http://dashboard');
      expect(parseView(url.pathname, url.search)).toEqual(view);
    }
  });
});

describe('ranges', () => {
  const now = new Date('2026-11-21T17:58:08.959Z');

  it('ends a preset at the next full minute', () => {
    expect(resolveRange({ kind: 'preset', preset: '8h' }, now)).toEqual({ from: '2026-11-21T09:59:00.000Z', to: '2026-11-21T17:59:00.000Z' });
    expect(resolveRange({ kind: 'preset', preset: '7d' }, new Date('2026-11-21T18:00:00.000Z'))).toEqual({ from: '2026-11-14T18:00:00.000Z', to: '2026-11-21T18:00:00.000Z' });
  });

  it('keeps a custom range as it is', () => {
    expect(resolveRange({ kind: 'custom', from: 'a', to: 'b' }, now)).toEqual({ from: 'a', to: 'b' });
  });

  it('buckets by the hour up to two days, by the day beyond', () => {
    expect(defaultGranularity({ kind: 'preset', preset: '24h' })).toBe('HOUR');
    expect(defaultGranularity({ kind: 'preset', preset: '7d' })).toBe('DAY');
    expect(defaultGranularity({ kind: 'custom', from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' })).toBe('HOUR');
    expect(defaultGranularity({ kind: 'custom', from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:01Z' })).toBe('DAY');
  });

  it('starts a schedule preset a twelfth of its length before now, on the minute, and looks ahead the rest', () => {
    expect(resolveScheduleRange({ kind: 'preset', preset: '24h' }, now)).toEqual({ from: '2026-11-21T15:59:00.000Z', to: '2026-11-22T15:59:00.000Z' });
    expect(resolveScheduleRange({ kind: 'preset', preset: '8h' }, new Date('2026-11-21T18:00:00.000Z'))).toEqual({
      from: '2026-11-21T17:20:00.000Z',
      to: '2026-11-22T01:20:00.000Z',
    });
    expect(resolveScheduleRange({ kind: 'preset', preset: '7d' }, new Date('2026-11-21T18:00:00.000Z'))).toEqual({
      from: '2026-11-21T04:00:00.000Z',
      to: '2026-11-28T04:00:00.000Z',
    });
  });

  it('keeps a custom schedule range as it is', () => {
    expect(resolveScheduleRange({ kind: 'custom', from: 'a', to: 'b' }, now)).toEqual({ from: 'a', to: 'b' });
  });

  it('resolves a view by its tab: back for KPIs, ahead for the schedule', () => {
    const view: View = { scopeId: 'lyon', tab: 'kpis', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' };
    expect(resolveViewRange(view, now)).toEqual(resolveRange(view.range, now));
    expect(resolveViewRange(withTab(view, 'schedule'), now)).toEqual(resolveScheduleRange(view.range, now));
  });

  it('tells whether two ranges share an instant ([from, to) each)', () => {
    const day = { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' };
    expect(overlaps(day, { from: '2026-11-02T23:00:00Z', to: '2026-11-03T01:00:00Z' })).toBe(true);
    expect(overlaps(day, { from: '2026-11-03T00:00:00Z', to: '2026-11-03T01:00:00Z' })).toBe(false);
    expect(overlaps(day, { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' })).toBe(false);
  });

  it('reads instants with a time zone only', () => {
    expect(parseInstant('2026-11-02T06:00Z')).toBe('2026-11-02T06:00:00.000Z');
    expect(parseInstant('2026-11-02T06:00:00.5-05:00')).toBe('2026-11-02T11:00:00.500Z');
    expect(parseInstant('2026-13-45T06:00:00Z')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
    expect(parseInstant(null)).toBeNull();
  });
});

describe('changing the view', () => {
  const base: View = { scopeId: 'lyon', tab: 'kpis', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' };

  it('keeps range and granularity on a drill-down', () => {
    expect(withScope({ ...base, granularity: 'SHIFT' }, 'lyon-l1')).toEqual({ ...base, scopeId: 'lyon-l1', granularity: 'SHIFT' });
  });

  it('lets the granularity follow the range unless the user picked another one', () => {
    expect(withRange(base, { kind: 'preset', preset: '30d' }).granularity).toBe('DAY');
    expect(withRange(withGranularity(base, 'SHIFT'), { kind: 'preset', preset: '30d' }).granularity).toBe('SHIFT');
  });

  it('keeps the schedule tab on a drill-down, and leaves it for the overview', () => {
    const schedule = withTab(base, 'schedule');
    expect(schedule.tab).toBe('schedule');
    expect(withScope(schedule, 'lyon-l1')).toEqual({ ...schedule, scopeId: 'lyon-l1' });
    expect(withScope(schedule, null).tab).toBe('kpis');
    expect(withTab(withScope(base, null), 'schedule').tab).toBe('kpis');
    expect(withTab(schedule, 'kpis')).toEqual(base);
  });
});
