import jsonld from 'jsonld';
import { DataFactory, Parser, Store } from 'n3';
import request from 'supertest';
import type { Quad } from '@rdfjs/types';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { ReleaseHistory } from '../../src/history/release-history.js';
import { FIXTURE_DATES } from '../support/fixture-history.js';
import { createHistoryServer, type HistoryServer } from '../support/history-server.js';
import { asText, parseRdf } from './linked-data-fixture.js';

// The change stream over HTTP, on the fixture history (40 changes in four releases) with pages of
// six members: six closed pages and four members on the root.

const BASE = 'http://localhost:3000/';
const TREE = 'https://w3id.org/tree#';
const LDES = 'https://w3id.org/ldes#';

let server: HistoryServer;
beforeAll(async () => {
  server = await createHistoryServer({ changesPageSize: 6 });
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string, accept?: string) => {
  const call = request(server.app).get(path).buffer(true).parse(asText);
  return accept === undefined ? call : call.set('Accept', accept);
};

/** Parses a stream page in any of its formats into quads (JSON-LD through jsonld.js, keeping named graphs). */
async function quadsOf(response: request.Response): Promise<Quad[]> {
  const type = String(response.headers['content-type']);
  if (!type.startsWith('application/ld+json')) return parseRdf(response.body as string, type, BASE);
  const nquads = (await jsonld.toRDF(JSON.parse(response.body as string), { format: 'application/n-quads' } as never)) as unknown as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

/** Every page URL of the stream, the root first, following each page's relation to the one before it. */
async function walk(): Promise<{ url: string; quads: Quad[] }[]> {
  const pages: { url: string; quads: Quad[] }[] = [];
  let url: string | undefined = `${BASE}changes`;
  while (url) {
    const response = await get(new URL(url).pathname);
    expect(response.status, url).toBe(200);
    const quads = await quadsOf(response);
    pages.push({ url, quads });
    const relation = quads.find((quad) => quad.subject.value === url && quad.predicate.value === `${TREE}relation`)?.object.value;
    url = relation ? quads.find((quad) => quad.subject.value === relation && quad.predicate.value === `${TREE}node`)?.object.value : undefined;
  }
  return pages;
}

const membersOf = (quads: readonly Quad[]) => quads.filter((quad) => quad.predicate.value === `${TREE}member`).map((quad) => quad.object.value);

describe('/changes and its pages', () => {
  it('links the root to every closed page, newest first, each holding six members; all together every change once', async () => {
    const pages = await walk();
    expect(pages).toHaveLength(7);
    expect(pages.map((page) => membersOf(page.quads).length)).toEqual([4, 6, 6, 6, 6, 6, 6]);
    const all = pages.flatMap((page) => membersOf(page.quads));
    expect(new Set(all).size).toBe(40);
    expect(all).toContain(`${BASE}history/output/test-faq#change-20240401164500`);
    const root = pages[0]!.quads;
    expect(root.some((quad) => quad.subject.value === `${BASE}changes#stream` && quad.predicate.value === `${TREE}view` && quad.object.value === `${BASE}changes`)).toBe(true);
    expect(root.find((quad) => quad.predicate.value === `${LDES}timestampPath`)?.object.value).toBe('https://www.w3.org/ns/activitystreams#published');
  });

  it.each([
    ['no Accept: TriG, which DCAT-AP Feeds names', undefined, 'application/trig'],
    ['*/*', '*/*', 'application/trig'],
    ['application/trig', 'application/trig', 'application/trig'],
    ['application/ld+json', 'application/ld+json', 'application/ld+json'],
    ['application/n-quads', 'application/n-quads', 'application/n-quads'],
    ['what the ldes-client sends', 'application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,text/turtle;q=0.6', 'application/n-quads'],
    ['a JSON-LD profile', 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', 'application/ld+json'],
  ])('negotiates %s', async (_case, accept, type) => {
    const response = await get('/changes', accept);
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type']).split(';')[0]).toBe(type);
    expect(response.headers.vary).toMatch(/Accept/);
  });

  it('says the same in every format, named graphs included', async () => {
    const [trig, json, nquads] = (await Promise.all(['application/trig', 'application/ld+json', 'application/n-quads'].map(async (accept) => quadsOf(await get('/changes', accept))))) as [Quad[], Quad[], Quad[]];
    expect(trig.some((quad) => quad.graph.termType === 'NamedNode')).toBe(true);
    expect(isomorphic(json, trig)).toBe(true);
    expect(isomorphic(nquads, trig)).toBe(true);
  });

  it.each([
    ['Turtle, which cannot hold the named graphs', 'text/turtle'],
    ['HTML (people read "what\'s new")', 'text/html'],
    ['N-Triples', 'application/n-triples'],
  ])('answers 406 for %s, naming the formats it has', async (_case, accept) => {
    const response = await get('/changes', accept);
    expect(response.status).toBe(406);
    expect(response.body).toMatch(/application\/trig/);
  });

  it('lets the root be cached a minute and revalidated, and links "what\'s new"', async () => {
    const response = await get('/changes');
    expect(response.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(response.headers.etag).toMatch(/^W\//);
    expect(response.headers['last-modified']).toBe(new Date(FIXTURE_DATES.removed).toUTCString());
    expect(response.headers.link).toContain(`<${BASE}whats-new>; rel=alternate; type="text/html"`);
    expect((await get('/changes').set('If-None-Match', response.headers.etag!)).status).toBe(304);
  });

  it('serves a closed page as immutable, with a strong ETag per format and content-coding', async () => {
    const [, page] = await walk();
    const path = new URL(page!.url).pathname;
    const trig = await get(path, 'application/trig');
    expect(trig.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(trig.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const nquads = await get(path, 'application/n-quads');
    const plain = await get(path, 'application/trig').set('Accept-Encoding', 'identity');
    expect(new Set([trig.headers.etag, nquads.headers.etag, plain.headers.etag]).size).toBe(3);
    expect((await get(path, 'application/trig').set('If-None-Match', trig.headers.etag!)).status).toBe(304);
  });

  it.each([
    ['a page id that is none', '/changes/20240110100000-0000000000000000', 404, /has no page/],
    ['a path below a page', '/changes/a/b', 404, undefined],
  ])('answers %s with %i', async (_case, path, status, message) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    if (message) expect(response.body).toMatch(message);
  });

  it('refuses to be written to', async () => {
    const response = await request(server.app).post('/changes').send('x');
    expect(response.status).toBe(405);
  });
});

describe('under a BASE_URL with a path', () => {
  it('serves the stream, its pages, "what\'s new" and the history pages under that path, every link absolute under it', async () => {
    const base = 'https://data.example.org/osc/';
    const behind = await createHistoryServer({ baseUrl: base, changesPageSize: 30 });
    try {
      const root = await request(behind.app).get('/osc/changes').set('Accept', 'application/n-quads').buffer(true).parse(asText);
      expect(root.status).toBe(200);
      const quads = new Parser({ format: 'application/n-quads' }).parse(root.body as string);
      const page = quads.find((quad) => quad.predicate.value === `${TREE}node`)!.object.value;
      expect(page.startsWith(`${base}changes/`)).toBe(true);
      expect((await request(behind.app).get(new URL(page).pathname)).status).toBe(200);
      expect(quads.filter((quad) => quad.predicate.value === `${TREE}member`).every((quad) => quad.object.value.startsWith(`${base}history/`))).toBe(true);
      const history = await request(behind.app).get('/osc/history/output/test-report').set('Accept', 'text/html');
      expect(history.status).toBe(200);
      expect(history.text).toContain(`href="${base}whats-new#release-`);
      expect((await request(behind.app).get('/osc/whats-new').set('Accept', 'text/html')).status).toBe(200);
      expect((await request(behind.app).get('/changes')).status).toBe(404);
    } finally {
      await behind.close();
    }
  });
});

describe('where the stream is announced', () => {
  it('VoID names the stream, derived from the dataset it describes, and its view', async () => {
    const quads = new Store(await quadsOf(await get('/void', 'application/n-triples')));
    const stream = DataFactory.namedNode(`${BASE}changes#stream`);
    expect(quads.countQuads(stream, DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), DataFactory.namedNode(`${LDES}EventStream`), null)).toBe(1);
    expect(quads.getObjects(stream, DataFactory.namedNode(`${TREE}view`), null).map((term) => term.value)).toEqual([`${BASE}changes`]);
    expect(quads.getObjects(stream, DataFactory.namedNode('http://www.w3.org/ns/prov#wasDerivedFrom'), null).map((term) => term.value)).toEqual([`${BASE}void#dataset`]);
  });

  it('the home page links "what\'s new" and the stream; the sitemap lists "what\'s new"', async () => {
    const home = await get('/', 'text/html');
    expect(home.body).toContain(`<a href="${BASE}whats-new">What’s new</a>`);
    expect(home.body).toContain(`<a href="${BASE}changes" type="application/trig">Change stream (LDES)</a>`);
    expect((await get('/sitemap.xml')).body).toContain(`<loc>${BASE}whats-new</loc>`);
  });

  it('a server without releases has no stream, says why, and announces none', async () => {
    const app = createApp({ graph: server.graph, baseUrl: BASE, history: ReleaseHistory.none('HISTORY=off'), accessLog: () => undefined, log: () => undefined });
    const response = await request(app).get('/changes').buffer(true).parse(asText);
    expect(response.status).toBe(404);
    expect(response.body).toMatch(/no releases \(HISTORY=off\)/);
    const home = await request(app).get('/').set('Accept', 'text/html');
    expect(home.text).not.toContain('whats-new');
    expect((await request(app).get('/void').set('Accept', 'application/n-triples')).text).not.toContain('changes#stream');
  });
});
