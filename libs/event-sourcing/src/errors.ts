/**
 * Every refusal is a typed error with a stable code; the edges (HTTP, GraphQL) map codes to status codes
 * and error extensions. Domain code throws subclasses of DomainError.
 */
export abstract class QuadrantError extends Error {
  abstract readonly code: string;
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule refused the command. */
export class DomainError extends QuadrantError {
  constructor(readonly code: string, message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export class NotFoundError extends QuadrantError {
  readonly code = 'NOT_FOUND';
  constructor(readonly kind: string, readonly id: string) {
    super(`${kind} "${id}" does not exist`, { kind, id });
  }
}

/** One problem with a request's input: the field at fault (`changes.1.since`) and what is wrong with it. */
export interface InputProblem {
  field: string;
  message: string;
}

export class InvalidInputError extends QuadrantError {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), { problems });
  }
}

export class StreamVersionConflictError extends QuadrantError {
  readonly code = 'VERSION_CONFLICT';
  constructor(readonly streamId: string, readonly expectedVersion: ExpectedVersion, readonly currentVersion: number) {
    super(
      `stream "${streamId}" is at version ${currentVersion}, not ${String(expectedVersion)} as expected`,
      { streamId, expectedVersion, currentVersion },
    );
  }
}

/**
 * A multi-command append named a command id that had been handled already, so it wrote nothing. The
 * caller handles those commands one at a time, where each seen id answers its first result.
 */
export class CommandAlreadyHandledError extends QuadrantError {
  readonly code = 'COMMAND_ALREADY_HANDLED';
  constructor(readonly streamId: string, readonly commandIds: readonly string[]) {
    super(`stream "${streamId}": one of the commands ${commandIds.join(', ')} was handled before; nothing was appended`, { streamId, commandIds });
  }
}

export class EventContractViolationError extends QuadrantError {
  readonly code = 'EVENT_CONTRACT_VIOLATION';
  constructor(readonly eventType: string, readonly problems: readonly string[]) {
    super(`event ${eventType} does not match its schema: ${problems.join('; ')}`, { eventType, problems });
  }
}

/** A version number (0 = the stream does not exist yet), or no check at all. */
export type ExpectedVersion = number | 'any';
