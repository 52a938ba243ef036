import { isEmptyRange } from '../chart-data';
import { formatDuration, formatQuantity, formatScopeKind } from '../format';
import { useKpiChanged, useQuery, useTitle } from '../hooks';
import { childLevelOf, SCOPE, SCOPE_FIGURES, type ScopeData, type ScopeEquipment, type ScopeFiguresData, type ScopeFiguresVariables } from '../queries';
import { siteOf } from '../schedule-format';
import { formatView, withScope, type ResolvedRange, type View } from '../url-state';
import { Breadcrumbs } from './Breadcrumbs';
import { ParetoChart, TrendChart, WaterfallChart } from './Charts';
import { ChildrenTable } from './ChildrenTable';
import { ElementsTable } from './ElementsTable';
import { KpiFigure } from './KpiFigure';
import { ScheduleView } from './ScheduleView';
import { ScopeTabs } from './ScopeTabs';
import { StateTiles } from './StateTiles';
import { EmptyBox, ErrorBox, Loading, UnknownEquipment } from './StatusBoxes';

/**
 * One site, area, line or work unit: its OEE, where it loses time, what is below it and how its units are now;
 * or, on its schedule tab, the detailed schedule of its work units.
 */
export function ScopeView({ scopeId, view, range, sameFigures }: { scopeId: string; view: View; range: ResolvedRange; sameFigures: string }) {
  const scope = useQuery<ScopeData>(SCOPE, { id: scopeId });
  const overviewUrl = formatView(withScope(view, null));

  if (scope.error) return <ErrorBox error={scope.error} retry={scope.reload} what={`equipment ${scopeId}`} />;
  if (scope.data === undefined) return <Loading label={`Loading ${scopeId}…`} lines={6} />;
  const equipment = scope.data.equipment;
  if (equipment === null) return <UnknownEquipment id={scopeId} overviewUrl={overviewUrl} />;
  if (view.tab === 'schedule') return <ScheduleView key={equipment.id} equipment={equipment} view={view} range={range} sameFigures={sameFigures} />;
  return <ScopeFigures key={equipment.id} equipment={equipment} view={view} range={range} sameFigures={sameFigures} />;
}

function ScopeFigures({ equipment, view, range, sameFigures }: { equipment: ScopeEquipment; view: View; range: ResolvedRange; sameFigures: string }) {
  // Children are at the next level down; should they not all be, the first one's level is asked for.
  const childLevel = equipment.children[0]?.level ?? childLevelOf(equipment.level) ?? 'WorkUnit';
  const variables: ScopeFiguresVariables = {
    scope: equipment.id,
    from: range.from,
    to: range.to,
    granularity: view.granularity,
    childLevel,
    withChildren: equipment.children.length > 0,
  };
  const figures = useQuery<ScopeFiguresData>(SCOPE_FIGURES, variables, `${equipment.id} ${sameFigures}`);
  useTitle(equipment.name);
  useKpiChanged(equipment.id, range, figures.reload);
  const data = figures.data;
  const kind = formatScopeKind(equipment.level, equipment.workCenterType);

  return (
    <section aria-labelledby="scope-title" aria-busy={figures.loading}>
      <Breadcrumbs equipment={equipment} view={view} />
      <ScopeTabs view={view} hasSchedule={siteOf(equipment) !== null} />
      <header className="scope-header">
        <h1 id="scope-title" className="page-title">
          {equipment.name} <span className="level-tag">{kind}</span>
        </h1>
        {data ? (
          <div className="kpi-row headline">
            <KpiFigure label="OEE" value={data.kpis.total.oee} testId="scope-oee" emphasis />
            <KpiFigure label="Availability" value={data.kpis.total.availability} />
            <KpiFigure label="Effectiveness" value={data.kpis.total.effectiveness} />
            <KpiFigure label="Quality ratio" value={data.kpis.total.qualityRatio} />
            <div className="kpi">
              <span className="kpi-label">Good / produced</span>
              <span className="kpi-value small-value">
                {formatQuantity(data.kpis.total.elements.GQ)} / {formatQuantity(data.kpis.total.elements.PQ)}
              </span>
            </div>
            <div className="kpi">
              <span className="kpi-label">Planned busy time</span>
              <span className="kpi-value small-value">{formatDuration(data.kpis.total.elements.PBT)}</span>
            </div>
          </div>
        ) : null}
      </header>

      {figures.error ? <ErrorBox error={figures.error} retry={figures.reload} what={`the figures of ${equipment.name}`} /> : null}
      {data === undefined ? (
        figures.error ? null : <Loading label={`Loading the figures of ${equipment.name}…`} lines={6} />
      ) : (
        <>
          {isEmptyRange(data.kpis.total.elements) ? (
            <EmptyBox>Nothing was planned or produced at {equipment.name} in this range. Pick another range above.</EmptyBox>
          ) : (
            <div className="chart-grid">
              <section className="card wide" aria-labelledby="trend-title">
                <h2 id="trend-title" className="card-title">
                  OEE trend
                </h2>
                <TrendChart buckets={data.kpis.buckets} granularity={view.granularity} timeZone={equipment.timeZone ?? undefined} />
              </section>
              <section className="card" aria-labelledby="waterfall-title">
                <h2 id="waterfall-title" className="card-title">
                  Where planned time goes
                </h2>
                <WaterfallChart losses={data.oeeLossBreakdown} />
              </section>
              <section className="card" aria-labelledby="pareto-title">
                <h2 id="pareto-title" className="card-title">
                  Downtime by reason <span className="muted">· top {data.downtimePareto.length}</span>
                </h2>
                {data.downtimePareto.length === 0 ? <p className="muted">No downtime recorded in this range.</p> : <ParetoChart reasons={data.downtimePareto} />}
              </section>
            </div>
          )}
          {equipment.children.length > 0 ? <ChildrenTable children={equipment.children} summaries={data.kpiBreakdown} view={view} /> : null}
        </>
      )}

      <section className="card" aria-labelledby="states-title">
        <h2 id="states-title" className="card-title">
          {equipment.level === 'WorkUnit' ? 'State now' : 'Work units now'}
        </h2>
        <StateTiles scope={equipment.id} />
      </section>

      {data && !isEmptyRange(data.kpis.total.elements) ? (
        <ElementsTable elements={data.kpis.total.elements} figures={data.kpis.total} definition={data.kpis.definition} kpis={data.kpis.total.kpis} />
      ) : null}
    </section>
  );
}
