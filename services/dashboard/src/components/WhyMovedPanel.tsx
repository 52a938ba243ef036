import { formatDateTime } from '../format';
import { operationLabel } from '../gantt-data';
import type { QueryState } from '../hooks';
import { describePlacement, describeTrigger } from '../schedule-format';
import type { OperationMoveExplanation, OperationRef, WhyDidOperationMoveData } from '../schedule-queries';
import { ErrorBox, Loading } from './StatusBoxes';

/**
 * "Why did it move?" for the operation picked: each revision that placed or moved it, newest first, the move, and
 * the chain of events behind it (the revision, then what it reacted to) in the gateway's plain words.
 */
export function WhyMovedPanel({ selected, why, names }: { selected: OperationRef | null; why: QueryState<WhyDidOperationMoveData>; names: ReadonlyMap<string, string> }) {
  const label = selected === null ? null : operationLabel(selected);
  return (
    <section className="card" aria-labelledby="why-title" aria-live="polite" data-testid="why-moved">
      <h2 id="why-title" className="card-title">
        {label === null ? 'Why did it move?' : `Why did ${label} move?`}
      </h2>
      {selected === null ? (
        <p className="muted">Pick an operation in the chart or in the table to see the revisions that moved it and what caused them.</p>
      ) : why.error ? (
        <ErrorBox error={why.error} retry={why.reload} what={`why ${label ?? ''} moved`} />
      ) : why.data === undefined ? (
        <Loading label={`Loading why ${label ?? ''} moved…`} lines={3} />
      ) : why.data.whyDidOperationMove.length === 0 ? (
        <p className="muted">No revision has placed or moved {label} yet.</p>
      ) : (
        <ol className="why-list">
          {why.data.whyDidOperationMove.map((explanation) => (
            <Explanation key={explanation.revision.revision} explanation={explanation} names={names} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Explanation({ explanation, names }: { explanation: OperationMoveExplanation; names: ReadonlyMap<string, string> }) {
  const { revision, move, causes } = explanation;
  const headingId = `why-revision-${revision.revision}`;
  return (
    <li className="why-item" data-testid={headingId}>
      <h3 id={headingId} className="why-title">
        Revision {revision.revision} · {describeTrigger(revision.trigger, names)}
      </h3>
      <p className="muted small">Revised {formatDateTime(revision.revisedAt)}</p>
      <p className="why-move">
        {move.from === null ? (
          <>
            Placed on <strong>{describePlacement(move.to, names)}</strong>
          </>
        ) : move.to === null ? (
          <>
            Dropped from <strong>{describePlacement(move.from, names)}</strong>
          </>
        ) : (
          <>
            From <strong>{describePlacement(move.from, names)}</strong> to <strong>{describePlacement(move.to, names)}</strong>
          </>
        )}
      </p>
      {causes.length > 0 ? (
        <>
          <p className="small why-because">Because of, newest first:</p>
          <ol className="causes" data-testid={`causes-${revision.revision}`}>
            {causes.map((cause) => (
              <li key={cause.eventId}>
                <span className="cause-summary">{cause.summary}</span>{' '}
                <span className="muted small">
                  {cause.type}
                  {cause.occurredAt ? ` · ${formatDateTime(cause.occurredAt)}` : ''}
                  {cause.actor ? ` · by ${cause.actor}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </li>
  );
}
