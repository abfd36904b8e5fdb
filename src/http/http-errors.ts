/** Extra members of an RFC 9457 problem details object. */
export type ProblemExtensions = Readonly<Record<string, unknown>>;

/** An error that becomes an HTTP response: RFC 9457 problem details, or an HTML page for browsers. */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly extensions: ProblemExtensions = {},
  ) {
    super(detail);
  }
}

/** 400: the request is malformed (a bad parameter, an unparsable query). */
export class BadRequestError extends HttpError {
  override readonly name = 'BadRequestError';
  constructor(detail: string, extensions: ProblemExtensions = {}) {
    super(400, 'Bad Request', detail, {}, extensions);
  }
}

/** 404: nothing is published at this address. */
export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  constructor(detail: string) {
    super(404, 'Not Found', detail);
  }
}

/** 405: the method is not one this read-only resource allows; sets `Allow`. */
export class MethodNotAllowedError extends HttpError {
  override readonly name = 'MethodNotAllowedError';
  constructor(method: string, allowed: readonly string[]) {
    super(405, 'Method Not Allowed', `${method} is not allowed here; use ${allowed.join(', ')}.`, { Allow: allowed.join(', ') }, { allowed });
  }
}

/** 406: no representation on offer matches the Accept header; lists what is on offer, and why what was asked for is not, when known. */
export class NotAcceptableError extends HttpError {
  override readonly name = 'NotAcceptableError';
  constructor(accept: string, available: readonly string[], reasons: readonly string[] = []) {
    const asked = accept.startsWith('?format=') ? accept : `Accept: ${accept}`;
    super(406, 'Not Acceptable', `Nothing here matches ${asked}.${reasons.map((reason) => ` ${reason}`).join('')} Available: ${available.join(', ')}.`, {}, reasons.length > 0 ? { available, reasons } : { available });
  }
}

/** 413: the request body is larger than this server accepts. */
export class PayloadTooLargeError extends HttpError {
  override readonly name = 'PayloadTooLargeError';
  constructor(detail: string) {
    super(413, 'Content Too Large', detail);
  }
}

/** 415: the request body's media type is not one this endpoint reads. */
export class UnsupportedMediaTypeError extends HttpError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(detail: string, accepted: readonly string[]) {
    super(415, 'Unsupported Media Type', detail, { 'Accept-Post': accepted.join(', ') }, { accepted });
  }
}

/**
 * 500: anything that is not the client's doing. The detail is the same
 * whatever went wrong, so no internal text reaches a client; the error handler
 * adds the request id, under which the cause is logged.
 */
export class InternalServerError extends HttpError {
  override readonly name = 'InternalServerError';
  constructor() {
    super(500, 'Internal Server Error', 'The server failed to answer this request. The error has been logged; quote the request id when reporting it.');
  }
}

/** 503: the server cannot answer now but may soon (a query hit the time limit, the workers are busy); `Retry-After` says when to try again. */
export class ServiceUnavailableError extends HttpError {
  override readonly name = 'ServiceUnavailableError';
  constructor(detail: string, retryAfterSeconds?: number) {
    super(503, 'Service Unavailable', detail, retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) });
  }
}
