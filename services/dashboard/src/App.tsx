import { useMemo, useSyncExternalStore } from 'react';
import { Controls } from './components/Controls';
import { Link } from './components/Link';
import { LiveIndicator } from './components/LiveIndicator';
import { Overview } from './components/Overview';
import { ScopeView } from './components/ScopeView';
import { formatPreset, formatRange } from './format';
import { useNow } from './hooks';
import { currentUrl, onNavigation } from './navigation';
import { formatView, parseView, resolveViewRange, withScope } from './url-state';

export function App() {
  const url = useSyncExternalStore(onNavigation, currentUrl);
  const view = useMemo(() => {
    const [pathname = '/', search = ''] = url.split('?');
    return parseView(pathname, search);
  }, [url]);
  // A preset range slides with the clock (to the next minute); a custom one stays put. The schedule's looks ahead.
  const now = useNow(30_000);
  const range = useMemo(() => resolveViewRange(view, now), [view, now]);
  const { from, to } = range;
  const stableRange = useMemo(() => ({ from, to }), [from, to]);
  // Figures of the same scope and range choice, only later: shown while the new ones load.
  const sameFigures = `${view.tab} ${JSON.stringify(view.range)} ${view.granularity}`;

  return (
    <>
      <header className="topbar">
        <Link to={formatView(withScope(view, null))} className="brand">
          Quadrant <span className="brand-sub">Plant KPIs</span>
        </Link>
        <Controls view={view} range={stableRange} />
        <LiveIndicator />
      </header>
      <p className="range-line">
        {view.range.kind === 'preset' ? `${formatPreset(view.range.preset, view.tab === 'schedule')}: ` : ''}
        {formatRange(stableRange.from, stableRange.to)} <span className="muted">(your time zone)</span>
      </p>
      <main>
        {view.scopeId === null ? (
          <Overview view={view} range={stableRange} sameFigures={sameFigures} />
        ) : (
          <ScopeView key={view.scopeId} scopeId={view.scopeId} view={view} range={stableRange} sameFigures={sameFigures} />
        )}
      </main>
    </>
  );
}
