import { DataFactory, Store } from 'n3';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaches } from '../../src/http/caches.js';
import { createApp } from '../../src/http/create-app.js';
import { RDFS } from '../../src/graph/namespaces.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { FIXTURE_DATA } from './linked-data-fixture.js';

// One set of caches shared by the apps of two builds: the second build's
// pages are never the first build's, because every key carries the content hash.

const BASE = 'http://localhost:3000/';
const RESOURCE = `${BASE}id/output/test-guide`;
let graph: PublishedGraph;
beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
});

/** The same graph with one more label on RESOURCE, as a later build would publish it. */
function rebuilt(label: string): PublishedGraph {
  const store = new Store(graph.store.getQuads(null, null, null, null));
  store.addQuad(DataFactory.namedNode(RESOURCE), DataFactory.namedNode(RDFS.label.value), DataFactory.literal(label, 'en'));
  return { ...graph, store, manifest: { ...graph.manifest, contentHash: 'e'.repeat(64) } };
}

describe('caches shared across builds', () => {
  it.each([
    ['an HTML page', { Accept: 'text/html' }],
    ['a Turtle document', { Accept: 'text/turtle' }],
  ])('%s of a new build is rendered from the new graph', async (_label, headers) => {
    const caches = createCaches(() => {});
    const silent = () => {};
    const before = await request(createApp({ graph, baseUrl: BASE, accessLog: silent, log: silent, caches })).get('/doc/output/test-guide').set(headers);
    expect(before.status).toBe(200);
    expect(caches.pages.size).toBeGreaterThan(0);
    const after = await request(createApp({ graph: rebuilt('Rebuilt label'), baseUrl: BASE, accessLog: silent, log: silent, caches }))
      .get('/doc/output/test-guide')
      .set(headers);
    expect(after.status).toBe(200);
    expect(before.text).not.toContain('Rebuilt label');
    expect(after.text).toContain('Rebuilt label');
  });

  it('the home page of a new build is rendered from the new graph', async () => {
    const caches = createCaches(() => {});
    const silent = () => {};
    const catalog = `${BASE}id/catalog`;
    const first = await request(createApp({ graph, baseUrl: BASE, accessLog: silent, log: silent, caches })).get('/').set('Accept', 'text/html');
    const store = new Store(graph.store.getQuads(null, null, null, null));
    for (const quad of store.getQuads(catalog, 'http://purl.org/dc/terms/description', null, null)) store.removeQuad(quad);
    store.addQuad(DataFactory.namedNode(catalog), DataFactory.namedNode('http://purl.org/dc/terms/description'), DataFactory.literal('A rebuilt catalogue', 'en'));
    const next = { ...graph, store, manifest: { ...graph.manifest, contentHash: 'e'.repeat(64) } };
    const second = await request(createApp({ graph: next, baseUrl: BASE, accessLog: silent, log: silent, caches })).get('/').set('Accept', 'text/html');
    expect(first.text).not.toContain('A rebuilt catalogue');
    expect(second.text).toContain('A rebuilt catalogue');
  });

  it('pages stay within the configured byte bound', async () => {
    /** The bytes the page cache holds after every page and document of two resources and the home page. */
    const heldAfterRequests = async (pageBytes?: number) => {
      const caches = createCaches(() => {}, { pageBytes });
      const app = createApp({ graph, baseUrl: BASE, accessLog: () => {}, log: () => {}, caches });
      for (const accept of ['text/html', 'text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml']) {
        for (const path of ['/doc/output/test-guide', '/doc/person/bob']) await request(app).get(path).set('Accept', accept).expect(200);
      }
      await request(app).get('/').set('Accept', 'text/html').expect(200);
      return caches.pages.size;
    };
    // Unbounded, these renders hold more than the bound below, so the bound is what keeps them under it.
    expect(await heldAfterRequests()).toBeGreaterThan(20_000);
    const held = await heldAfterRequests(20_000);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(20_000);
  });
});
