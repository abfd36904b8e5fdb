import * as cheerio from 'cheerio';
import LinkHeader from 'http-link-header';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { tripleLines } from '../support/compare-graphs.js';
import { createTestServer, FIXTURE_DATA, parseRdf, type TestServer } from './linked-data-fixture.js';

// BASE_URL on another host and under a path: every route is served under the
// path, and every IRI, Location, Link and page link follows the base — no
// trace of the default localhost:3000.

const BASE = 'https://data.example.org/osc/';
const DEFAULT_HOST = 'localhost:3000';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ baseUrl: BASE, dataDir: FIXTURE_DATA });
});

describe(`BASE_URL=${BASE}`, () => {
  it('mints every IRI of the graph under the base', () => {
    const text = tripleLines(server.graph.store.getQuads(null, null, null, null)).join('\n');
    expect(text).toContain(`<${BASE}id/catalog>`);
    expect(text).not.toContain(DEFAULT_HOST);
  });

  it('serves the resource IRIs under the base path, with 303s to documents under the base', async () => {
    const response = await request(server.app).get('/osc/id/person/bob').set('Accept', 'text/turtle');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${BASE}doc/person/bob.ttl`);
  });

  it('serves nothing outside the base path', async () => {
    for (const path of ['/id/person/bob', '/doc/person/bob.ttl', '/dump.ttl', '/health']) {
      expect((await request(server.app).get(path)).status, path).toBe(404);
    }
  });

  it('documents parse against the base and hold only IRIs under it (or other publishers’)', async () => {
    const response = await request(server.app).get('/osc/doc/output/test-guide.ttl');
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(DEFAULT_HOST);
    const quads = await parseRdf(response.text, 'text/turtle', BASE);
    expect(quads.some((quad) => quad.subject.value === `${BASE}id/output/test-guide`)).toBe(true);
    expect(response.headers['content-location']).toBeUndefined();
    const negotiated = await request(server.app).get('/osc/doc/output/test-guide').set('Accept', 'application/ld+json');
    expect(negotiated.headers['content-location']).toBe(`${BASE}doc/output/test-guide.jsonld`);
  });

  it('Link headers point under the base', async () => {
    const response = await request(server.app).get('/osc/doc/output/test-guide').set('Accept', 'text/html');
    const links = LinkHeader.parse(response.headers.link as string).refs;
    const ours = links.filter((ref) => ref.rel === 'alternate' || ref.rel === 'describedby' || ref.rel === 'cite-as' || ref.rel === 'author');
    expect(ours.length).toBeGreaterThan(5);
    for (const ref of ours) expect(ref.uri.startsWith(BASE), ref.uri).toBe(true);
    expect(response.headers.link).not.toContain(DEFAULT_HOST);
  });

  it('every link on the pages follows the base (home, a resource, an error page)', async () => {
    for (const [path, status] of [['/osc/', 200], ['/osc', 200], ['/osc/doc/output/test-guide', 200], ['/osc/id/person/nobody', 404]] as const) {
      const response = await request(server.app).get(path).set('Accept', 'text/html');
      expect(response.status, path).toBe(status);
      expect(response.text, path).not.toContain(DEFAULT_HOST);
      const $ = cheerio.load(response.text);
      const hrefs = [...$('a[href]'), ...$('link[href]')].map((element) => $(element).attr('href')!);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) {
        const absolute = href.startsWith('#') ? BASE : href;
        const ours = absolute.startsWith(BASE);
        const elsewhere = !absolute.includes('example.org/osc') && /^https?:\/\//.test(absolute);
        expect(ours || elsewhere, `${path}: ${href}`).toBe(true);
      }
    }
  });

  it('the home page links the SPARQL endpoint and the dumps under the base; the dumps are there', async () => {
    const $ = cheerio.load((await request(server.app).get('/osc/').set('Accept', 'text/html')).text);
    expect($(`main a[href="${BASE}sparql"]`).length).toBe(1);
    for (const extension of ['ttl', 'nt', 'jsonld', 'rdf']) {
      expect($(`main a[href="${BASE}dump.${extension}"]`).length).toBe(1);
      expect((await request(server.app).get(`/osc/dump.${extension}`)).status).toBe(200);
    }
  });

  it('the RDF client at the home page is sent to the catalogue under the base; /health answers', async () => {
    const response = await request(server.app).get('/osc/').set('Accept', 'text/turtle');
    expect(response.headers.location).toBe(`${BASE}doc/catalog.ttl`);
    expect((await request(server.app).get('/osc/health')).body.status).toBe('ok');
  });
});
