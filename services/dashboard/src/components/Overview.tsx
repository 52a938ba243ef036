import { useQuery, useTitle } from '../hooks';
import { SITES, type SitesData } from '../queries';
import type { ResolvedRange, View } from '../url-state';
import { SiteCard } from './SiteCard';
import { ErrorBox, Loading } from './StatusBoxes';

/** A card per site: OEE and its factors over the range, the trend, and the three worst lines. */
export function Overview({ view, range, sameFigures }: { view: View; range: ResolvedRange; sameFigures: string }) {
  const sites = useQuery<SitesData>(SITES, {});
  useTitle('All sites');
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="page-title">
        All sites
      </h1>
      {sites.error ? <ErrorBox error={sites.error} retry={sites.reload} what="the sites" /> : null}
      {sites.data === undefined ? (
        sites.error ? null : <Loading label="Loading sites…" />
      ) : sites.data.sites.length === 0 ? (
        <div className="box box-empty" data-testid="empty">
          <p className="box-title">No sites defined yet</p>
          <p>Define the equipment hierarchy (enterprise, sites, areas, lines, work units) first.</p>
        </div>
      ) : (
        <div className="site-grid">
          {sites.data.sites.map((site) => (
            <SiteCard key={site.id} site={site} view={view} range={range} sameFigures={sameFigures} />
          ))}
        </div>
      )}
    </section>
  );
}
