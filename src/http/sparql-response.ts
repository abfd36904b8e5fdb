import type { Request, Response } from 'express';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import type { BuildManifest } from '../build/build-dist.js';
import type { PreparedQuery, QueryForm } from '../store/prepare-query.js';
import { QueryBusyError, QueryEvaluationError, QueryRefusedError, QuerySyntaxError, QueryTimeoutError } from '../store/query-errors.js';
import type { QueryResultStream } from '../store/query-engine.js';
import { RESULT_FORMATS } from '../store/result-formats.js';
import { BadRequestError, NotAcceptableError, ServiceUnavailableError } from './http-errors.js';
import { markReplayable } from './response-replay.js';
import { strongEtag } from './validators.js';

/** Set to `true` when rows were dropped at the row limit: a header if known before the body, else a trailer. */
export const TRUNCATED_HEADER = 'SPARQL-Results-Truncated';
/** The row limit, announced on every result. */
export const ROW_LIMIT_HEADER = 'SPARQL-Row-Limit';

interface Offer {
  /** The name a `format` parameter may use. */
  readonly name: string;
  /** The media type the engine writes. */
  readonly mediaType: string;
  /** The media types that select it in Accept; the first is the canonical one. */
  readonly accepts: readonly string[];
}

const TABULAR_OFFERS: readonly Offer[] = RESULT_FORMATS.map((format) => ({ name: format.name, mediaType: format.mediaType, accepts: [format.mediaType, ...format.aliases] }));
const GRAPH_OFFERS: readonly Offer[] = RDF_FORMATS.map((format) => ({ name: format.name, mediaType: format.mediaType, accepts: [format.mediaType] }));

/** The chosen output: what the engine writes and what the Content-Type says. */
export interface ChosenFormat {
  readonly mediaType: string;
  readonly contentType: string;
}

/**
 * Picks the result format for a query form from the `format` override or the
 * Accept header (quality values honoured by Express's negotiator); the table's
 * first format is the default when the client states no preference.
 */
export function chooseResultFormat(req: Request, form: QueryForm, format: string | undefined): ChosenFormat {
  const offers = form === 'select' || form === 'ask' ? TABULAR_OFFERS : GRAPH_OFFERS;
  const available = offers.flatMap((offer) => offer.accepts);
  if (format !== undefined) {
    const offer = offers.find((candidate) => candidate.name === format || candidate.accepts.includes(format));
    if (!offer) throw new NotAcceptableError(`format=${format}`, offers.map((candidate) => candidate.name));
    return withCharset(offer.mediaType, offer.mediaType);
  }
  const accepted = req.accepts(available);
  if (!accepted) throw new NotAcceptableError(req.get('Accept') ?? '', available);
  const offer = offers.find((candidate) => candidate.accepts.includes(accepted))!;
  // An alias asked for by name (application/json, application/xml) is what the client gets in Content-Type.
  return withCharset(offer.mediaType, accepted);
}

function withCharset(mediaType: string, responseType: string): ChosenFormat {
  return { mediaType, contentType: `${responseType}; charset=utf-8` };
}

/**
 * For GET and HEAD, sets a strong ETag from the graph's content hash and what
 * selects the result's bytes (the query and dataset as prepared, the format,
 * the row limit, and Accept-Encoding, which decides the content-coding), and
 * answers 304 when If-None-Match holds it, before the query runs.
 */
export function answerIfFresh(req: Request, res: Response, manifest: BuildManifest, prepared: PreparedQuery, format: ChosenFormat, maxRows: number): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !prepared.repeatable) return false;
  res.setHeader('ETag', strongEtag(manifest, [prepared.text, prepared.dataset ?? null, format.contentType, maxRows, req.headers['accept-encoding'] ?? null]));
  if (!req.fresh) return false;
  // The same Vary as the 200 it stands for, once compression has added Accept-Encoding.
  res.vary('Accept');
  res.vary('Accept-Encoding');
  res.status(304).end();
  return true;
}

/**
 * Streams a query's output: the status is already known (the engine resolved at
 * the first chunk), chunks are written as they come with backpressure, and
 * truncation goes in a header when the whole result fits before the first write,
 * otherwise in a trailer.
 */
export async function sendQueryStream(req: Request, res: Response, stream: QueryResultStream, format: ChosenFormat, maxRows: number, repeatable: boolean): Promise<void> {
  res.on('close', () => {
    if (!res.writableFinished) stream.cancel();
  });
  // A result already whole in memory (the result cache's) goes as one piece, so a repeated GET of a
  // multi-chunk result is replayed before Express like a small one, instead of streamed through it.
  const iterator = stream.whole ? [stream.whole.join('')][Symbol.iterator]() : stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  const second = first.done ? first : await iterator.next();
  res.status(200);
  res.setHeader('Content-Type', format.contentType);
  res.vary('Accept');
  res.setHeader(ROW_LIMIT_HEADER, String(maxRows));
  // Browser scripts may only read response headers that CORS exposes.
  res.append('Access-Control-Expose-Headers', `${ROW_LIMIT_HEADER}, ${TRUNCATED_HEADER}`);
  if (second.done) {
    res.setHeader(TRUNCATED_HEADER, String(stream.truncated));
    // A whole result in one piece is a function of the URL and headers: identical GETs are replayed.
    if (!stream.truncated && repeatable) markReplayable(res);
    res.end(first.done ? '' : first.value);
    return;
  }
  const chunked = req.httpVersion !== '1.0';
  if (chunked) res.setHeader('Trailer', TRUNCATED_HEADER);
  await write(res, first.value);
  await write(res, second.value);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    if (res.destroyed) return;
    await write(res, next.value);
  }
  if (chunked) res.addTrailers({ [TRUNCATED_HEADER]: String(stream.truncated) });
  res.end();
}

/** The resume function of the write waiting for each response to drain: one pair of listeners a response. */
const drainWaiters = new WeakMap<Response, { resume?: () => void }>();

/**
 * Writes a chunk and, when the socket's buffer is full, waits for it to drain or
 * the response to close. Each response gets one `drain` and one `close`
 * listener for all its chunks: the compression middleware hands `drain`
 * listeners to its gzip stream and cannot take them off again, so a listener
 * added and removed per chunk piled up there (MaxListenersExceededWarning on a
 * large compressed result), as racing `events.once` promises once left the
 * loser's listeners on the response.
 */
async function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk) || res.destroyed) return;
  let waiter = drainWaiters.get(res);
  if (!waiter) {
    const created: { resume?: () => void } = {};
    const wake = () => {
      const resume = created.resume;
      created.resume = undefined;
      resume?.();
    };
    res.on('drain', wake);
    res.on('close', wake);
    drainWaiters.set(res, created);
    waiter = created;
  }
  const pending = waiter;
  await new Promise<void>((resolve) => {
    pending.resume = resolve;
  });
}

/** Seconds a client is told to wait before retrying when the engine gives none: a full queue drains fast, a timed-out query needs the server less loaded. */
export const DEFAULT_RETRY_AFTER = { busy: 1, timeout: 5 } as const;

/**
 * Turns the query engine's errors into HTTP errors. Only the classes known to
 * mean "the client's query" become 400 (its message says what to change), and
 * only time limits and overload become 503 with Retry-After; anything else
 * (an engine's internal failure, a bug) is passed on untouched, for the error
 * handler to answer with a generic 500 and log.
 */
export function queryErrorToHttp(error: unknown): unknown {
  if (error instanceof QuerySyntaxError) {
    const position = error.line === undefined ? {} : { line: error.line, column: error.column };
    return new BadRequestError(error.message, { ...position });
  }
  if (error instanceof QueryRefusedError || error instanceof QueryEvaluationError) return new BadRequestError(error.message);
  if (error instanceof QueryTimeoutError) return new ServiceUnavailableError(`${error.message} Simplify it or add a LIMIT.`, retryAfter(error, DEFAULT_RETRY_AFTER.timeout));
  if (error instanceof QueryBusyError) return new ServiceUnavailableError(error.message, retryAfter(error, DEFAULT_RETRY_AFTER.busy));
  return error;
}

/** The engine's own advice (`retryAfterSeconds`) when it gives a usable one, else the default; whole seconds, as Retry-After needs. */
function retryAfter(error: Error, fallback: number): number {
  const advised = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof advised === 'number' && Number.isFinite(advised) && advised >= 0 ? Math.ceil(advised) : fallback;
}
