import type { Job, Operation } from '../problem';

/**
 * The operations that must end before `operation` starts, as the model reads `after`: when it is omitted,
 * the one before it in the job's list (a routing), so a plain routing needs no `after` at all.
 */
export function predecessorsOf(job: Job, index: number): readonly string[] {
  const operation: Operation | undefined = job.operations[index];
  if (!operation) return [];
  if (operation.after) return operation.after;
  const previous = job.operations[index - 1];
  return previous ? [previous.id] : [];
}
