import { formatLevel, formatPercent, oeeBand } from '../format';
import type { EquipmentRef, ScopeSummary } from '../queries';
import { formatView, withScope, type View } from '../url-state';
import { Link } from './Link';

/** The elements one level down with their OEE, lowest first (the order `kpiBreakdown` answers), to drill into. */
export function ChildrenTable({ children, summaries, view }: { children: readonly EquipmentRef[]; summaries: readonly ScopeSummary[] | undefined; view: View }) {
  const byId = new Map((summaries ?? []).map((summary, index) => [summary.equipment.id, { summary, index }]));
  const rows = [...children].sort((a, b) => (byId.get(a.id)?.index ?? Number.MAX_SAFE_INTEGER) - (byId.get(b.id)?.index ?? Number.MAX_SAFE_INTEGER));
  const levels = new Set(children.map((child) => child.level));
  const title = levels.size === 1 ? formatLevel([...levels][0] ?? '', true) : 'Below';
  return (
    <section className="card" aria-labelledby="children-title">
      <h2 id="children-title" className="card-title">
        {title} <span className="muted">· lowest OEE first</span>
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              OEE
            </th>
            <th scope="col" className="num">
              Availability
            </th>
            <th scope="col" className="num">
              Effectiveness
            </th>
            <th scope="col" className="num">
              Quality ratio
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((child) => {
            const total = byId.get(child.id)?.summary.total;
            const oee = total?.oee ?? null;
            return (
              <tr key={child.id} data-testid={`child-${child.id}`}>
                <th scope="row">
                  <Link to={formatView(withScope(view, child.id))}>{child.name}</Link>
                </th>
                <td className="num">
                  <span className={`pill band-${oeeBand(oee)}`} data-testid={`oee-${child.id}`} data-value={oee === null ? 'null' : String(oee)}>
                    {formatPercent(oee)}
                  </span>
                </td>
                <td className="num">{formatPercent(total?.availability)}</td>
                <td className="num">{formatPercent(total?.effectiveness)}</td>
                <td className="num">{formatPercent(total?.qualityRatio)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
