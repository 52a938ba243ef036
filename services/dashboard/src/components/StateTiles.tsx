import { useEffect, useState } from 'react';
import { formatDateTime, formatReason, formatSince, formatState } from '../format';
import { subscribe, onReconnected } from '../graphql';
import { useNow, useQuery } from '../hooks';
import { WORK_UNIT_STATE_CHANGED, WORK_UNIT_STATUSES, type WorkUnitStateChangedData, type WorkUnitStatus, type WorkUnitStatusesData } from '../queries';
import { ErrorBox, Loading } from './StatusBoxes';

/** The current state of each work unit at or below the scope, kept live by `workUnitStateChanged`. */
export function StateTiles({ scope }: { scope: string }) {
  const statuses = useQuery<WorkUnitStatusesData>(WORK_UNIT_STATUSES, { scope });
  const [pushed, setPushed] = useState<{ scope: string; byUnit: Map<string, WorkUnitStatus> }>({ scope, byUnit: new Map() });
  const now = useNow(30_000);
  const { reload } = statuses;

  useEffect(() => {
    setPushed({ scope, byUnit: new Map() });
    const unsubscribe = subscribe<WorkUnitStateChangedData>(
      WORK_UNIT_STATE_CHANGED,
      { scope },
      ({ workUnitStateChanged: status }) =>
        setPushed((previous) => (previous.scope === scope ? { scope, byUnit: new Map(previous.byUnit).set(status.workUnitId, status) } : previous)),
      (error) => console.warn(`workUnitStateChanged(${scope}): ${error.message}`),
    );
    const stopReconnected = onReconnected(reload);
    return () => {
      unsubscribe();
      stopReconnected();
    };
  }, [scope, reload]);

  if (statuses.error) return <ErrorBox error={statuses.error} retry={statuses.reload} what="the work unit states" />;
  if (statuses.data === undefined) return <Loading lines={2} label="Loading work unit states…" />;
  const live = pushed.scope === scope ? pushed.byUnit : new Map<string, WorkUnitStatus>();
  const merged = new Map(statuses.data.workUnitStatuses.map((status) => [status.workUnitId, status]));
  for (const [id, status] of live) {
    const known = merged.get(id);
    // A pushed state replaces the queried one unless the query (a refetch) saw a later one.
    if (!known || Date.parse(status.since) >= Date.parse(known.since)) merged.set(id, { ...status, workUnit: status.workUnit ?? known?.workUnit ?? null });
  }
  const tiles = [...merged.values()].sort((a, b) => (a.workUnit?.name ?? a.workUnitId).localeCompare(b.workUnit?.name ?? b.workUnitId));
  if (tiles.length === 0) return <p className="muted">No work unit below this element.</p>;
  return (
    <ul className="state-tiles">
      {tiles.map((status) => (
        <li key={status.workUnitId} className={`state-tile state-${status.state}`} data-testid={`state-${status.workUnitId}`} data-state={status.state}>
          <span className="state-name">{status.workUnit?.name ?? status.workUnitId}</span>
          <span className="state-label">{formatState(status.state)}</span>
          <span className="state-since" title={`since ${formatDateTime(status.since)}`}>
            {formatSince(status.since, now)}
          </span>
          {status.state === 'Down' || status.reasonCode || status.reasonText ? (
            <span className="state-reason">
              {status.state === 'Down' || status.reasonCode ? formatReason(status.reasonCode) : null}
              {status.reasonText ? <span className="state-reason-text"> · {status.reasonText}</span> : null}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
