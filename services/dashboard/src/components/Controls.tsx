import { useState, type FormEvent } from 'react';
import { formatGranularity, formatPreset, fromLocalInput, toLocalInput } from '../format';
import { navigate } from '../navigation';
import { formatView, GRANULARITIES, RANGE_PRESETS, withGranularity, withRange, type Granularity, type ResolvedRange, type View } from '../url-state';

/**
 * Time range presets, a custom from/to, and the bucket size; every choice goes into the URL. On the schedule the
 * presets look ahead ("Next 24 h") and there are no buckets to size.
 */
export function Controls({ view, range }: { view: View; range: ResolvedRange }) {
  const [customOpen, setCustomOpen] = useState(false);
  const custom = view.range.kind === 'custom';
  const schedule = view.tab === 'schedule';
  return (
    <div className="controls">
      <div className="segmented" role="group" aria-label="Time range">
        {RANGE_PRESETS.map((preset) => {
          const active = view.range.kind === 'preset' && view.range.preset === preset;
          return (
            <button
              key={preset}
              type="button"
              aria-pressed={active}
              onClick={() => {
                setCustomOpen(false);
                navigate(formatView(withRange(view, { kind: 'preset', preset })));
              }}
            >
              {formatPreset(preset, schedule)}
            </button>
          );
        })}
        <button type="button" aria-pressed={custom} aria-expanded={customOpen || custom} onClick={() => setCustomOpen((open) => !open)}>
          Custom…
        </button>
      </div>
      {schedule ? null : (
        <div className="field">
          <label htmlFor="granularity">Group by</label>
          <select id="granularity" value={view.granularity} onChange={(event) => navigate(formatView(withGranularity(view, event.target.value as Granularity)))}>
            {GRANULARITIES.map((granularity) => (
              <option key={granularity} value={granularity}>
                {formatGranularity(granularity)}
              </option>
            ))}
          </select>
        </div>
      )}
      {customOpen || custom ? <CustomRange key={custom ? `${range.from} ${range.to}` : 'new'} view={view} range={range} onDone={() => setCustomOpen(false)} /> : null}
    </div>
  );
}

function CustomRange({ view, range, onDone }: { view: View; range: ResolvedRange; onDone: () => void }) {
  const [from, setFrom] = useState(toLocalInput(range.from));
  const [to, setTo] = useState(toLocalInput(range.to));
  const fromIso = fromLocalInput(from);
  const toIso = fromLocalInput(to);
  const problem = fromIso === null || toIso === null ? 'Enter both dates' : Date.parse(fromIso) >= Date.parse(toIso) ? '“From” must be before “to”' : null;
  const apply = (event: FormEvent): void => {
    event.preventDefault();
    if (problem !== null || fromIso === null || toIso === null) return;
    onDone();
    navigate(formatView(withRange(view, { kind: 'custom', from: fromIso, to: toIso })));
  };
  return (
    <form className="custom-range" onSubmit={apply} aria-label="Custom time range">
      <label className="field">
        <span>From</span>
        <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} required />
      </label>
      <label className="field">
        <span>To</span>
        <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} required />
      </label>
      <button type="submit" className="button" disabled={problem !== null}>
        Apply
      </button>
      {problem ? (
        <span className="muted small" role="status">
          {problem}
        </span>
      ) : null}
    </form>
  );
}
