import { GraphQLError } from 'graphql';

export interface Problem {
  /** Path of the offending argument in the GraphQL operation, e.g. `input.since`. */
  field: string;
  message: string;
}

export function badUserInput(problems: readonly Problem[], extensions: Record<string, unknown> = {}): GraphQLError {
  const listed = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  return new GraphQLError(`invalid input: ${listed}`, { extensions: { code: 'BAD_USER_INPUT', problems, ...extensions } });
}

interface ErrorAnswer {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Where a field of the body sent to a service came from in the GraphQL operation. */
export type ArgumentOf = (field: string) => string;

export const inputArgument: ArgumentOf = (field) => `input.${field}`;

function problemsOf(details: Record<string, unknown>, argumentOf: ArgumentOf): Problem[] {
  const problems = Array.isArray(details['problems']) ? details['problems'] : [];
  return problems.map((problem) => {
    const { field, message } = asObject(problem);
    return { field: argumentOf(typeof field === 'string' ? field : '?'), message: typeof message === 'string' ? message : 'is invalid' };
  });
}

/**
 * A service's error answer (`{ code, message, details }`, see QuadrantExceptionFilter) as a GraphQL error:
 * 400 BAD_USER_INPUT naming each field, 404 NOT_FOUND, 409 CONFLICT (with the stream's current version when
 * known), 422 the refused rule's own code (e.g. STOP_REASON_REQUIRED), 502-504 SERVICE_UNAVAILABLE.
 * `argumentOf` names a refused body field as the operation's argument, `input.<field>` unless told.
 */
export function graphQLErrorOf(service: string, status: number, answer: unknown, argumentOf: ArgumentOf = inputArgument): GraphQLError {
  const body: ErrorAnswer = asObject(answer);
  const details = asObject(body.details);
  const message = typeof body.message === 'string' ? body.message : `${service} answered HTTP ${status}`;
  const serviceCode = typeof body.code === 'string' ? body.code : undefined;
  const base = { service, ...(Object.keys(details).length > 0 ? { details } : {}) };
  switch (status) {
    case 400: {
      const problems = problemsOf(details, argumentOf);
      if (problems.length > 0) return badUserInput(problems, { service });
      return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...base } });
    }
    case 404:
      return new GraphQLError(message, { extensions: { code: 'NOT_FOUND', ...base } });
    case 409: {
      const currentVersion = typeof details['currentVersion'] === 'number' ? { currentVersion: details['currentVersion'] } : {};
      return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...(serviceCode ? { reason: serviceCode } : {}), ...currentVersion, ...base } });
    }
    case 422:
      return new GraphQLError(message, { extensions: { code: serviceCode ?? 'UNPROCESSABLE', ...base } });
    case 502:
    case 503:
    case 504:
      return new GraphQLError(`the ${service} service is unavailable (HTTP ${status}); try again`, { extensions: { code: 'SERVICE_UNAVAILABLE', service } });
    default:
      return new GraphQLError(`the ${service} service failed (HTTP ${status}): ${message}`, { extensions: { code: 'INTERNAL_SERVER_ERROR', service, status } });
  }
}

export function serviceUnavailable(service: string, url: string, cause: unknown): GraphQLError {
  return new GraphQLError(`the ${service} service is unavailable at ${url}: ${whyUnreachable(cause)}; try again (with the same idempotencyKey)`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', service },
  });
}

/**
 * fetch reports "fetch failed" and keeps the socket error (ECONNREFUSED, ...) as its cause; a timeout is a
 * TimeoutError. Read by shape, not `instanceof`: errors from Node's internals may come from another realm.
 */
function whyUnreachable(error: unknown): string {
  const { name, message, cause } = asObject(error);
  if (name === 'TimeoutError') return 'it did not answer in time';
  const { code, message: causeMessage } = asObject(cause);
  if (typeof code === 'string') return code;
  if (typeof causeMessage === 'string') return causeMessage;
  return typeof message === 'string' ? message : String(error);
}
