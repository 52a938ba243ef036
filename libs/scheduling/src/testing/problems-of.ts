import { InvalidSchedulingProblem } from '../errors';
import type { SchedulingProblem } from '../problem';
import { validateProblem } from '../validation/validate-problem';

/** What `validateProblem` names wrong with a problem; none when it passes. Any other error is thrown. */
export function problemsOf(problem: SchedulingProblem): string[] {
  try {
    validateProblem(problem);
  } catch (error) {
    if (error instanceof InvalidSchedulingProblem) return error.problems;
    throw error;
  }
  return [];
}
