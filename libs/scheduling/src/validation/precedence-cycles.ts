import type { Job } from '../problem';
import { predecessorsOf } from './predecessors';

/**
 * Every cycle of the job's precedence graph, each as the operation ids along it with the first repeated at
 * the end. A depth-first search reports one cycle per back edge, so a loop is named once, not once per
 * operation on it. Predecessors outside the job are ignored here: validation names them on their own.
 */
export function findPrecedenceCycles(job: Job): string[][] {
  const predecessors = new Map<string, readonly string[]>();
  job.operations.forEach((operation, index) => predecessors.set(operation.id, predecessorsOf(job, index)));

  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const before of predecessors.get(id) ?? []) {
      if (before === id || !predecessors.has(before)) continue;
      const seen = state.get(before);
      if (seen === 'open') cycles.push([...path.slice(path.indexOf(before)), before].reverse());
      else if (seen === undefined) visit(before);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const operation of job.operations) if (!state.has(operation.id)) visit(operation.id);
  return cycles;
}
