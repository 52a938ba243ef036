export type HttpSinkErrorCode = 'GAVE_UP' | 'REJECTED' | 'UNEXPECTED_ANSWER';

export class HttpSinkError extends Error {
  constructor(readonly code: HttpSinkErrorCode, message: string, readonly details: { url: string; status?: number; attempts?: number; body?: string }) {
    super(message);
    this.name = 'HttpSinkError';
  }
}
