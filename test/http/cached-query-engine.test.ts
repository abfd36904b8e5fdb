import { request as send, type Server } from 'node:http';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { CachedQueryEngine } from '../../src/http/cached-query-engine.js';
import { createApp, withReplay } from '../../src/http/create-app.js';
import { createCaches } from '../../src/http/caches.js';
import { prepareQuery, type PrepareOptions } from '../../src/store/prepare-query.js';
import type { QueryEngine, QueryOptions, QueryResultStream } from '../../src/store/query-engine.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { close, FIXTURE_DATA, listen } from './linked-data-fixture.js';

// Repeated identical queries are answered from memory, exactly as the engine
// answered them the first time; anything that changes the result misses, and
// incomplete results are never kept.

const BASE = 'http://localhost:3000/';

/** What the fake engine writes for one query: its chunks, whether it was cut, and an error after the chunks. */
interface FakeAnswer {
  readonly chunks: readonly string[];
  readonly truncated?: boolean;
  readonly error?: Error;
}

/** An engine that counts the queries reaching it and writes whatever `answer` says. */
class CountingEngine implements QueryEngine {
  readonly limits = { timeLimitMs: 5000, maxRows: 100, maxQueryLength: 10_000 };
  readonly seen: { text: string; options: QueryOptions }[] = [];

  constructor(private readonly answer: (text: string, options: QueryOptions) => FakeAnswer = defaultAnswer) {}

  async prepare(text: string, options?: PrepareOptions) {
    return prepareQuery(text, { maxQueryLength: 10_000, graphs: new Set(), baseIri: `${BASE}sparql` }, options);
  }

  async query(text: string, options: QueryOptions): Promise<QueryResultStream> {
    const prepared = await this.prepare(text, options);
    this.seen.push({ text, options });
    const { chunks, truncated = false, error } = this.answer(prepared.text, options);
    return {
      truncated,
      cancel: () => {},
      async *[Symbol.asyncIterator]() {
        yield* chunks;
        if (error) throw error;
      },
    };
  }

  async close(): Promise<void> {}
}

/** A deterministic result that depends on the query and the media type, as a real one does. */
const defaultAnswer = (text: string, options: QueryOptions): FakeAnswer => ({
  chunks: [JSON.stringify({ head: { vars: ['q'] }, results: { bindings: [{ q: { type: 'literal', value: `${text} as ${options.mediaType}` } }] } })],
});

let graph: PublishedGraph;
beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
});

function appWith(engine: QueryEngine) {
  return createApp({ graph, baseUrl: BASE, log: () => {}, accessLog: () => {}, sparql: { engine } });
}

const SELECT = 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 1';
const post = (app: ReturnType<typeof appWith>, query: string, accept = 'application/sparql-results+json') =>
  request(app).post('/sparql').set('Content-Type', 'application/sparql-query').set('Accept', accept).send(query);

const withoutDate = (headers: Record<string, string>) => {
  const { date: _date, ...rest } = headers;
  return rest;
};

describe('the SPARQL result cache', () => {
  it('answers the second identical query without the engine, with the same body and headers', async () => {
    const engine = new CountingEngine();
    const app = appWith(engine);
    const first = await post(app, SELECT);
    const second = await post(app, SELECT);
    expect(engine.seen).toHaveLength(1);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(withoutDate(second.headers)).toEqual(withoutDate(first.headers));
    expect(second.headers['sparql-results-truncated']).toBe('false');
  });

  it('never keeps or tags a result that may change from run to run (NOW, RAND, UUID, STRUUID, BNODE)', async () => {
    const engine = new CountingEngine();
    const app = appWith(engine);
    for (const query of ['SELECT (NOW() AS ?t) WHERE {}', 'SELECT (STRUUID() AS ?u) WHERE {}', 'SELECT ?s WHERE { ?s ?p ?o FILTER(RAND() < 0.5) }']) {
      const first = await request(app).get('/sparql').query({ query });
      await request(app).get('/sparql').query({ query });
      await post(app, query);
      expect(first.headers.etag).toBeUndefined();
    }
    expect(engine.seen).toHaveLength(9);
  });

  it('counts each key in its byte bound, so many small results cannot outgrow it', async () => {
    const engine = new CountingEngine(() => ({ chunks: [''] }));
    const cached = new CachedQueryEngine(engine, 'hash', { maxBytes: 2000 });
    for (let index = 0; index < 200; index++) {
      const stream = await cached.query(`SELECT * WHERE { ?s ?p ?o } LIMIT ${index}`, { mediaType: 'text/csv' });
      for await (const chunk of stream) void chunk;
    }
    expect(cached.size).toBeGreaterThan(0);
    expect(cached.size).toBeLessThanOrEqual(2000);
    expect(engine.seen).toHaveLength(200);
    const again = await cached.query('SELECT * WHERE { ?s ?p ?o } LIMIT 0', { mediaType: 'text/csv' });
    for await (const chunk of again) void chunk;
    expect(engine.seen).toHaveLength(201);
  });

  it('treats a GET and a POST of the same query as the same result', async () => {
    const engine = new CountingEngine();
    const app = appWith(engine);
    await request(app).get('/sparql').query({ query: SELECT });
    const posted = await post(app, SELECT);
    expect(engine.seen).toHaveLength(1);
    expect(posted.status).toBe(200);
  });

  it.each<[string, (app: ReturnType<typeof appWith>) => request.Test]>([
    ['another query', (app) => post(app, 'SELECT ?o WHERE { ?s ?p ?o } LIMIT 1')],
    ['another result format', (app) => post(app, SELECT, 'application/sparql-results+xml')],
    ['another protocol dataset', (app) => request(app).post('/sparql').query({ 'default-graph-uri': `${BASE}graph/other` }).set('Content-Type', 'application/sparql-query').send(SELECT)],
  ])('misses for %s', async (_label, other) => {
    const engine = new CountingEngine();
    const app = appWith(engine);
    await post(app, SELECT);
    const response = await other(app);
    expect(response.status).toBe(200);
    expect(engine.seen).toHaveLength(2);
    await other(app);
    expect(engine.seen).toHaveLength(2);
  });

  it('misses for other named-query bindings, and hits for the same ones', async () => {
    const engine = new CountingEngine();
    const app = appWith(engine);
    // Accept-Language changes nothing here: it only keeps these GETs from being replayed whole, so the result cache is what answers.
    const named = (role: string, language: string) =>
      request(app).get('/queries/contributors-by-role').query({ role: `${BASE}id/role/${role}` }).set('Accept', 'application/sparql-results+json').set('Accept-Language', language);
    const author = await named('author', 'en');
    await named('funder', 'en');
    expect(engine.seen).toHaveLength(2);
    const again = await named('author', 'fr');
    expect(engine.seen).toHaveLength(2);
    expect(again.text).toBe(author.text);
  });

  it.each<[string, FakeAnswer]>([
    ['truncated at the row limit', { chunks: ['{"head":{"vars":[]},"results":{"bindings":[]}}'], truncated: true }],
    ['failed after its first chunk', { chunks: ['{"head":{"vars":[]},"results":{"bindings":['], error: new Error('engine fell over') }],
  ])('never keeps a result %s', async (_label, answer) => {
    const engine = new CountingEngine(() => answer);
    const app = appWith(engine);
    await post(app, SELECT);
    await post(app, SELECT);
    expect(engine.seen).toHaveLength(2);
  });

  it('streams a fresh multi-chunk result with its truncation flag in the trailer, then sends the cached one whole, flag as a header', async () => {
    const chunks = Array.from({ length: 4 }, (_, index) => `${'x'.repeat(2000)}${index}`);
    const engine = new CountingEngine(() => ({ chunks }));
    const served = await listen(appWith(engine));
    try {
      const first = await rawPost(served.server, SELECT);
      const second = await rawPost(served.server, SELECT);
      expect(engine.seen).toHaveLength(1);
      expect(first.headers['transfer-encoding']).toBe('chunked');
      expect(first.trailers).toEqual({ 'sparql-results-truncated': 'false' });
      expect(second.body).toBe(chunks.join(''));
      expect(second.body).toBe(first.body);
      expect(second.headers['sparql-results-truncated']).toBe('false');
      expect(second.trailers).toEqual({});
      const { 'transfer-encoding': _chunked, trailer: _trailer, ...firstRest } = first.headers;
      const { 'transfer-encoding': _encoding, 'content-length': _length, 'sparql-results-truncated': _flag, ...secondRest } = second.headers;
      expect(secondRest).toEqual(firstRest);
    } finally {
      await close(served.server);
    }
  });

  it('replays a repeated GET of a multi-chunk result before Express, byte for byte', async () => {
    const chunks = Array.from({ length: 4 }, (_, index) => `${'y'.repeat(2000)}${index}`);
    const engine = new CountingEngine(() => ({ chunks }));
    const accessLog: string[] = [];
    const caches = createCaches((line) => accessLog.push(line));
    const app = createApp({ graph, baseUrl: BASE, log: () => {}, accessLog: (line) => accessLog.push(line), caches, sparql: { engine } });
    const listener = withReplay(caches.replay, app);
    const sizeBefore = caches.replay.size;
    const path = `/sparql?query=${encodeURIComponent(SELECT)}`;
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await request(listener).get(path).set('Accept-Encoding', 'identity').set('Accept', 'text/csv'));
    expect(engine.seen).toHaveLength(1);
    // The first answer streamed; the second came whole from the result cache and was recorded; the third is that record.
    expect(caches.replay.size).toBeGreaterThan(sizeBefore);
    expect(answers[2]!.text).toBe(chunks.join(''));
    expect(answers[2]!.text).toBe(answers[1]!.text);
    expect(withoutDate(answers[2]!.headers)).toEqual(withoutDate(answers[1]!.headers));
  });
});

describe('SPARQL ETags', () => {
  it('GET results carry a strong ETag; If-None-Match gives 304 without running the query', async () => {
    const engine = new CountingEngine();
    const app = appWith(engine);
    const first = await request(app).get('/sparql').query({ query: SELECT }).set('Accept-Encoding', 'identity');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await request(app).get('/sparql').query({ query: SELECT }).set('Accept-Encoding', 'identity').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.vary).toBe(first.headers.vary);
    expect(engine.seen).toHaveLength(1);
    const named = await request(app).get('/queries/funding').set('Accept-Encoding', 'identity');
    expect(named.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect((await request(app).get('/queries/funding').set('Accept-Encoding', 'identity').set('If-None-Match', named.headers.etag as string)).status).toBe(304);
  });

  it('differs for another query, format, dataset, content-coding or graph, and is absent from POST answers', async () => {
    const app = appWith(new CountingEngine());
    const etagOf = async (query: Record<string, string>, headers: Record<string, string> = {}) => (await request(app).get('/sparql').query(query).set(headers)).headers.etag as string;
    const etags = [
      await etagOf({ query: SELECT }),
      await etagOf({ query: 'ASK { ?s ?p ?o }' }),
      await etagOf({ query: SELECT, format: 'xml' }),
      await etagOf({ query: SELECT, 'default-graph-uri': `${BASE}graph/other` }),
      await etagOf({ query: SELECT }, { 'Accept-Encoding': 'br' }),
    ];
    expect(new Set(etags).size).toBe(etags.length);
    expect(await etagOf({ query: SELECT })).toBe(etags[0]);
    const rebuilt = createApp({ graph: { ...graph, manifest: { ...graph.manifest, contentHash: 'f'.repeat(64) } }, baseUrl: BASE, log: () => {}, accessLog: () => {}, sparql: { engine: new CountingEngine() } });
    expect((await request(rebuilt).get('/sparql').query({ query: SELECT })).headers.etag).not.toBe(etags[0]);
    expect((await post(app, SELECT)).headers.etag).toBeUndefined();
  });
});

describe('CachedQueryEngine', () => {
  const read = async (stream: QueryResultStream) => {
    let text = '';
    for await (const chunk of stream) text += chunk;
    return text;
  };

  it('stays within its byte bound and keeps no result over the entry bound', async () => {
    const engine = new CountingEngine((text) => ({ chunks: ['y'.repeat(300 + text.length)] }));
    const cached = new CachedQueryEngine(engine, 'hash', { maxBytes: 1000, maxEntryBytes: 400 });
    for (let index = 0; index < 20; index++) {
      await read(await cached.query(`SELECT * WHERE { ?s ?p ?o } LIMIT ${index}`, { mediaType: 'application/sparql-results+json' }));
      expect(cached.size).toBeLessThanOrEqual(1000);
    }
    expect(cached.size).toBeGreaterThan(0);
    const big = 'SELECT * WHERE { ?s ?p ?o } LIMIT 1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000';
    await read(await cached.query(big, { mediaType: 'text/csv' }));
    await read(await cached.query(big, { mediaType: 'text/csv' }));
    expect(engine.seen.filter((call) => call.text === big)).toHaveLength(2);
  });

  it('keeps nothing of a stream the client cancelled', async () => {
    const engine = new CountingEngine(() => ({ chunks: ['a', 'b', 'c'] }));
    const cached = new CachedQueryEngine(engine, 'hash');
    const stream = await cached.query(SELECT, { mediaType: 'text/csv' });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    stream.cancel();
    while (!(await iterator.next()).done);
    expect(cached.size).toBe(0);
    expect(await read(await cached.query(SELECT, { mediaType: 'text/csv' }))).toBe('abc');
    expect(engine.seen).toHaveLength(2);
  });
});

/** POSTs a query with no compression and returns headers (without Date), trailers and the body as sent. */
function rawPost(server: Server, query: string): Promise<{ headers: Record<string, unknown>; trailers: NodeJS.Dict<string>; body: string }> {
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    const req = send({ host: '127.0.0.1', port, path: '/sparql', method: 'POST', headers: { 'Content-Type': 'application/sparql-query', 'Accept-Encoding': 'identity' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const { date: _date, ...headers } = res.headers;
        resolve({ headers, trailers: res.trailers, body });
      });
    });
    req.on('error', reject);
    req.end(query);
  });
}

