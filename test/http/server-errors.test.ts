import express, { type Express } from 'express';
import request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccessLog } from '../../src/http/access-log.js';
import { createApp } from '../../src/http/create-app.js';
import { createErrorHandler } from '../../src/http/error-handler.js';
import { BadRequestError } from '../../src/http/http-errors.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/store/engine-setup.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import type { PreparedQuery } from '../../src/store/prepare-query.js';
import { QueryBusyError, QueryEvaluationError, QueryRefusedError, QuerySyntaxError, QueryTimeoutError, StoreUnavailableError, TooManyLongQueriesError } from '../../src/store/query-errors.js';
import type { QueryEngine, QueryOptions, QueryResultStream } from '../../src/store/query-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { embeddedEngine } from '../support/embedded-engine.js';

// Errors tell the truth: what the client did wrong is a 4xx saying what to
// change; anything else is a generic 500 with a request id, whose cause is in
// the error log under that id and nowhere near the client.

const BASE = 'http://localhost:3000/';
const SECRET = 'memory access out of bounds at 0x7f3a (internal)';
const GENERIC_DETAIL = 'The server failed to answer this request. The error has been logged; quote the request id when reporting it.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An engine that prepares queries for real and answers them however the test says. */
class ScriptedEngine implements QueryEngine {
  answer: (options: QueryOptions) => Promise<QueryResultStream> = () => Promise.reject(new Error('no answer scripted'));
  constructor(private readonly real: QueryEngine) {}
  get limits() {
    return this.real.limits;
  }
  prepare(text: string, options?: Parameters<QueryEngine['prepare']>[1]): Promise<PreparedQuery> {
    return this.real.prepare(text, options);
  }
  query(_text: string, options: QueryOptions): Promise<QueryResultStream> {
    return this.answer(options);
  }
  close(): Promise<void> {
    return this.real.close();
  }
}

/** A result stream that yields `chunks`, then throws `error`. */
function failingStream(chunks: readonly string[], error: Error): QueryResultStream {
  return {
    truncated: false,
    cancel: () => {},
    async *[Symbol.asyncIterator]() {
      yield* chunks;
      throw error;
    },
  };
}

let engine: ScriptedEngine;
let app: Express;
const errorLog: string[] = [];
const accessLog: string[] = [];

beforeAll(async () => {
  const graph = await buildTestGraph({ baseUrl: BASE });
  const real = new InProcessEngine({ store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: DEFAULT_QUERY_LIMITS, engine: embeddedEngine() });
  engine = new ScriptedEngine(real);
  app = createApp({ graph, baseUrl: BASE, log: (line) => errorLog.push(line), accessLog: (line) => accessLog.push(line), sparql: { engine } });
});

beforeEach(() => {
  errorLog.length = 0;
  accessLog.length = 0;
});

/** Each query is new, so no result cache or replay answers it instead of the scripted engine. */
let queries = 0;
const freshQuery = () => `SELECT * WHERE { ?s ?p ?o } LIMIT ${++queries}`;

describe('an engine that fails unexpectedly', () => {
  it('gets a generic 500 with a request id in the body and header, and its stack logged under that id', async () => {
    engine.answer = () => Promise.reject(new TypeError(SECRET));
    const response = await request(app).get('/sparql').query({ query: freshQuery() });
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const id = response.headers['x-request-id'];
    expect(id).toMatch(UUID);
    expect(response.body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: GENERIC_DETAIL, instance: expect.stringMatching(/^\/sparql\?query=/), requestId: id });
    expect(response.text).not.toContain('memory access');
    expect(response.text).not.toContain('TypeError');
    expect(errorLog).toHaveLength(1);
    expect(errorLog[0]).toMatch(new RegExp(`^request ${id}: GET /sparql\\?query=\\S+ failed: TypeError: ${SECRET.replace(/[()]/g, '\\$&')}\\n\\s+at `));
    expect(JSON.parse(accessLog.at(-1)!)).toMatchObject({ status: 500, requestId: id });
  });

  it('shows browsers the request id on the error page, not the internal text', async () => {
    engine.answer = () => Promise.reject(new RangeError('Maximum call stack size exceeded'));
    const response = await request(app).get('/queries/organisations').set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(response.status).toBe(500);
    const id = response.headers['x-request-id'];
    expect(response.text).toContain(`<p>${GENERIC_DETAIL}</p>\n<p>Request id: <code>${id}</code></p>`);
    expect(response.text).not.toContain('call stack');
    expect(errorLog[0]).toContain(`request ${id}: GET /queries/organisations failed: RangeError: Maximum call stack size exceeded`);
  });

  it('is a 500 whatever its class, so an engine failure class the mapping does not know is one too', async () => {
    class EngineFailureError extends Error {
      override readonly name = 'EngineFailureError';
    }
    engine.answer = () => Promise.reject(new EngineFailureError('The query engine failed.', { cause: new TypeError(SECRET) }));
    const response = await request(app).get('/sparql').query({ query: freshQuery() });
    expect(response.status).toBe(500);
    expect(response.body.detail).toBe(GENERIC_DETAIL);
    // The cause is logged with the error that wraps it.
    expect(errorLog[0]).toContain('EngineFailureError: The query engine failed.');
    expect(errorLog[0]).toContain(`[cause]: TypeError: ${SECRET}`);
  });

  it('cuts off a streamed result that fails after the headers, and logs it with the request id', async () => {
    engine.answer = async () => failingStream(['{"head":', '{"vars":["s"]},', '"results":'], new TypeError(SECRET));
    await expect(request(app).get('/sparql').query({ query: freshQuery() })).rejects.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    const entry = JSON.parse(accessLog.at(-1)!);
    expect(entry.requestId).toMatch(UUID);
    expect(errorLog).toHaveLength(1);
    expect(errorLog[0]).toMatch(new RegExp(`^request ${entry.requestId}: GET /sparql\\?query=\\S+ failed after the headers were sent: TypeError: `));
  });
});

/** [case, status, Retry-After, detail, what the engine rejects with]. */
const QUERY_ERRORS: readonly [string, number, string | undefined, string, () => Error][] = [
  ['a syntax error', 400, undefined, 'Parse error on line 1: expected WHERE.', () => new QuerySyntaxError('Parse error on line 1: expected WHERE.', 1, 10)],
  ['a refused query', 400, undefined, 'SERVICE is not allowed: this endpoint answers from its own graph only.', () => new QueryRefusedError('SERVICE is not allowed: this endpoint answers from its own graph only.')],
  ['an evaluation error', 400, undefined, 'Ask for another format, such as Turtle.', () => new QueryEvaluationError('Ask for another format, such as Turtle.')],
  ['a timeout', 503, '2', "The query was stopped after 2 s, this endpoint's time limit. Simplify it or add a LIMIT.", () => new QueryTimeoutError(2000)],
  ['busy workers', 503, '5', 'Every query worker is busy; try again shortly.', () => new QueryBusyError('Every query worker is busy; try again shortly.')],
  ['an unavailable store', 503, '5', 'The SPARQL store did not answer.', () => new StoreUnavailableError('The SPARQL store did not answer.')],
  ['too many long queries', 503, '7', 'Too many long queries are running; this one was stopped.', () => new TooManyLongQueriesError('Too many long queries are running; this one was stopped.', 7)],
  ['a timeout that advises a wait', 503, '30', "The query was stopped after 2 s, this endpoint's time limit. Simplify it or add a LIMIT.", () => Object.assign(new QueryTimeoutError(2000), { retryAfterSeconds: 30 })],
  ['a busy subclass that advises a wait', 503, '3', 'Too many long queries are running.', () => Object.assign(new (class TooManyLongQueries extends QueryBusyError {})('Too many long queries are running.'), { retryAfterSeconds: 2.5 })],
];

describe('query errors the engine knows', () => {
  it.each(QUERY_ERRORS)('%s → %i (Retry-After: %s)', async (_name, status, retryAfter, detail, error) => {
    engine.answer = () => Promise.reject(error());
    const response = await request(app).get('/sparql').query({ query: freshQuery() });
    expect(response.status).toBe(status);
    expect(response.headers['retry-after']).toBe(retryAfter);
    expect(response.body.detail).toBe(detail);
    expect(response.headers['x-request-id']).toMatch(UUID);
    // Only server-side errors carry the id in the body; nothing the client caused is logged as a failure.
    expect(response.body.requestId).toBe(status >= 500 ? response.headers['x-request-id'] : undefined);
    expect(errorLog).toEqual([]);
  });
});

describe('a route that throws', () => {
  let routes: Express;
  beforeAll(() => {
    routes = express();
    routes.use(createAccessLog((line) => accessLog.push(line)));
    routes.get('/sync', () => {
      throw new TypeError(SECRET);
    });
    routes.get('/async', async () => {
      await Promise.resolve();
      throw new Error(SECRET);
    });
    routes.get('/client', () => {
      throw new BadRequestError('page must be a positive integer, not "x".');
    });
    routes.use(createErrorHandler({ log: (line) => errorLog.push(line) }));
  });

  it.each(['/sync', '/async'])('%s → generic 500, logged under the request id', async (path) => {
    const response = await request(routes).get(path);
    expect(response.status).toBe(500);
    expect(response.body.detail).toBe(GENERIC_DETAIL);
    expect(response.text).not.toContain('memory access');
    const id = response.headers['x-request-id'];
    expect(response.body.requestId).toBe(id);
    expect(errorLog).toHaveLength(1);
    expect(errorLog[0]!.startsWith(`request ${id}: GET ${path} failed: `)).toBe(true);
    expect(errorLog[0]).toContain(SECRET);
    expect(JSON.parse(accessLog[0]!)).toMatchObject({ path, status: 500, requestId: id });
  });

  it('a client error keeps its message, is not logged as a failure, and still carries the id in the header', async () => {
    const response = await request(routes).get('/client');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'page must be a positive integer, not "x".', instance: '/client' });
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(errorLog).toEqual([]);
  });
});

describe('the request id', () => {
  it.each([
    ['a safe token is kept', 'edge-42.a_B', 'edge-42.a_B'],
    ['the longest safe token is kept', 'a'.repeat(64), 'a'.repeat(64)],
    ['a token too long is replaced', 'a'.repeat(65), UUID],
    ['a token with spaces is replaced', 'abc def', UUID],
    ['a token with markup is replaced', '<script>', UUID],
    ['an empty one is replaced', '', UUID],
  ])('%s', async (_name, incoming, expected) => {
    const response = await request(app).get('/id/person/nobody').set('X-Request-Id', incoming);
    expect(response.status).toBe(404);
    if (typeof expected === 'string') expect(response.headers['x-request-id']).toBe(expected);
    else expect(response.headers['x-request-id']).toMatch(expected);
    expect(JSON.parse(accessLog.at(-1)!).requestId).toBe(response.headers['x-request-id']);
  });

  it('differs from one request to the next', async () => {
    const [first, second] = await Promise.all([request(app).get('/id/x'), request(app).get('/id/x')]);
    expect(first!.headers['x-request-id']).not.toBe(second!.headers['x-request-id']);
  });
});
