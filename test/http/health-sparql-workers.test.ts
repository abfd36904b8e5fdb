import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { WorkerPoolEngine } from '../../src/store/worker-pool-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { embeddedEngine } from '../support/embedded-engine.js';

const BASE = 'http://localhost:3000/';
let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let engine: WorkerPoolEngine;

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE });
});

afterAll(async () => {
  await engine?.close();
});

describe('/health with the SPARQL worker pool', () => {
  it('is 200 "degraded", with the reason, while fewer query workers than configured are ready, then "ok"', async () => {
    engine = new WorkerPoolEngine({ store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: { timeLimitMs: 5000, maxRows: 20, maxQueryLength: 2000 }, engine: embeddedEngine() }, { workers: 1 });
    const app = createApp({ graph, baseUrl: BASE, accessLog: () => {}, sparql: { engine } });
    // The workers are still loading the graph.
    const starting = await request(app).get('/health');
    expect(starting.status).toBe(200);
    expect(starting.body).toMatchObject({
      status: 'degraded',
      reason: '0 of 3 SPARQL query workers are ready; the others are starting (at start-up, or in place of one that failed, ran out of time or grew too large).',
      tripleCount: graph.store.size,
    });
    const until = Date.now() + 30_000;
    while (engine.stats().ready < 3 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const ready = await request(app).get('/health');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.reason).toBeUndefined();
  });
});
