import type { MachineMessage } from './machine-message';
import type { MessageRun } from './work-unit-stream';

/**
 * One time-ordered list from the units' time-ordered runs; at equal times the earlier run goes first,
 * so a unit's own order is kept. A binary heap of the runs' heads: a year of a hundred units is tens
 * of millions of messages, too many for a comparison sort or a scan of every head.
 */
export function mergeRuns(runs: MessageRun[]): MachineMessage[] {
  if (runs.length === 1) return runs[0].messages;
  const merged: MachineMessage[] = [];
  const next = runs.map(() => 0);
  const heap = runs.map((_, run) => run).filter((run) => runs[run].messages.length > 0);
  const before = (a: number, b: number): boolean => {
    const timeA = runs[a].times[next[a]];
    const timeB = runs[b].times[next[b]];
    return timeA < timeB || (timeA === timeB && a < b);
  };
  const siftDown = (from: number): void => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < heap.length && before(heap[left], heap[first])) first = left;
      if (right < heap.length && before(heap[right], heap[first])) first = right;
      if (first === at) return;
      [heap[at], heap[first]] = [heap[first], heap[at]];
      at = first;
    }
  };
  for (let at = Math.floor(heap.length / 2) - 1; at >= 0; at--) siftDown(at);
  while (heap.length > 0) {
    const run = heap[0];
    merged.push(runs[run].messages[next[run]]);
    next[run]++;
    if (next[run] === runs[run].messages.length) {
      const last = heap.pop();
      if (heap.length > 0 && last !== undefined) heap[0] = last;
    }
    siftDown(0);
  }
  return merged;
}
