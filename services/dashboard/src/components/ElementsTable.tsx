import { formatDuration, formatKpiValue, formatPercent, formatQuantity } from '../format';
import type { KpiDefinition, KpiElements, KpiFigures, KpiValue } from '../queries';

const TIMES: [keyof KpiElements, string][] = [
  ['POT', 'Planned operation time (work calendar)'],
  ['PDOT', 'Planned down time (breaks, planned maintenance)'],
  ['PBT', 'Planned busy time = POT − PDOT'],
  ['APT', 'Actual production time (running)'],
  ['ASUT', 'Actual unit setup time'],
  ['ADET', 'Actual unit delay time (down, stops above the minor-stop threshold)'],
  ['ADOT', 'Actual unit down time (idle: available, not producing)'],
  ['PRI_PQ', 'Planned run time of the produced quantity (ideal cycle time × quantity)'],
];
const QUANTITIES: [keyof KpiElements, string][] = [
  ['PQ', 'Produced quantity (good + scrap + rework)'],
  ['GQ', 'Good quantity'],
  ['SQ', 'Scrap quantity'],
  ['RQ', 'Rework quantity'],
  ['FE', 'Failure events'],
];

/** The ISO 22400 elements behind the OEE shown, and how the OEE follows from them, so the number can be trusted. */
export function ElementsTable({
  elements,
  figures,
  definition,
  kpis,
}: {
  elements: KpiElements;
  figures: KpiFigures;
  definition: KpiDefinition;
  kpis: readonly KpiValue[];
}) {
  const others = kpis.filter((kpi) => !['oee', 'availability', 'effectiveness', 'quality-ratio'].includes(kpi.id));
  return (
    <section className="card" aria-labelledby="elements-title">
      <h2 id="elements-title" className="card-title">
        Behind the figures <span className="muted">· ISO 22400 elements, summed over the work units</span>
      </h2>
      <div className="elements">
        <table className="table compact" data-testid="elements">
          <caption className="visually-hidden">KPI elements</caption>
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Meaning</th>
              <th scope="col" className="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {TIMES.map(([key, meaning]) => (
              <tr key={key} data-testid={`element-${key}`}>
                <th scope="row">
                  <abbr title={meaning}>{key === 'PRI_PQ' ? 'PRI × PQ' : key}</abbr>
                </th>
                <td>{meaning}</td>
                <td className="num" data-value={elements[key]}>
                  {formatDuration(elements[key], { days: false })}
                </td>
              </tr>
            ))}
            {QUANTITIES.map(([key, meaning]) => (
              <tr key={key} data-testid={`element-${key}`}>
                <th scope="row">
                  <abbr title={meaning}>{key}</abbr>
                </th>
                <td>{meaning}</td>
                <td className="num" data-value={elements[key]}>
                  {formatQuantity(elements[key])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <h3 className="subtle-title">How the OEE follows</h3>
          <dl className="formulas">
            <dt>Availability = APT / PBT</dt>
            <dd>
              {formatDuration(elements.APT, { days: false })} / {formatDuration(elements.PBT, { days: false })} = <strong>{formatPercent(figures.availability)}</strong>
            </dd>
            <dt>Effectiveness = PRI × PQ / APT</dt>
            <dd>
              {formatDuration(elements.PRI_PQ, { days: false })} / {formatDuration(elements.APT, { days: false })} = <strong>{formatPercent(figures.effectiveness)}</strong>
            </dd>
            <dt>Quality ratio = GQ / PQ</dt>
            <dd>
              {formatQuantity(elements.GQ)} / {formatQuantity(elements.PQ)} = <strong>{formatPercent(figures.qualityRatio)}</strong>
            </dd>
            <dt>OEE = Availability × Effectiveness × Quality ratio</dt>
            <dd>
              <strong>{formatPercent(figures.oee)}</strong>
            </dd>
          </dl>
          <p className="muted small">
            KPI definition v{definition.version}: stops shorter than {formatDuration(definition.minorStopThresholdSeconds)} count as speed loss; setup{' '}
            {definition.setupIsAvailabilityLoss ? 'counts as availability loss' : 'is shown apart from availability loss'}.
            {definition.reprojection
              ? ` Re-projecting under v${definition.reprojection.version}: ${formatQuantity(definition.reprojection.processedEvents)} of ${formatQuantity(definition.reprojection.totalEvents)} events.`
              : ''}
          </p>
          {others.length > 0 ? (
            <details>
              <summary>More KPIs ({others.length})</summary>
              <dl className="more-kpis">
                {others.map((kpi) => (
                  <div key={kpi.id}>
                    <dt>{kpi.name}</dt>
                    <dd data-value={kpi.value === null ? 'null' : String(kpi.value)}>{formatKpiValue(kpi.value, kpi.unit)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : null}
        </div>
      </div>
    </section>
  );
}
