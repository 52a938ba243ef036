import { useLiveStatus } from '../hooks';

const LABELS = { live: 'Live', connecting: 'Connecting…', offline: 'Offline · reconnecting' } as const;
const HINTS = {
  live: 'Figures refresh when production changes them',
  connecting: 'Opening the live connection to the gateway',
  offline: 'The live connection dropped; figures may be stale until it is back',
} as const;

export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span className={`live live-${status}`} role="status" aria-live="polite" title={HINTS[status]} data-testid="live" data-status={status}>
      <span className="live-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
