import { defaultGranularity, defaultView, formatView, overlaps, parseInstant, parseView, resolveRange, withGranularity, withRange, withScope, type View } from './url-state';

describe('the view in the URL', () => {
  it('reads the overview of the last 24 h, hourly, from a bare /', () => {
    expect(parseView('/', '')).toEqual({ scopeId: null, range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' });
    expect(parseView('/', '')).toEqual(defaultView());
  });

  it('reads a scope, a preset and a granularity', () => {
    expect(parseView('/scope/lyon-l1', '?range=7d&granularity=shift')).toEqual({ scopeId: 'lyon-l1', range: { kind: 'preset', preset: '7d' }, granularity: 'SHIFT' });
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
    expect(formatView({ scopeId: 'lyon', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' })).toBe('/scope/lyon');
    expect(formatView({ scopeId: null, range: { kind: 'preset', preset: '30d' }, granularity: 'DAY' })).toBe('/?range=30d');
    expect(formatView({ scopeId: null, range: { kind: 'preset', preset: '30d' }, granularity: 'WEEK' })).toBe('/?range=30d&granularity=week');
  });

  it('writes a custom range with readable instants', () => {
    const view: View = { scopeId: 'lyon-l1', range: { kind: 'custom', from: '2026-11-02T06:00:00.000Z', to: '2026-11-02T14:00:00.000Z' }, granularity: 'SHIFT' };
    expect(formatView(view)).toBe('/scope/lyon-l1?from=2026-11-02T06:00:00Z&to=2026-11-02T14:00:00Z&granularity=shift');
  });

  it('round-trips every view through the URL', () => {
    const views: View[] = [
      defaultView(),
      { scopeId: 'austin-l2-capper', range: { kind: 'preset', preset: '8h' }, granularity: 'SHIFT' },
      { scopeId: 'a b/c', range: { kind: 'custom', from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }, granularity: 'WEEK' },
      { scopeId: null, range: { kind: 'preset', preset: '7d' }, granularity: 'HOUR' },
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
  const base: View = { scopeId: 'lyon', range: { kind: 'preset', preset: '24h' }, granularity: 'HOUR' };

  it('keeps range and granularity on a drill-down', () => {
    expect(withScope({ ...base, granularity: 'SHIFT' }, 'lyon-l1')).toEqual({ ...base, scopeId: 'lyon-l1', granularity: 'SHIFT' });
  });

  it('lets the granularity follow the range unless the user picked another one', () => {
    expect(withRange(base, { kind: 'preset', preset: '30d' }).granularity).toBe('DAY');
    expect(withRange(withGranularity(base, 'SHIFT'), { kind: 'preset', preset: '30d' }).granularity).toBe('SHIFT');
  });
});
