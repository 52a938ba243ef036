export interface WorkCalendarProblem {
  /** The path of the offending field, for example `shifts[1].breaks[0].end`. */
  readonly field: string;
  readonly message: string;
}

/**
 * Same code and `problems` shape as InvalidInputError of @quadrant/event-sourcing, so the edges map both
 * alike; restated here so that a pure calendar library does not pull in an event store and its drivers.
 */
export class InvalidWorkCalendarError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly problems: readonly WorkCalendarProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'InvalidWorkCalendarError';
  }
}
