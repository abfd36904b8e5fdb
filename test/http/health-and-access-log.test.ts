import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from 'n3';
import { createApp } from '../../src/http/create-app.js';
import { close, createTestServer, FIXTURE_DATA, listen, rawGet, type TestServer } from './linked-data-fixture.js';

let server: TestServer;
let http: { server: Server; origin: string };
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
  http = await listen(server.app);
});
afterAll(() => close(http.server));

describe('/health', () => {
  it('answers JSON: status, the number of triples loaded and the build time', async () => {
    const response = await request(server.app).get('/health');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({
      status: 'ok',
      tripleCount: server.graph.store.size,
      builtAt: server.graph.manifest.builtAt,
    });
    expect(response.body.tripleCount).toBe(server.graph.manifest.tripleCount);
  });

  it('is 503 when the loaded graph is not the one the build recorded', async () => {
    const partial = { ...server.graph, store: new Store(server.graph.store.getQuads(null, null, null, null).slice(1)) };
    const app = createApp({ graph: partial, baseUrl: server.base, accessLog: () => {} });
    const response = await request(app).get('/health');
    expect(response.status).toBe(503);
    expect(response.body.status).toBe(503);
  });
});

describe('the access log', () => {
  it('writes one JSON line per request: method, path, status, bytes on the wire, time', async () => {
    server.accessLog.length = 0;
    const compressed = await rawGet(`${http.origin}/doc/output/test-guide.nt?format=ntriples`, { 'Accept-Encoding': 'gzip' });
    const plain = await rawGet(`${http.origin}/id/person/bob`, { Accept: 'text/turtle' });
    const missing = await rawGet(`${http.origin}/id/person/nobody`, {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.accessLog).toHaveLength(3);
    const [first, second, third] = server.accessLog.map((line) => JSON.parse(line));
    expect(first).toMatchObject({ method: 'GET', path: '/doc/output/test-guide.nt', status: 200, bytes: compressed.body.length });
    expect(second).toMatchObject({ method: 'GET', path: '/id/person/bob', status: 303, bytes: plain.body.length });
    expect(third).toMatchObject({ method: 'GET', path: '/id/person/nobody', status: missing.status, bytes: missing.body.length });
    for (const entry of [first, second, third]) {
      expect(typeof entry.ms).toBe('number');
      expect(entry.ms).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    }
    for (const line of server.accessLog) expect(line).not.toContain('\n');
  });

  it('logs the query-free path, so a client cannot forge a line', async () => {
    server.accessLog.length = 0;
    await request(server.app).get('/id/x%0A{"status":200}?q=%0Aforged');
    expect(server.accessLog).toHaveLength(1);
    const entry = JSON.parse(server.accessLog[0]!);
    expect(entry.path.startsWith('/id/x%0A')).toBe(true);
    expect(entry.path).not.toContain('forged');
    expect(entry.status).toBe(404);
    expect(server.accessLog[0]).not.toContain('\n');
  });
});
