import { formatDateTime, formatSpan, formatTime, NO_VALUE } from '../format';
import type { GanttBar } from '../gantt-data';

/**
 * The operations of the Gantt as a table, in the same order (by unit, then start): the chart's content for
 * keyboards and screen readers, and the way to pick one to ask why it moved. Times in the browser's zone, as on
 * the chart's axis.
 */
export function OperationsTable({
  bars,
  names,
  selectedKey,
  onSelect,
}: {
  bars: readonly GanttBar[];
  names: ReadonlyMap<string, string>;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  return (
    <section className="card" aria-labelledby="operations-title">
      <h2 id="operations-title" className="card-title">
        Operations <span className="muted">· pick one to see why it moved</span>
      </h2>
      <div className="table-scroll">
        <table className="table compact operations" data-testid="operations">
          <thead>
            <tr>
              <th scope="col">Job order / segment</th>
              <th scope="col">Work unit</th>
              <th scope="col">Setup</th>
              <th scope="col">Runs</th>
              <th scope="col">Product</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => {
              const { operation } = bar;
              const selected = bar.key === selectedKey;
              const hasSetup = Date.parse(operation.setupStart) < Date.parse(operation.start);
              return (
                <tr key={bar.key} data-testid={`operation-${bar.key}`} className={selected ? 'selected' : undefined} aria-selected={selected}>
                  <th scope="row">
                    <button type="button" className="link-button" aria-pressed={selected} onClick={() => onSelect(bar.key)}>
                      {bar.label}
                    </button>
                  </th>
                  <td>{names.get(operation.workUnitId) ?? operation.workUnitId}</td>
                  <td>{hasSetup ? `${formatTime(operation.setupStart)}–${formatTime(operation.start)}` : NO_VALUE}</td>
                  <td>{formatSpan(operation.start, operation.end)}</td>
                  <td>
                    {operation.productId ?? NO_VALUE}
                    {operation.priority === null ? null : <span className="muted"> · priority {operation.priority}</span>}
                  </td>
                  <td>{operation.dueAt ? formatDateTime(operation.dueAt) : NO_VALUE}</td>
                  <td>
                    {operation.late ? <span className="tag tag-late">Late</span> : null}
                    {operation.locked ? <span className="tag tag-locked">Locked</span> : null}
                    {!operation.late && !operation.locked ? <span className="muted">On time</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
