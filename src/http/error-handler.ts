import { STATUS_CODES } from 'node:http';
import { inspect } from 'node:util';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import Negotiator from 'negotiator';
import { IriScheme } from '../graph/iri-scheme.js';
import { renderErrorPage } from '../pages/error-page.js';
import { BadRequestError, HttpError, InternalServerError, NotFoundError } from './http-errors.js';
import { chosenLanguage, readerLanguages } from './reader-language.js';
import { LANGUAGE_PARAMETER } from '../pages/reader-language.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { UI_LANGUAGES, uiTextFor } from '../pages/ui-text.js';

/** The last route: whatever no router answered is a 404. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`Nothing is published at ${req.path}.`));
};

/** How errors are reported and where their page links back to. */
export interface ErrorHandlerOptions {
  /** Where errors with stacks go; defaults to stderr. */
  readonly log?: (line: string) => void;
  /** The public base, for the error page's links; defaults to `http://localhost/` (a handler built alone, in tests). */
  readonly baseUrl?: string;
  /** The site's URLs, for the error page's links, when they differ from the default for baseUrl. */
  readonly site?: IriScheme;
}

/** The media types an error is offered in; problem+json first, so a client that states no preference gets it. */
const PROBLEM_TYPES = ['application/problem+json', 'application/json', 'text/html'];

/**
 * The one error middleware, and the one place errors are classified: what the
 * client got wrong (an HttpError of 4xx, or a 4xx a library marks as safe to
 * show) is answered with its message; a 503 the server chose says when to
 * retry; anything else is a generic 500 whose cause goes to the log, never to
 * the client. Every error response carries the request's id (X-Request-Id, and
 * `requestId` in 5xx bodies), under which the log line is found.
 */
export function createErrorHandler(options: ErrorHandlerOptions | ((line: string) => void) = {}): ErrorRequestHandler {
  const { log = console.error, baseUrl = 'http://localhost/', site: givenSite } = typeof options === 'function' ? { log: options } : options;
  const site = givenSite ?? new IriScheme(baseUrl);
  return (error, req, res, next) => {
    const requestId = requestIdOf(req);
    if (res.headersSent) {
      // A streamed response failed part-way: all we can do is cut it off, and say so in the log.
      log(`request ${requestId}: ${req.method} ${req.originalUrl} failed after the headers were sent: ${describe(error)}`);
      res.destroy();
      return;
    }
    const httpError = toHttpError(error);
    if (httpError instanceof InternalServerError) log(`request ${requestId}: ${req.method} ${req.originalUrl} failed: ${describe(error)}`);
    // Headers set for the response that failed (a representation's ETag, Link…) do not describe the error.
    for (const name of ['ETag', 'Last-Modified', 'Link', 'Content-Location', 'Content-Language', 'Cache-Control']) res.removeHeader(name);
    res.status(httpError.status);
    for (const [name, value] of Object.entries(httpError.headers)) res.setHeader(name, value);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.vary('Accept');
    const serverSide = httpError.status >= 500;
    const problem = {
      type: 'about:blank',
      title: httpError.title,
      status: httpError.status,
      detail: httpError.detail,
      instance: req.originalUrl,
      ...httpError.extensions,
      ...(serverSide ? { requestId } : {}),
    };
    // An Accept that rules all three out (the very case of a 406) still gets problem details.
    const preferred = new Negotiator(req).mediaType(PROBLEM_TYPES) ?? PROBLEM_TYPES[0];
    if (preferred === 'text/html') {
      // The interface follows the reader's language; the detail stays as written (English).
      const chosen = chosenLanguage(req);
      const { lang, text } = uiTextFor(readerLanguages(req, UI_LANGUAGES));
      if (!chosen) res.vary('Accept-Language');
      res.setHeader('Content-Language', lang);
      const pageUrl = addressUnderBase(req.originalUrl, site.base);
      const page = { lang, text, site, status: problem.status, title: problem.title, detail: problem.detail, requestId: serverSide ? requestId : undefined, pageUrl, chosenLang: chosen };
      res.type('text/html; charset=utf-8').send(renderErrorPage(page));
    } else {
      res.type(preferred === 'application/json' ? 'application/json; charset=utf-8' : 'application/problem+json; charset=utf-8');
      res.send(JSON.stringify(problem));
    }
    void next;
  };
}

/** The failed request's address without `?lang=`, for the language switch; undefined unless it is under the base (a path such as `//host/` must not become a link elsewhere). */
function addressUnderBase(originalUrl: string, baseUrl: string): string | undefined {
  try {
    const url = new URL(originalUrl, baseUrl);
    url.searchParams.delete(LANGUAGE_PARAMETER);
    return url.href.startsWith(baseUrl) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The error as the client is to see it; anything not known to be the client's doing is an InternalServerError. */
function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  // body-parser, send and friends mark client errors whose message is meant for the client with `expose`.
  if (clientError && (error as { expose?: unknown })?.expose === true) {
    return new HttpError(status, STATUS_CODES[status] ?? 'Bad Request', (error as Error).message);
  }
  // The router marks a path it cannot percent-decode with status 400 but no `expose`.
  if (clientError && error instanceof URIError) return new BadRequestError('The request path is not validly percent-encoded.');
  return new InternalServerError();
}

/** The whole cause for the log: stack, `cause` chain and own properties, on one entry. */
function describe(error: unknown): string {
  return inspect(error, { depth: 4, breakLength: Infinity });
}
