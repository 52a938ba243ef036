import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4 (its last release) spins a timer on every broker connection. After each answered request
 * its `RequestQueue` schedules a check of the requests waiting to be sent. When none wait and the broker is
 * not throttling, the delay is negative. So the check runs again a millisecond later and schedules itself
 * again, for the life of the connection (tulios/kafkajs#1556 and #1704; the fix, PR #1667, was never
 * released). Each producer and consumer holds such connections: the gateway spent 6 % of a core at idle.
 *
 * This replaces the one method, as that PR does: nothing is scheduled while nothing waits. A request that
 * has to wait is pushed through `push`, which schedules the check; an answered request checks at once.
 */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs' own interval between checks while requests wait and the broker is not throttling. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

export function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const throttledFor = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL_MS);
}

let applied = false;

/** Installs the fix on kafkajs' `RequestQueue` (once; the class is shared by every client). */
export function fixKafkajsIdleTimer(): void {
  if (applied) return;
  const RequestQueue = createRequire(require.resolve('kafkajs'))('./src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  applied = true;
}
