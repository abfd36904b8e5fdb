import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { tripleLines } from '../support/compare-graphs.js';
import { asText, createTestServer, FIXTURE_DATA, parseRdf, type TestServer } from './linked-data-fixture.js';

// The whole graph at /dump (negotiated) and /dump.{ttl,nt,jsonld,rdf}: the
// built files, byte for byte, each parsed back to exactly the graph. Nothing
// else in dist/ (or anywhere) can be reached through these URLs.

let server: TestServer;
let graph: string[];
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
  graph = tripleLines(server.graph.store.getQuads(null, null, null, null));
});

function text(path: string, accept = '*/*') {
  return request(server.app).get(path).set('Accept', accept).buffer(true).parse(asText);
}

describe('dumps', () => {
  it.each([
    ['ttl', 'text/turtle'],
    ['nt', 'application/n-triples'],
    ['jsonld', 'application/ld+json'],
    ['rdf', 'application/rdf+xml'],
  ])('/dump.%s is the built file (%s) and holds the whole graph', async (extension, mediaType) => {
    const response = await text(`/dump.${extension}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    expect(response.body).toBe(await readFile(join(server.graph.distDir, `graph.${extension}`), 'utf8'));
    expect(tripleLines(await parseRdf(response.body as string, mediaType, server.base))).toEqual(graph);
  });

  it.each([
    ['text/turtle', 'ttl'],
    ['application/n-triples', 'nt'],
    ['application/ld+json', 'jsonld'],
    ['application/rdf+xml', 'rdf'],
    ['application/rdf+xml;q=0.5, application/n-triples;q=0.9', 'nt'],
    ['*/*', 'ttl'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'ttl'],
  ])('/dump with Accept: %s is the .%s dump', async (accept, extension) => {
    const response = await text('/dump', accept);
    expect(response.status).toBe(200);
    expect(response.headers['content-location']).toBe(`${server.base}dump.${extension}`);
    expect(response.body).toBe(await readFile(join(server.graph.distDir, `graph.${extension}`), 'utf8'));
  });

  it('a dump the build did not write (N-Quads) is not on offer', async () => {
    expect((await request(server.app).get('/dump.nq')).status).toBe(404);
    expect((await request(server.app).get('/dump').set('Accept', 'application/n-quads')).status).toBe(406);
  });

  it.each([
    '/dump.json',
    '/dump.ttl/../manifest.json',
    '/dump.%2e%2e%2fmanifest.json',
    '/dump..%2fmanifest.json',
    '/dump.ttl%00.json',
    '/dump.manifest',
    '/dump/graph.ttl',
    '/graph.ttl',
    '/manifest.json',
    '/dist/graph.ttl',
    '/doc/..%2f..%2fpackage.json',
    '/id/..%2f..%2fpackage.json',
  ])('%s reaches no file', async (path) => {
    const response = await request(server.app).get(path).set('Accept', '*/*');
    expect([400, 404]).toContain(response.status);
    expect(response.text).not.toContain('"contentHash"');
    expect(response.text).not.toContain('"devDependencies"');
  });
});
