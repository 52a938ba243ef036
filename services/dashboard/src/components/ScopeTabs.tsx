import { formatView, withTab, type ScopeTab, type View } from '../url-state';
import { Link } from './Link';

const TABS: { tab: ScopeTab; label: string }[] = [
  { tab: 'kpis', label: 'KPIs' },
  { tab: 'schedule', label: 'Schedule' },
];

/**
 * What happened (KPIs) or what is planned (the schedule) for the scope in view: links, not buttons, so each is an
 * address to share and opens in a new tab. An enterprise spans sites, and schedules are per site: it has no tabs.
 */
export function ScopeTabs({ view, hasSchedule }: { view: View; hasSchedule: boolean }) {
  if (!hasSchedule) return null;
  return (
    <nav aria-label="Scope views" className="scope-tabs" data-testid="scope-tabs">
      <ul>
        {TABS.map(({ tab, label }) => (
          <li key={tab}>
            <Link to={formatView(withTab(view, tab))} aria-current={view.tab === tab ? 'page' : undefined} data-testid={`tab-${tab}`}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
