import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Parser as N3Parser, Writer } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExternalStore } from '../../src/cli/config.js';
import type { ExternalStore } from '../../src/store/external-store.js';
import { authorizationFor } from '../../src/store/graph-store-client.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import type { QueryEngine, QueryLimits } from '../../src/store/query-engine.js';
import { QueryEvaluationError, QueryTimeoutError, StoreUnavailableError } from '../../src/store/query-errors.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { tripleLines } from '../support/compare-graphs.js';
import { startLoopbackListener } from '../support/loopback-listener.js';
import { startLoopbackStore, type LoopbackStore } from '../support/loopback-store.js';

// The external-store engine against a real SPARQL 1.1 protocol server on
// loopback: this project's own endpoint with Oxigraph, holding the graph in a
// named graph the way a shared store would. Its answers are compared with the
// embedded engine's over the same graph. (`npm run test:virtuoso` runs the HTTP
// suites against Virtuoso itself.)

const BASE = 'http://localhost:3000/';
const STORE_GRAPH = 'http://store.test/graph/oscg';
const LIMITS: QueryLimits = { timeLimitMs: 2000, maxRows: 100, maxQueryLength: 5000 };
const NAMES = 'SELECT ?person ?name WHERE { ?person a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?person';

let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let store: LoopbackStore;
let embedded: InProcessEngine;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

function externalEngine(external: Partial<ExternalStore> = {}, limits: QueryLimits = LIMITS): InProcessEngine {
  return new InProcessEngine({
    store: graph.store,
    endpointIri: `${BASE}sparql`,
    prefixes: graph.manifest.prefixes,
    limits,
    engine: 'external',
    external: { endpoint: `${store.url}sparql`, graph: STORE_GRAPH, ...external },
  });
}

async function answer(engine: QueryEngine, query: string, mediaType: string): Promise<{ body: string; truncated: boolean }> {
  const stream = await engine.query(query, { mediaType });
  let body = '';
  for await (const chunk of stream) body += chunk;
  return { body, truncated: stream.truncated };
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString())).on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE });
  store = await startLoopbackStore(graph, STORE_GRAPH, LIMITS);
  embedded = new InProcessEngine({ store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: LIMITS, engine: 'oxigraph' });
});

afterAll(async () => {
  await store?.close();
});

describe('the external-store engine', () => {
  it.each(['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'])(
    'writes the same %s bytes as the embedded engine',
    async (mediaType) => {
      const expected = await answer(embedded, NAMES, mediaType);
      expect(expected.body).toContain('http://localhost:3000/id/person/');
      expect(await answer(externalEngine(), NAMES, mediaType)).toEqual(expected);
    },
  );

  it('answers ASK and CONSTRUCT as the embedded engine does', async () => {
    const engine = externalEngine();
    expect(JSON.parse((await answer(engine, 'ASK { ?s a <http://www.w3.org/ns/dcat#Catalog> }', 'application/sparql-results+json')).body)).toEqual({ head: {}, boolean: true });
    expect(JSON.parse((await answer(engine, 'ASK { ?s a <http://example.org/Nothing> }', 'application/sparql-results+json')).body).boolean).toBe(false);
    const construct = 'CONSTRUCT { ?d <http://purl.org/dc/terms/title> ?t } WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> ?t }';
    const lines = (body: string) => tripleLines(new N3Parser().parse(body));
    const expected = lines((await answer(embedded, construct, 'text/turtle')).body);
    expect(expected.length).toBeGreaterThan(3);
    expect(lines((await answer(engine, construct, 'text/turtle')).body)).toEqual(expected);
  });

  it('cuts results at its own row limit and says so', async () => {
    const limited = externalEngine({}, { ...LIMITS, maxRows: 3 });
    const result = await answer(limited, NAMES, 'text/csv');
    expect(result.body.trim().split('\r\n')).toHaveLength(1 + 3);
    expect(result.truncated).toBe(true);
    expect((await answer(limited, 'SELECT ?c WHERE { ?c a <http://www.w3.org/ns/dcat#Catalog> }', 'text/csv')).truncated).toBe(false);
  });

  it('keeps the store\'s other graphs out of reach: no named graphs, and a protocol dataset names only empty graphs', async () => {
    const engine = externalEngine();
    expect((await answer(engine, 'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', 'text/csv')).body).toBe('g\r\n');
    expect((await answer(engine, `SELECT ?s ?p ?o WHERE { GRAPH <${STORE_GRAPH}> { ?s ?p ?o } } LIMIT 1`, 'text/csv')).body).toBe('s,p,o\r\n');
    const stream = await engine.query('SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 1', { mediaType: 'text/csv', dataset: { defaultGraphs: [STORE_GRAPH], namedGraphs: [] } });
    let body = '';
    for await (const chunk of stream) body += chunk;
    expect(body).toBe('s,p,o\r\n');
  });

  it('says which graph is missing and how to load it when the store does not hold it', async () => {
    const engine = externalEngine({ graph: 'http://store.test/graph/missing' });
    const failing = engine.query(NAMES, { mediaType: 'text/csv' });
    await expect(failing).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failing).rejects.toThrow(
      `The SPARQL store at ${store.url}sparql holds no graph <http://store.test/graph/missing>: load dist/graph.nt into it (see the README), or set SPARQL_GRAPH_STORE so the server loads it.`,
    );
  });

  it('reports a store that does not answer as unavailable, naming it', async () => {
    const listener = await startLoopbackListener();
    try {
      const failing = externalEngine({ endpoint: `${listener.url}sparql` }).query(NAMES, { mediaType: 'text/csv' });
      await expect(failing).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(failing).rejects.toThrow(`The SPARQL store at ${listener.url}sparql did not answer`);
    } finally {
      await listener.close();
    }
  });

  it('stops waiting for a slow store at the time limit', async () => {
    // Never answers, not even the check that it holds the graph.
    const slow = await listen((request) => void bodyOf(request));
    try {
      const engine = externalEngine({ endpoint: `${slow.url}sparql` }, { ...LIMITS, timeLimitMs: 300 });
      await expect(engine.query(NAMES, { mediaType: 'text/csv' })).rejects.toBeInstanceOf(QueryTimeoutError);
    } finally {
      slow.server.closeAllConnections();
      slow.server.close();
    }
  });

  it('passes on the store\'s own error as the query\'s fault', async () => {
    const failing = await listen(async (request, response) => {
      const form = new URLSearchParams(await bodyOf(request));
      if (form.get('query')!.includes('COUNT(*)')) {
        response.writeHead(200, { 'Content-Type': 'application/sparql-results+json' }).end(JSON.stringify({ head: { vars: ['n'] }, results: { bindings: [{ n: { type: 'typed-literal', value: '5' } }] } }));
        return;
      }
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Virtuoso 37000 Error SP031: SPARQL: Internal error: something went wrong\n\nSPARQL query:\n...');
    });
    try {
      const query = externalEngine({ endpoint: `${failing.url}sparql` }).query(NAMES, { mediaType: 'text/csv' });
      await expect(query).rejects.toBeInstanceOf(QueryEvaluationError);
      await expect(query).rejects.toThrow('The SPARQL store could not evaluate the query: Virtuoso 37000 Error SP031: SPARQL: Internal error: something went wrong');
    } finally {
      failing.server.close();
    }
  });
});

describe('loading through the Graph Store Protocol', () => {
  it('answers a Digest challenge as RFC 7616 section 3.9.1 computes it', () => {
    const challenge = 'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
    const header = authorizationFor(challenge, 'GET', new URL('http://www.example.org/dir/index.html'), 'Mufasa', 'Circle of Life', 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ');
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(header).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
    expect(authorizationFor('Basic realm="store"', 'PUT', new URL('http://x.test/'), 'loader', 'pw')).toBe(`Basic ${Buffer.from('loader:pw').toString('base64')}`);
  });

  it('POSTs the graph as N-Triples into a graph named after its content, sending credentials only when asked', async () => {
    const puts: { method?: string; url: string; authorization?: string; type?: string; body: string }[] = [];
    const graphStore = await listen(async (request, response) => {
      const body = await bodyOf(request);
      puts.push({ method: request.method, url: request.url!, authorization: request.headers.authorization, type: request.headers['content-type'], body });
      if (!request.headers.authorization) {
        response.writeHead(401, { 'WWW-Authenticate': 'Digest realm="SPARQL", nonce="abc123", qop="auth", algorithm="MD5"' }).end();
        return;
      }
      response.writeHead(201).end();
    });
    try {
      const engine = externalEngine({ graph: undefined, graphStore: { url: `${graphStore.url}graph-store`, user: 'dba', password: 'pw' } });
      // The store (the loopback endpoint) does not hold the content-named graph, so the query runs after the load and finds nothing.
      expect((await answer(engine, 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 1', 'text/csv')).body).toBe('s\r\n');
      expect(puts).toHaveLength(2);
      const ntriples = puts[1]!.body;
      const graphName = `${BASE}graph/${createHash('sha256').update(ntriples).digest('hex').slice(0, 16)}`;
      expect(puts[0]!.authorization).toBeUndefined();
      expect(puts[1]).toMatchObject({ method: 'POST', url: `/graph-store?graph=${encodeURIComponent(graphName)}`, type: 'application/n-triples' });
      expect(puts[1]!.authorization).toMatch(/^Digest username="dba", realm="SPARQL", nonce="abc123", uri="\/graph-store\?graph=[^"]+", response="[0-9a-f]{32}"/);
      expect(tripleLines(new N3Parser({ format: 'N-Triples' }).parse(ntriples))).toEqual(tripleLines(graph.store.getQuads(null, null, null, null)));
    } finally {
      graphStore.server.close();
    }
  });

  it('reports a refused load with the store\'s answer', async () => {
    const graphStore = await listen((_request, response) => response.writeHead(403, { 'Content-Type': 'text/html' }).end('<html><body><h1>Forbidden</h1> no write access</body></html>'));
    try {
      const engine = externalEngine({ graphStore: { url: `${graphStore.url}graph-store` } });
      await expect(engine.query(NAMES, { mediaType: 'text/csv' })).rejects.toThrow(/^The graph could not be loaded into the SPARQL store: PUT http:\/\/127\.0\.0\.1:\d+\/graph-store\?graph=.* answered 403 Forbidden: Forbidden no write access$/);
    } finally {
      graphStore.server.close();
    }
  });
});

// Runs in `npm run test:virtuoso`, where SPARQL_ENDPOINT and SPARQL_GRAPH_STORE point at a loopback Virtuoso 7.
describe.runIf(process.env.SPARQL_GRAPH_STORE)('against the Virtuoso of `npm run test:virtuoso`', () => {
  it('loads the graph into Virtuoso and answers from it as the embedded engine does', async () => {
    const external = readExternalStore(process.env)!;
    const engine = new InProcessEngine({ store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: LIMITS, engine: 'external', external });
    for (const mediaType of ['text/csv', 'application/sparql-results+json']) {
      expect(await answer(engine, NAMES, mediaType)).toEqual(await answer(embedded, NAMES, mediaType));
    }
    const ntriples = new Writer({ format: 'N-Triples' }).quadsToString(graph.store.getQuads(null, null, null, null));
    const graphName = `${BASE}graph/${createHash('sha256').update(ntriples).digest('hex').slice(0, 16)}`;
    const count = await fetch(`${external.endpoint}?query=${encodeURIComponent(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graphName}> { ?s ?p ?o } }`)}`, { headers: { Accept: 'text/csv' } });
    expect((await count.text()).trim().split('\n')[1]).toBe(String(graph.store.size));
  });
});
