import { formatPercent, oeeBand } from '../format';

/**
 * A `%` KPI as people read it (`67.6 %`, `—` when there is no value), with the raw fraction in `data-value`
 * (`0.676`, or `null`) for whoever needs the exact figure.
 */
export function KpiFigure({ label, value, testId, emphasis = false }: { label: string; value: number | null; testId?: string; emphasis?: boolean }) {
  return (
    <div className={`kpi ${emphasis ? 'kpi-main' : ''}`}>
      <span className="kpi-label">{label}</span>
      <span
        className={`kpi-value ${emphasis ? `band-${oeeBand(value)}` : ''}`}
        data-value={value === null ? 'null' : String(value)}
        {...(testId ? { 'data-testid': testId } : {})}
        title={value === null ? 'No value: nothing planned or produced in this range' : undefined}
      >
        {formatPercent(value)}
      </span>
    </div>
  );
}
