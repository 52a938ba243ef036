import { ArgumentsHost, BadRequestException, Catch, HttpException, Logger, ValidationPipe, type ExceptionFilter } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { InvalidInputError, QuadrantError, type InputProblem } from '@quadrant/event-sourcing';

/** The HTTP status each error code answers with. A code not listed is a refused business rule: 422. */
const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  EVENT_CONTRACT_VIOLATION: 422,
};

export function httpStatusOf(error: QuadrantError): number {
  return STATUS_BY_CODE[error.code] ?? 422;
}

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** Maps typed errors to HTTP at the edge: `{ code, message, details }`, never a stack trace. */
@Catch()
export class QuadrantExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (exception instanceof QuadrantError) {
      response.status(httpStatusOf(exception)).json({ code: exception.code, message: exception.message, details: exception.details });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      if (typeof body === 'object' && body !== null && 'code' in body) {
        response.status(status).json(body);
      } else {
        response.status(status).json(httpErrorBody(status, exception.message));
      }
      return;
    }
    const parserError = bodyParserError(exception);
    if (parserError) {
      response.status(parserError.status).json({ code: parserError.code, message: parserError.message });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(500).json({ code: 'INTERNAL', message: 'internal error; see the service log' });
  }
}

/** The limit of a request body: a batch of 1,000 machine messages is about 200 kB. */
export const REQUEST_BODY_LIMIT = '4mb';

/** Framework errors (routing, body parsing) in the same shape as ours: a code and a message that says what to do. */
function httpErrorBody(status: number, message: string): { code: string; message: string } {
  if (status === 404) return { code: 'NOT_FOUND', message };
  // Nest answers a body the JSON parser refused with a bare 400; ours always carry a code.
  if (status === 400) return { code: 'BAD_USER_INPUT', message: `the request body is not valid JSON: ${message}` };
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: `the request body is larger than ${REQUEST_BODY_LIMIT}; send smaller batches` };
  return { code: 'HTTP_ERROR', message };
}

/** Errors of the JSON body parser (before any handler runs): the client's fault, said plainly. */
function bodyParserError(exception: unknown): { status: number; code: string; message: string } | undefined {
  if (!(exception instanceof Error) || !('type' in exception)) return undefined;
  const type = (exception as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `the request body is larger than ${REQUEST_BODY_LIMIT}; send smaller batches` };
  }
  if (type === 'entity.parse.failed') return { status: 400, code: 'BAD_USER_INPUT', message: `the request body is not valid JSON: ${exception.message}` };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: exception.message };
  return undefined;
}

function flatten(errors: ValidationError[], parent = ''): InputProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Input validation with class-validator: unknown fields are refused, and every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problem = new InvalidInputError(flatten(errors));
      return new BadRequestException({ code: problem.code, message: problem.message, details: problem.details });
    },
  });
}
