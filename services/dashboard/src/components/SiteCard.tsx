import { isEmptyRange, worstByOee } from '../chart-data';
import { formatPercent, oeeBand } from '../format';
import { useKpiChanged, useQuery } from '../hooks';
import { SITE_CARD, type EquipmentRef, type SiteCardData } from '../queries';
import { formatView, withScope, type ResolvedRange, type View } from '../url-state';
import { Sparkline } from './Charts';
import { KpiFigure } from './KpiFigure';
import { Link } from './Link';
import { ErrorBox, Loading } from './StatusBoxes';

export function SiteCard({ site, view, range, sameFigures }: { site: EquipmentRef; view: View; range: ResolvedRange; sameFigures: string }) {
  const card = useQuery<SiteCardData>(SITE_CARD, { scope: site.id, from: range.from, to: range.to, granularity: view.granularity }, `${site.id} ${sameFigures}`);
  useKpiChanged(site.id, range, card.reload);
  const siteUrl = formatView(withScope(view, site.id));
  const titleId = `site-${site.id}-title`;
  const data = card.data;

  return (
    <article className="card site-card" data-testid={`site-card-${site.id}`} aria-labelledby={titleId} aria-busy={card.loading}>
      <h2 id={titleId} className="card-title">
        <Link to={siteUrl}>{site.name}</Link>
      </h2>
      {card.error ? <ErrorBox error={card.error} retry={card.reload} what={`the figures of ${site.name}`} /> : null}
      {data === undefined ? (
        card.error ? null : <Loading lines={4} label={`Loading ${site.name}…`} />
      ) : (
        <>
          <div className="site-headline">
            <KpiFigure label="OEE" value={data.kpis.total.oee} testId={`oee-${site.id}`} emphasis />
            {isEmptyRange(data.kpis.total.elements) ? null : <Sparkline buckets={data.kpis.buckets} granularity={view.granularity} label={`OEE trend of ${site.name}`} />}
          </div>
          <div className="kpi-row factors">
            <KpiFigure label="Availability" value={data.kpis.total.availability} />
            <KpiFigure label="Effectiveness" value={data.kpis.total.effectiveness} />
            <KpiFigure label="Quality ratio" value={data.kpis.total.qualityRatio} />
          </div>
          {isEmptyRange(data.kpis.total.elements) ? (
            <p className="muted" data-testid="empty">
              No production recorded for this range
            </p>
          ) : (
            <WorstLines lines={worstByOee(data.kpiBreakdown, 3)} view={view} />
          )}
        </>
      )}
    </article>
  );
}

function WorstLines({ lines, view }: { lines: SiteCardData['kpiBreakdown']; view: View }) {
  if (lines.length === 0) return <p className="muted">No line ran in this range.</p>;
  return (
    <div className="worst-lines">
      <h3 className="subtle-title">Lowest OEE lines</h3>
      <ol>
        {lines.map((line) => (
          <li key={line.equipment.id}>
            <Link to={formatView(withScope(view, line.equipment.id))}>{line.equipment.name}</Link>
            <span className={`pill band-${oeeBand(line.total.oee)}`} data-testid={`oee-${line.equipment.id}`} data-value={line.total.oee === null ? 'null' : String(line.total.oee)}>
              {formatPercent(line.total.oee)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
