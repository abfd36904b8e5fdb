import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { embeddedEngine } from '../support/embedded-engine.js';
import { WorkerPoolEngine } from '../../src/store/worker-pool-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { parseJsonRows } from '../support/sparql-results.js';
import { FIXTURE_DATA } from './linked-data-fixture.js';

const BASE = 'http://localhost:3000/';
const HEAVY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
let engine: WorkerPoolEngine;
let app: Express;
let tripleCount: number;

beforeAll(async () => {
  const graph = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
  tripleCount = graph.store.size;
  engine = new WorkerPoolEngine(
    { store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: { timeLimitMs: 10_000, maxRows: 10_000, maxQueryLength: 10_000 }, engine: embeddedEngine() },
    { workers: 2 },
  );
  const silent = () => {};
  app = createApp({ graph, baseUrl: BASE, log: silent, accessLog: silent, sparql: { engine } } as Parameters<typeof createApp>[0]);
});

afterAll(async () => {
  await engine?.close();
});

describe('a runaway query through /sparql', () => {
  it('does not block other requests, and ends with a clear 503 at the time limit', async () => {
    const replacedBefore = engine.stats().replaced;
    let heavyDone = false;
    const heavy = request(app).get('/sparql').query({ query: HEAVY }).then((response) => {
      heavyDone = true;
      return response;
    });
    // The limit leaves the cheap requests seconds to finish before it, even on a machine loaded five
    // times over its cores (where 5 s was once not enough for a cold worker's first query).
    // Let the heavy query reach its worker before the cheap requests go out.
    while (engine.stats().busy === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const cheap = await request(app).get('/sparql').query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' });
    const description = await request(app).get('/sparql').set('Accept', 'text/turtle');
    expect(Number(parseJsonRows(cheap.text)[0]!.n!.value)).toBe(tripleCount);
    expect(description.status).toBe(200);
    expect(heavyDone).toBe(false);

    const response = await heavy;
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toMatch(/stopped after 10 s, this endpoint's time limit/);
    expect(engine.stats().replaced).toBe(replacedBefore + 1);
    const after = await request(app).get('/sparql').query({ query: 'ASK { ?s ?p ?o }' });
    expect(after.status).toBe(200);
  });
});
