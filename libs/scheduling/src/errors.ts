/**
 * A problem the scheduler refuses before searching, with every reason at once so the caller can fix them
 * in one go. Its own class rather than InvalidInputError of @quadrant/event-sourcing, so that this pure
 * library pulls in no event store; the edges map `code` like the other typed errors.
 */
export class InvalidSchedulingProblem extends Error {
  readonly code = 'INVALID_SCHEDULING_PROBLEM';
  /** One sentence per problem, naming the job, operation or work unit and the rule it breaks. */
  readonly problems: string[];
  constructor(problems: readonly string[]) {
    super(`invalid scheduling problem: ${problems.join('; ')}`);
    this.name = 'InvalidSchedulingProblem';
    this.problems = [...problems];
  }
}
