import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/store/engine-setup.js';
import { WorkerPoolEngine } from '../../src/store/worker-pool-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { embeddedEngine } from '../support/embedded-engine.js';
import { parseJsonRows } from '../support/sparql-results.js';

const BASE = 'http://localhost:3000/';
const WORKERS = 2;
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
const silent = () => {};
let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let engines: WorkerPoolEngine[] = [];

/** An app over a worker pool with these limits, taking bodies up to 1 MiB so that each shape meets its own limit, not the body's. */
function appWith(limits: Partial<typeof DEFAULT_QUERY_LIMITS>): Express {
  const engine = new WorkerPoolEngine(
    { store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: { ...DEFAULT_QUERY_LIMITS, ...limits }, engine: embeddedEngine() },
    { workers: WORKERS },
  );
  engines.push(engine);
  return createApp({ graph, baseUrl: BASE, log: silent, accessLog: silent, sparql: { engine, maxBodyBytes: 1 << 20 } } as Parameters<typeof createApp>[0]);
}

function send(app: Express, query: string) {
  return request(app).post('/sparql').set('Content-Type', 'application/sparql-query').set('Accept', 'application/sparql-results+json').send(query);
}

const union = (branches: number) => `SELECT * WHERE { ${Array.from({ length: branches }, () => '{?s ?p ?o}').join('UNION')} }`;
const literal = (length: number) => `SELECT * WHERE { ?s ?p "${'x'.repeat(length)}" }`;

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE });
});

afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
  engines = [];
});

describe('hostile query shapes', () => {
  let app: Express;
  let defaults: Express;
  beforeAll(() => {
    // Queries up to 200,000 characters, so that the length limit does not hide the others.
    app = appWith({ maxQueryLength: 200_000 });
    defaults = appWith({});
  });

  it.each([
    ['2,000 nested parentheses in a FILTER', `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(2000)}?o${')'.repeat(2000)}) }`, 'The query nests brackets 2002 deep at line 1, column 2033; this endpoint accepts at most 64.'],
    ['1,000 nested groups', `SELECT * WHERE { ${'{'.repeat(1000)} ?s ?p ?o ${'}'.repeat(1000)} }`, 'The query nests brackets 1001 deep at line 1, column 1017; this endpoint accepts at most 64.'],
    ['4,980 nested braces', `SELECT * WHERE {${'{'.repeat(4980)}${'}'.repeat(4980)}}`, 'The query nests brackets 4981 deep at line 1, column 4996; this endpoint accepts at most 64.'],
    ['3,000 UNION branches', union(3000), 'The query has 2999 UNIONs, the first one too many at line 1, column 3868; this endpoint accepts at most 256.'],
    ['a 100,000-character literal', literal(100_000), 'The query has a literal of 100000 characters at line 1, column 24; this endpoint accepts at most 4096.'],
    ['a 9,000-character literal', literal(9000), 'The query has a literal of 9000 characters at line 1, column 24; this endpoint accepts at most 4096.'],
  ])('refuses %s with a 400 naming the limit', async (_shape, query, detail) => {
    const response = await send(app, query);
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe(detail);
  });

  it('refuses the same shapes at the default length limit, the 9,000-character literal by its own limit', async () => {
    expect((await send(defaults, `SELECT * WHERE {${'{'.repeat(4980)}${'}'.repeat(4980)}}`)).body.detail).toBe('The query nests brackets 4981 deep at line 1, column 4996; this endpoint accepts at most 64.');
    expect((await send(defaults, literal(100_000))).body.detail).toBe('The query is 100027 characters long; this endpoint accepts at most 10000.');
    const response = await send(defaults, literal(9000));
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('The query has a literal of 9000 characters at line 1, column 24; this endpoint accepts at most 4096.');
  });

  it.each([
    ['only a comment, by GET', () => request(defaults).get('/sparql').query({ query: '#x' })],
    ['only a prologue, by POST', () => send(defaults, 'PREFIX ex: <http://x/>')],
  ])('answers a query of %s with a 400 that says so', async (_shape, sent) => {
    const response = await sent();
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('The query has no SELECT, ASK, CONSTRUCT or DESCRIBE form; it holds only a prologue or comments.');
  });

  it('still answers correctly afterwards, on every worker', async () => {
    for (let round = 0; round < WORKERS * 2 + 1; round += 1) {
      const response = await send(app, COUNT);
      expect(response.status).toBe(200);
      expect(Number(parseJsonRows(response.text)[0]!.n!.value)).toBe(graph.store.size);
    }
  });

  it('accepts shapes just under the limits and answers them', async () => {
    const under = [`SELECT * WHERE ${'{'.repeat(63)} ?s ?p ?o ${'}'.repeat(63)} LIMIT 1`, `${union(257)} LIMIT 1`, `ASK { ?s ?p "${'x'.repeat(4096)}" }`];
    for (const query of under) expect((await send(defaults, query)).status).toBe(200);
  });
});

describe('the row cap', () => {
  it('cuts a cross join without LIMIT at the row limit, with a 200 that says truncated, instead of running into the time limit', async () => {
    const app = appWith({ maxRows: 10, timeLimitMs: 5000 });
    const response = await send(app, 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }');
    expect(response.status).toBe(200);
    expect(parseJsonRows(response.text)).toHaveLength(10);
    expect(response.headers['sparql-results-truncated']).toBe('true');
  });
});
