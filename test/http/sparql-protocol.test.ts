import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/store/engine-setup.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { startLoopbackListener, type LoopbackListener } from '../support/loopback-listener.js';
import { rawRequest } from '../support/raw-request.js';
import { select } from '../support/select.js';
import { parseJsonBoolean, parseJsonRows, parseRdf, parseXmlBoolean, parseXmlRows } from '../support/sparql-results.js';
import { FIXTURE_DATA } from './linked-data-fixture.js';
import { runEngine, runEngineFor } from '../support/run-engine.js';

const BASE = 'http://localhost:3000/';
const NAMES = 'SELECT ?person ?name WHERE { ?person a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?person';
const CONSTRUCT = 'CONSTRUCT { ?person <http://xmlns.com/foaf/0.1/name> ?name } WHERE { ?person a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name }';
let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let app: Express;
let expectedNames: Record<string, string>[];
let loopback: LoopbackListener;

const silent = () => {};

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
  app = createApp({ graph, baseUrl: BASE, log: silent, accessLog: silent, sparql: { engine: runEngineFor(graph) } } as Parameters<typeof createApp>[0]);
  expectedNames = await select(graph.store, NAMES);
  loopback = await startLoopbackListener();
});

afterAll(async () => {
  await loopback?.close();
});

function namesOf(rows: ReturnType<typeof parseJsonRows>): Record<string, string>[] {
  return rows.map((row) => ({ person: row.person!.value, name: row.name!.value }));
}

describe('the query operation', () => {
  it('answers GET, form POST and direct POST alike', async () => {
    const viaGet = await request(app).get('/sparql').query({ query: NAMES }).set('Accept', 'application/sparql-results+json');
    const viaForm = await request(app).post('/sparql').type('form').send({ query: NAMES }).set('Accept', 'application/sparql-results+json');
    const viaDirect = await request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send(NAMES).set('Accept', 'application/sparql-results+json');
    expect(expectedNames.length).toBeGreaterThan(0);
    for (const response of [viaGet, viaForm, viaDirect]) {
      expect(response.status).toBe(200);
      expect(namesOf(parseJsonRows(response.text))).toEqual(expectedNames);
    }
  });

  it('merges URL parameters with a form body', async () => {
    const response = await request(app).post('/sparql?format=xml').type('form').send({ query: NAMES });
    expect(response.headers['content-type']).toMatch(/^application\/sparql-results\+xml/);
    expect((await parseXmlRows(response.text)).map((row) => ({ person: row.person!.value, name: row.name!.value }))).toEqual(expectedNames);
  });

  it.each([
    // [Accept, query form, expected media type]
    [undefined, 'select', 'application/sparql-results+json'],
    ['*/*', 'select', 'application/sparql-results+json'],
    ['application/sparql-results+xml', 'select', 'application/sparql-results+xml'],
    ['text/csv', 'select', 'text/csv'],
    ['text/tab-separated-values', 'select', 'text/tab-separated-values'],
    ['application/json', 'select', 'application/json'],
    ['text/csv;q=0.5, application/sparql-results+xml;q=0.9', 'select', 'application/sparql-results+xml'],
    ['application/sparql-results+json;q=0.1, text/tab-separated-values', 'select', 'text/tab-separated-values'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'select', 'application/xml'],
    [undefined, 'ask', 'application/sparql-results+json'],
    ['application/sparql-results+xml', 'ask', 'application/sparql-results+xml'],
    ['text/csv', 'ask', 'text/csv'],
    [undefined, 'construct', 'text/turtle'],
    ['*/*', 'construct', 'text/turtle'],
    ['application/n-triples', 'construct', 'application/n-triples'],
    ['application/ld+json', 'construct', 'application/ld+json'],
    ['application/rdf+xml;q=1, text/turtle;q=0.5', 'construct', 'application/rdf+xml'],
    [undefined, 'describe', 'text/turtle'],
    ['application/n-triples', 'describe', 'application/n-triples'],
  ])('Accept %s for a %s query gives %s', async (accept, form, mediaType) => {
    const query = { select: NAMES, ask: 'ASK { ?s ?p ?o }', construct: CONSTRUCT, describe: `DESCRIBE <${BASE}id/catalog>` }[form]!;
    const req = request(app).get('/sparql').query({ query });
    const response = await (accept ? req.set('Accept', accept) : req);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    expect(response.headers.vary).toMatch(/Accept/);
  });

  it.each([
    ['json', 'application/sparql-results+json'],
    ['xml', 'application/sparql-results+xml'],
    ['csv', 'text/csv'],
    ['tsv', 'text/tab-separated-values'],
    ['text/csv', 'text/csv'],
  ])('format=%s overrides Accept', async (format, mediaType) => {
    const response = await request(app).get('/sparql').query({ query: NAMES, format }).set('Accept', 'application/sparql-results+json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
  });

  it.each([
    ['select', { accept: 'image/png' }],
    ['select', { accept: 'text/turtle' }],
    ['construct', { accept: 'application/sparql-results+json' }],
    ['select', { format: 'turtle' }],
    ['construct', { format: 'bogus' }],
  ] as [string, { accept?: string; format?: string }][])('a %s query with %o is 406, listing what is on offer', async (form, { accept, format }) => {
    const query = form === 'select' ? NAMES : CONSTRUCT;
    const response = await request(app).get('/sparql').query({ query, ...(format ? { format } : {}) }).set('Accept', accept ?? '*/*');
    expect(response.status).toBe(406);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.available.length).toBeGreaterThan(0);
  });

  it('writes every tabular format so that real parsers read the same rows back', async () => {
    const json = await request(app).get('/sparql').query({ query: NAMES, format: 'json' });
    const xml = await request(app).get('/sparql').query({ query: NAMES, format: 'xml' });
    expect(namesOf(parseJsonRows(json.text))).toEqual(expectedNames);
    expect((await parseXmlRows(xml.text)).map((row) => ({ person: row.person!.value, name: row.name!.value }))).toEqual(expectedNames);
    for (const [format, separator] of [['csv', ','], ['tsv', '\t']] as const) {
      const response = await request(app).get('/sparql').query({ query: NAMES, format });
      const lines = response.text.split(/\r?\n/).filter((line) => line !== '');
      expect(lines[0]!.split(separator).map((name) => name.replace(/^\?/, ''))).toEqual(['person', 'name']);
      expect(lines).toHaveLength(expectedNames.length + 1);
    }
  });

  it('answers ASK truthfully in JSON and XML', async () => {
    const yes = 'ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }';
    const no = 'ASK { ?s a <http://example.org/NoSuchClass> }';
    expect(parseJsonBoolean((await request(app).get('/sparql').query({ query: yes })).text)).toBe(true);
    expect(parseJsonBoolean((await request(app).get('/sparql').query({ query: no })).text)).toBe(false);
    expect(await parseXmlBoolean((await request(app).get('/sparql').query({ query: yes, format: 'xml' })).text)).toBe(true);
  });

  it.each(['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'])(
    'writes CONSTRUCT results in %s that parse back to the same triples',
    async (mediaType) => {
      const response = await request(app).get('/sparql').query({ query: CONSTRUCT }).set('Accept', mediaType);
      expect(response.status).toBe(200);
      const quads = await parseRdf(response.text, mediaType);
      const pairs = quads.map((quad) => ({ person: quad.subject.value, name: quad.object.value }));
      const sort = (rows: { person: string; name: string }[]) => rows.map((row) => `${row.person} ${row.name}`).sort();
      expect(sort(pairs)).toEqual(sort(expectedNames as { person: string; name: string }[]));
    },
  );
});

describe('protocol errors', () => {
  it.each([
    ['two query parameters', () => request(app).get('/sparql?query=ASK%20%7B%7D&query=SELECT%20*%20%7B%7D'), 400],
    ['a query in the URL and another in the body', () => request(app).post('/sparql?query=ASK%20%7B%7D').set('Content-Type', 'application/sparql-query').send('ASK {}'), 400],
    ['a body of the wrong media type', () => request(app).post('/sparql').set('Content-Type', 'text/plain').send('ASK {}'), 415],
    ['a non-UTF-8 charset', () => request(app).post('/sparql').set('Content-Type', 'application/sparql-query; charset=UTF-16').send(Buffer.from('ASK {}', 'utf16le')), 415],
    ['invalid UTF-8 bytes', () => request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send(Buffer.from([0x41, 0x53, 0x4b, 0x20, 0xff, 0xfe])), 400],
    ['a POST without a query', () => request(app).post('/sparql').type('form').send({ format: 'json' }), 400],
    ['PUT', () => request(app).put('/sparql?query=ASK%20%7B%7D'), 405],
    ['DELETE', () => request(app).delete('/sparql'), 405],
  ])('%s is refused', async (_name, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.status).toBe(status);
    expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/);
    if (status === 405) expect(response.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
  });

  it('refuses a form body sent without Content-Type', async () => {
    const response = await rawRequest(app, 'POST', '/sparql', {}, 'query=ASK%20%7B%7D');
    expect(response.status).toBe(415);
    expect(JSON.parse(response.text).detail).toMatch(/needs a Content-Type/);
  });

  it('answers a syntax error with 400 and the parser\'s line and column', async () => {
    const response = await request(app).get('/sparql').query({ query: 'SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }' });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/Parse error on line 4/);
    expect(response.body.line).toBe(4);
    expect(response.body.column).toBeGreaterThan(0);
  });

  it('refuses a query over the length limit and a body over the size limit', async () => {
    const long = `SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(DEFAULT_QUERY_LIMITS.maxQueryLength)}`;
    const tooLong = await request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send(long);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.detail).toMatch(new RegExp(`at most ${DEFAULT_QUERY_LIMITS.maxQueryLength}`));
    const tooBig = await request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send('#'.repeat(200 * 1024));
    expect(tooBig.status).toBe(413);
  });
});

describe('read-only', () => {
  it.each([
    ['update= in a GET', () => request(app).get('/sparql').query({ update: 'DROP ALL' }), 400],
    ['update= in a form POST', () => request(app).post('/sparql').type('form').send({ update: 'DELETE WHERE { ?s ?p ?o }' }), 400],
    ['an application/sparql-update body', () => request(app).post('/sparql').set('Content-Type', 'application/sparql-update').send('DELETE WHERE { ?s ?p ?o }'), 415],
    ['an update sent as a query', () => request(app).post('/sparql').type('form').send({ query: 'DELETE WHERE { ?s ?p ?o }' }), 400],
    ['INSERT DATA sent as a query', () => request(app).get('/sparql').query({ query: `INSERT DATA { <${BASE}x> <${BASE}y> "z" }` }), 400],
  ])('%s is refused and the graph is unchanged', async (_name, send, status) => {
    const before = graph.store.size;
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.detail).toMatch(/read-only/);
    expect(graph.store.size).toBe(before);
    expect(graph.store.size).toBe(graph.build.manifest.tripleCount);
    const count = await request(app).get('/sparql').query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' });
    expect(Number(parseJsonRows(count.text)[0]!.n!.value)).toBe(graph.build.manifest.tripleCount);
  });
});

describe('no outbound requests, no files', () => {
  it('refuses SERVICE and FROM of what it does not hold, saying what is not allowed, and never connects', async () => {
    const cases: [string, RegExp][] = [
      [`SELECT * WHERE { SERVICE <${loopback.url}sparql> { ?s ?p ?o } }`, /SERVICE <.*> is not allowed/],
      [`SELECT * FROM <${loopback.url}data.ttl> WHERE { ?s ?p ?o }`, /FROM <.*> is not allowed/],
      ['SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }', /FROM NAMED <file:\/\/\/etc\/passwd> is not allowed/],
    ];
    for (const [query, message] of cases) {
      const response = await request(app).get('/sparql').query({ query });
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(message);
    }
    expect(loopback.connections()).toBe(0);
  });

  it('treats a protocol dataset graph it does not hold as empty, without fetching it', async () => {
    const response = await request(app)
      .get('/sparql')
      .query({ query: 'SELECT * WHERE { ?s ?p ?o }', 'default-graph-uri': `${loopback.url}graph.ttl`, 'named-graph-uri': 'file:///etc/passwd' });
    expect(response.status).toBe(200);
    expect(parseJsonRows(response.text)).toEqual([]);
    expect(loopback.connections()).toBe(0);
  });
});

describe('the service description', () => {
  it.each(['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'])(
    'is served in %s with the endpoint, formats and VoID figures',
    async (mediaType) => {
      const response = await request(app).get('/sparql').set('Accept', mediaType);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
      const quads = await parseRdf(response.text, mediaType, `${BASE}sparql`);
      const SD = 'http://www.w3.org/ns/sparql-service-description#';
      const objects = (predicate: string) => quads.filter((quad) => quad.predicate.value === predicate).map((quad) => quad.object.value);
      expect(objects(`${SD}endpoint`)).toEqual([`${BASE}sparql`]);
      expect(objects(`${SD}supportedLanguage`)).toEqual([`${SD}SPARQL11Query`]);
      expect(objects(`${SD}resultFormat`)).toEqual(expect.arrayContaining(['http://www.w3.org/ns/formats/SPARQL_Results_JSON', 'http://www.w3.org/ns/formats/Turtle']));
      expect(objects('http://rdfs.org/ns/void#triples')).toEqual([String(graph.store.size)]);
    },
  );

  it('uses the configured base, never a fixed host', async () => {
    const base = 'https://data.example.org/guide/';
    const other = await buildTestGraph({ baseUrl: base, dataDir: FIXTURE_DATA });
    const otherApp = createApp({ graph: other, baseUrl: base, log: silent, accessLog: silent, sparql: { engine: runEngineFor(other) } } as Parameters<typeof createApp>[0]);
    const response = await request(otherApp).get('/guide/sparql').set('Accept', 'application/n-triples');
    expect(response.status).toBe(200);
    const quads = await parseRdf(response.text, 'application/n-triples');
    expect(quads.find((quad) => quad.predicate.value.endsWith('#endpoint'))?.object.value).toBe(`${base}sparql`);
    const answer = await request(otherApp).get('/guide/sparql').query({ query: `ASK { <${base}id/catalog> ?p ?o }` });
    expect(parseJsonBoolean(answer.text)).toBe(true);
  });
});

describe('the row limit', () => {
  it('cuts results and says so in a header (small results) or a trailer (streamed ones)', async () => {
    const limitedApp = createApp({
      graph,
      baseUrl: BASE,
      log: silent,
      accessLog: silent,
      sparql: { engine: new InProcessEngine({ ...runEngine(), store: graph.store, endpointIri: `${BASE}sparql`, prefixes: {}, limits: { ...DEFAULT_QUERY_LIMITS, maxRows: 3 } }) },
    } as Parameters<typeof createApp>[0]);
    const cut = await request(limitedApp).get('/sparql').query({ query: 'SELECT * WHERE { ?s ?p ?o }' });
    expect(parseJsonRows(cut.text)).toHaveLength(3);
    expect(cut.headers['sparql-results-truncated']).toBe('true');
    expect(cut.headers['sparql-row-limit']).toBe('3');
    const whole = await request(limitedApp).get('/sparql').query({ query: 'SELECT * WHERE { ?s ?p ?o } LIMIT 2' });
    expect(parseJsonRows(whole.text)).toHaveLength(2);
    expect(whole.headers['sparql-results-truncated']).toBe('false');
  });

  it('sends the truncation flag as a trailer when the result streams in several chunks', async () => {
    const limitedApp = createApp({
      graph,
      baseUrl: BASE,
      log: silent,
      accessLog: silent,
      sparql: { engine: new InProcessEngine({ ...runEngine(), store: graph.store, endpointIri: `${BASE}sparql`, prefixes: {}, limits: { ...DEFAULT_QUERY_LIMITS, maxRows: 500 } }) },
    } as Parameters<typeof createApp>[0]);
    const server = limitedApp.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const { get } = await import('node:http');
      const result = await new Promise<{ trailers: NodeJS.Dict<string>; rows: number }>((resolve, reject) => {
        get(`http://127.0.0.1:${port}/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o }')}`, { headers: { 'Accept-Encoding': 'identity' } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ trailers: res.trailers, rows: parseJsonRows(text).length }));
        }).on('error', reject);
      });
      expect(graph.store.size).toBeGreaterThan(500);
      expect(result.rows).toBe(500);
      expect(result.trailers['sparql-results-truncated']).toBe('true');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('CORS', () => {
  it('lets any origin read results and the limit headers', async () => {
    const response = await request(app).get('/sparql').query({ query: 'ASK {}' }).set('Origin', 'https://elsewhere.example');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-expose-headers']).toMatch(/SPARQL-Results-Truncated/);
  });

  it('answers a preflight for a direct POST', async () => {
    const response = await request(app)
      .options('/sparql')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(response.status).toBeLessThan(300);
    expect(response.headers['access-control-allow-methods']).toMatch(/POST/);
  });
});

