import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { logRequest, logWhenDone, tapResponseBody, type AccessLogSink } from './access-log.js';
import { BoundedCache } from '../store/bounded-cache.js';
import { requestIdOf } from './request-id.js';

/**
 * The request headers a replayable response may depend on: negotiation
 * (Accept, Accept-Language), compression (Accept-Encoding) and the validators
 * Express's `req.fresh` reads (If-None-Match, If-Modified-Since, Cache-Control).
 * CORS answers `*` whatever the Origin, and no replayable route reads the host.
 */
const KEY_HEADERS = ['accept', 'accept-encoding', 'accept-language', 'if-none-match', 'if-modified-since', 'cache-control'] as const;

/** Statuses worth replaying: a document, a redirect to one, or "not modified". */
const REPLAYED_STATUSES: ReadonlySet<number> = new Set([200, 303, 304]);

/** The default bound of the recorded responses, in bytes of body and headers. */
export const DEFAULT_REPLAY_BYTES = 64 * 1024 * 1024;

const REPLAYABLE = Symbol('replayable');

/** A response as it went on the wire: what writeHead and end were given, after compression. */
interface RecordedResponse {
  readonly status: number;
  /** Raw header names and values, flat, in the order the full stack set them. */
  readonly headers: readonly (string | number | readonly string[])[];
  readonly body: Buffer;
  readonly path: string;
}

/**
 * Marks a response as replayable: it is a function of the request's method,
 * URL and KEY_HEADERS only, and the graph never changes while the server runs
 * (a new build is a new process), so the same request gets the same bytes.
 */
export function markReplayable(res: Response): void {
  (res as Response & { [REPLAYABLE]?: boolean })[REPLAYABLE] = true;
}

function isMarked(res: ServerResponse): boolean {
  return (res as ServerResponse & { [REPLAYABLE]?: boolean })[REPLAYABLE] === true;
}

/** What selects a replayable response: method, URL (path and query) and the headers it may depend on; undefined for other methods. */
export function replayKey(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  let key = `${req.method} ${req.url}`;
  // NUL cannot occur in a header value, so an absent header differs from every present one.
  for (const name of KEY_HEADERS) key += `\n${req.headers[name] ?? '\0'}`;
  return key;
}

/**
 * Answers requests the full Express stack has already answered, with the very
 * status, headers and body bytes it sent (compressed bytes included, so
 * compression runs once per variant). It exists because routing, negotiation,
 * Link headers, CORS and compression cost ten times more per request than
 * writing cached bytes; the first request of each kind still takes the full
 * stack, which stays the one place where responses are decided.
 */
export class ResponseReplay {
  private readonly recorded: BoundedCache<RecordedResponse>;

  constructor(
    private readonly accessLog: AccessLogSink,
    maxBytes = DEFAULT_REPLAY_BYTES,
  ) {
    this.recorded = new BoundedCache(maxBytes);
  }

  /** The bytes the recorded responses hold. */
  get size(): number {
    return this.recorded.size;
  }

  /** Answers from a recorded response and writes its access log line; false when none matches, for the full stack to answer. */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    const key = replayKey(req);
    const recorded = key === undefined ? undefined : this.recorded.get(key);
    if (recorded === undefined) return false;
    const started = process.hrtime.bigint();
    logWhenDone(res, () => logRequest(this.accessLog, req.method!, recorded.path, recorded.status, recorded.body.byteLength, started, requestIdOf(req)));
    // Headers given to writeHead alone are written as they are: no per-header bookkeeping.
    res.writeHead(recorded.status, recorded.headers as OutgoingHttpHeader[]);
    res.end(recorded.body);
    return true;
  }

  /**
   * Records each marked response as it goes on the wire. It must come right
   * after the access log and before compression, so it sees the bytes
   * compression writes; a response that does not finish is never recorded.
   */
  recorder(): RequestHandler {
    return (req, res, next) => {
      const key = replayKey(req);
      if (key === undefined) {
        next();
        return;
      }
      let chunks: Buffer[] | undefined = [];
      let collected = 0;
      tapResponseBody(res, (chunk, encoding) => {
        if (!chunks || !isMarked(res)) return;
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk);
        collected += bytes.byteLength;
        // A body larger than the whole bound could never be kept: collecting stops rather than copy it all.
        if (collected > this.recorded.maxSize) chunks = undefined;
        else chunks.push(bytes);
      });
      res.once('finish', () => {
        if (!chunks || !isMarked(res) || !REPLAYED_STATUSES.has(res.statusCode)) return;
        // getRawHeaderNames keeps the names' case as set; @types/node declares it on ClientRequest only.
        const names = (res as unknown as { getRawHeaderNames(): string[] }).getRawHeaderNames();
        const headers = names.flatMap((name) => [name, res.getHeader(name)!]);
        const body = Buffer.concat(chunks);
        const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
        const size = body.byteLength + key.length + headers.reduce((sum: number, value) => sum + String(value).length, 0);
        this.recorded.set(key, { status: res.statusCode, headers, body, path }, size);
      });
      next();
    };
  }
}
