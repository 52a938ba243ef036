import { formatDateTime } from '../format';
import type { QueryState } from '../hooks';
import { describeTrigger, formatMovedCount } from '../schedule-format';
import type { ScheduleRevisionsData } from '../schedule-queries';
import { ErrorBox, Loading } from './StatusBoxes';

/** The site's latest revisions of its schedule, newest first: what changed the plan, when, and how much moved. */
export function RevisionsPanel({ revisions, names }: { revisions: QueryState<ScheduleRevisionsData>; names: ReadonlyMap<string, string> }) {
  const list = revisions.data?.scheduleRevisions;
  return (
    <section className="card" aria-labelledby="revisions-title" data-testid="revisions">
      <h2 id="revisions-title" className="card-title">
        Latest revisions <span className="muted">· whole site</span>
      </h2>
      {revisions.error ? <ErrorBox error={revisions.error} retry={revisions.reload} what="the revisions of the schedule" /> : null}
      {list === undefined ? (
        revisions.error ? null : <Loading label="Loading the revisions…" lines={3} />
      ) : list.length === 0 ? (
        <p className="muted">The schedule of this site has not been revised yet.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                Revision
              </th>
              <th scope="col">Why</th>
              <th scope="col">Revised</th>
              <th scope="col">Moved</th>
            </tr>
          </thead>
          <tbody>
            {list.map((revision) => (
              <tr key={revision.revision} data-testid={`revision-${revision.revision}`}>
                <th scope="row" className="num">
                  {revision.revision}
                </th>
                <td>{describeTrigger(revision.trigger, names)}</td>
                <td title={`after what happened at ${formatDateTime(revision.trigger.occurredAt)}`}>{formatDateTime(revision.revisedAt)}</td>
                <td>{formatMovedCount(revision.movedCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
