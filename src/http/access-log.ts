import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { requestIdOf } from './request-id.js';

/** One access log record; written as one JSON line. */
export interface AccessLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Body bytes written to the connection (after compression). */
  readonly bytes: number;
  /** Milliseconds from the request's arrival to the response's end. */
  readonly ms: number;
  /** The id the error log and error responses give for this request (X-Request-Id). */
  readonly requestId?: string;
}

/** Where access log lines go; the default writes them to stdout. */
export type AccessLogSink = (line: string) => void;

/** Writes one line to stdout. */
export const stdoutAccessLog: AccessLogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Writes the access log line of one answered request; `started` is its arrival (process.hrtime.bigint()).
 * The line is the JSON of an AccessLogEntry, its fields in that order, put together here (only the strings
 * from the request need escaping) with the time formatted once per millisecond: JSON.stringify of an
 * object and a new ISO date for each line took three times as long, and every request pays for this
 * line, a replayed one having little else to do.
 */
export function logRequest(sink: AccessLogSink, method: string, path: string, status: number, bytes: number, started: bigint, requestId?: string): void {
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3;
  const id = requestId === undefined ? '' : `,"requestId":${JSON.stringify(requestId)}`;
  sink(`{"time":"${isoTimeNow()}","method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"bytes":${bytes},"ms":${ms}${id}}`);
}

let lastMs = 0;
let lastIso = '';

/** The time as new Date().toISOString() gives it, formatted once per millisecond: a busy server logs many lines in each. */
function isoTimeNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

/**
 * Logs one structured JSON line per request. It must be the first middleware:
 * it counts the bytes passed to res.write/res.end *below* compression, which
 * morgan cannot (it reports Content-Length, absent from compressed, chunked
 * responses), so `bytes` is what went on the wire.
 */
export function createAccessLog(sink: AccessLogSink = stdoutAccessLog): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    let bytes = 0;
    tapResponseBody(res, (chunk, encoding) => {
      if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk, encoding);
      else bytes += chunk.byteLength;
    });
    logWhenDone(res, () => logRequest(sink, req.method, path, res.statusCode, bytes, started, requestIdOf(req)));
    next();
  };
}

/**
 * Calls `onChunk` with each body chunk given to res.write or res.end, before it is written.
 * The one place where the response's methods are wrapped, and why: Node emits no event with
 * the body's bytes, and compression replaces res.write/res.end itself, so the bytes that go on
 * the wire (what the access log counts and replay records) are only seen by wrapping them
 * before compression does. Hence the two middlewares that call this (createAccessLog and
 * ResponseReplay.recorder) are installed in createApp before compressionPolicy.
 */
export function tapResponseBody(res: ServerResponse, onChunk: (chunk: string | Uint8Array, encoding: BufferEncoding) => void): void {
  const tap = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) onChunk(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: typeof res, chunk: unknown, ...rest: unknown[]) {
    tap(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: typeof res, chunk?: unknown, ...rest: unknown[]) {
    tap(chunk, rest[0]);
    return (end as (...args: unknown[]) => typeof res).call(this, chunk, ...rest);
  } as typeof res.end;
}

/** Runs `log` once, when the response has finished or its connection closed, whichever comes first. */
export function logWhenDone(res: ServerResponse, log: () => void): void {
  let logged = false;
  const once = () => {
    if (logged) return;
    logged = true;
    log();
  };
  res.once('finish', once);
  res.once('close', once);
}
