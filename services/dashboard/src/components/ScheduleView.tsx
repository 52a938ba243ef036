import { useMemo, useState } from 'react';
import { formatDateTime, formatScopeKind } from '../format';
import { ganttData, operationKey, scheduleCounts } from '../gantt-data';
import { useNow, useQuery, useScheduleRevised, useTitle } from '../hooks';
import type { ScopeEquipment } from '../queries';
import { siteOf } from '../schedule-format';
import {
  SCHEDULE_REVISIONS,
  WHY_DID_OPERATION_MOVE,
  WORK_SCHEDULE,
  type OperationRef,
  type ScheduleRevisionsData,
  type WhyDidOperationMoveData,
  type WorkScheduleData,
  type WorkScheduleVariables,
} from '../schedule-queries';
import { formatView, withTab, type ResolvedRange, type View } from '../url-state';
import { Breadcrumbs } from './Breadcrumbs';
import { GanttChart } from './GanttChart';
import { GanttLegend } from './GanttLegend';
import { Link } from './Link';
import { OperationsTable } from './OperationsTable';
import { RevisionsPanel } from './RevisionsPanel';
import { ScopeTabs } from './ScopeTabs';
import { EmptyBox, ErrorBox, Loading } from './StatusBoxes';
import { WhyMovedPanel } from './WhyMovedPanel';

/** How many revisions the panel lists: enough to see what changed the plan this shift. */
const REVISIONS_SHOWN = 10;

/**
 * The detailed schedule of a scope's work units over the range, for planners: the Gantt chart, the operations
 * as a table (what a keyboard or a screen reader uses to pick one), the site's latest revisions, and why the
 * picked operation moved. A revision of the site's schedule, pushed live, refetches all of it.
 */
export function ScheduleView({ equipment, view, range, sameFigures }: { equipment: ScopeEquipment; view: View; range: ResolvedRange; sameFigures: string }) {
  const siteId = siteOf(equipment);
  const kind = formatScopeKind(equipment.level, equipment.workCenterType);
  useTitle(`${equipment.name} schedule`);
  return (
    <section aria-labelledby="scope-title">
      <Breadcrumbs equipment={equipment} view={view} />
      <ScopeTabs view={view} hasSchedule={siteId !== null} />
      <header className="scope-header">
        <h1 id="scope-title" className="page-title">
          {equipment.name} schedule <span className="level-tag">{kind}</span>
        </h1>
      </header>
      {siteId === null ? (
        <EmptyBox title="No schedule here">
          Schedules are per site, and {equipment.name} spans sites: pick a site. <Link to={formatView(withTab(view, 'kpis'))}>Back to the KPIs</Link>
        </EmptyBox>
      ) : (
        <SiteSchedule equipment={equipment} siteId={siteId} range={range} sameFigures={sameFigures} />
      )}
    </section>
  );
}

function SiteSchedule({ equipment, siteId, range, sameFigures }: { equipment: ScopeEquipment; siteId: string; range: ResolvedRange; sameFigures: string }) {
  const variables: WorkScheduleVariables = { scope: equipment.id, from: range.from, to: range.to };
  // The same scope and range choice, later (a preset sliding with the clock): shown while the new one loads.
  const schedule = useQuery<WorkScheduleData>(WORK_SCHEDULE, variables, `${equipment.id} ${sameFigures}`);
  const revisions = useQuery<ScheduleRevisionsData>(SCHEDULE_REVISIONS, { siteId, last: REVISIONS_SHOWN });
  const [selected, setSelected] = useState<OperationRef | null>(null);
  const why = useQuery<WhyDidOperationMoveData>(WHY_DID_OPERATION_MOVE, selected);
  const now = useNow(30_000).getTime();

  const { reload: reloadSchedule } = schedule;
  const { reload: reloadRevisions } = revisions;
  const { reload: reloadWhy } = why;
  useScheduleRevised(siteId, () => {
    reloadSchedule();
    reloadRevisions();
    reloadWhy();
  });

  const data = schedule.data;
  // Unit names for rows, triggers and moves: the scope's units, and the site's (a trigger may be on another line).
  const names = useMemo(() => {
    const known = new Map<string, string>();
    for (const unit of revisions.data?.equipment?.workUnits ?? []) known.set(unit.id, unit.name);
    for (const unit of data?.equipment?.workUnits ?? []) known.set(unit.id, unit.name);
    return known;
  }, [data, revisions.data]);
  const gantt = useMemo(() => (data ? ganttData(data.workSchedule, names) : undefined), [data, names]);
  const selectedKey = selected === null ? null : operationKey(selected);
  const select = (key: string): void => {
    const bar = gantt?.bars.find((candidate) => candidate.key === key);
    if (bar) setSelected({ jobOrderId: bar.operation.jobOrderId, segmentId: bar.operation.segmentId });
  };

  const counts = data ? scheduleCounts(data.workSchedule.operations) : undefined;
  const revision = data?.workSchedule.revision ?? 0;
  const revisedAt = data?.workSchedule.revisedAt ?? null;

  return (
    <div aria-busy={schedule.loading}>
      {data && counts ? (
        <p className="schedule-meta" data-testid="schedule-meta">
          {revision === 0 ? 'Not revised yet' : `Revision ${revision}`}
          {revisedAt ? `, revised ${formatDateTime(revisedAt)}` : ''} · {counts.operations} operation{counts.operations === 1 ? '' : 's'} · {counts.late} late · {counts.locked}{' '}
          locked
        </p>
      ) : null}
      {schedule.error ? <ErrorBox error={schedule.error} retry={schedule.reload} what={`the schedule of ${equipment.name}`} /> : null}
      {gantt === undefined ? (
        schedule.error ? null : <Loading label={`Loading the schedule of ${equipment.name}…`} lines={6} />
      ) : gantt.bars.length === 0 ? (
        <EmptyBox title="No operations scheduled in this range">
          Nothing is planned on the work units of {equipment.name} between {formatDateTime(range.from)} and {formatDateTime(range.to)}. Pick another range above.
        </EmptyBox>
      ) : (
        <>
          <section className="card" aria-labelledby="gantt-title">
            <h2 id="gantt-title" className="card-title">
              Gantt <span className="muted">· {gantt.rows.length} work units</span>
            </h2>
            <GanttLegend />
            <GanttChart data={gantt} names={names} now={now} selectedKey={selectedKey} onSelect={select} />
          </section>
          <OperationsTable bars={gantt.bars} names={names} selectedKey={selectedKey} onSelect={select} />
        </>
      )}
      <div className="schedule-panels">
        {/* Nothing to pick in an empty range: the panel would only say so. */}
        {selected !== null || (gantt?.bars.length ?? 0) > 0 ? <WhyMovedPanel selected={selected} why={why} names={names} /> : null}
        <RevisionsPanel revisions={revisions} names={names} />
      </div>
    </div>
  );
}
