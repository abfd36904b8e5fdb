import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, NotFoundError } from './http-errors.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The last route: whatever no router answered is a 404. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`Nothing is published at ${req.path}.`));
};

/**
 * The one error middleware: HttpErrors become RFC 9457 problem details (or an
 * HTML page for browsers); anything else is a generic 500 whose stack goes to
 * the log only, never to the client.
 */
export function createErrorHandler(log: (line: string) => void = console.error): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      // A streamed response failed part-way: all we can do is cut it off.
      log(`error after headers were sent for ${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? error}`);
      res.destroy();
      return;
    }
    const httpError = toHttpError(error);
    if (!(error instanceof HttpError) && httpError.status >= 500) {
      log(`unhandled error for ${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? error}`);
    }
    res.status(httpError.status);
    for (const [name, value] of Object.entries(httpError.headers)) res.setHeader(name, value);
    res.vary('Accept');
    const problem = {
      type: 'about:blank',
      title: httpError.title,
      status: httpError.status,
      detail: httpError.detail,
      instance: req.originalUrl,
      ...httpError.extensions,
    };
    const preferred = req.accepts(['application/problem+json', 'application/json', 'text/html']);
    if (preferred === 'text/html') {
      res.type('text/html; charset=utf-8').send(problemPage(problem.status, problem.title, problem.detail));
    } else {
      res.type(preferred === 'application/json' ? 'application/json; charset=utf-8' : 'application/problem+json; charset=utf-8');
      res.send(JSON.stringify(problem));
    }
    void next;
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  const expose = (error as { expose?: unknown })?.expose === true;
  // body-parser and friends mark client errors with `status` and `expose`.
  if (typeof status === 'number' && status >= 400 && status < 500 && expose) {
    return new HttpError(status, (error as { type?: string }).type ?? 'Bad Request', (error as Error).message);
  }
  return new HttpError(500, 'Internal Server Error', 'The server failed to answer this request. The error has been logged.');
}

function problemPage(status: number, title: string, detail: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} ${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${status} ${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
<p><a href="/">Home</a></p>
</main>
</body>
</html>
`;
}
