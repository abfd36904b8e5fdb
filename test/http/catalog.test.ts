import { load } from 'cheerio';
import type { Express } from 'express';
import request from 'supertest';
import type { Quad } from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCAT, DCT, FOAF, HYDRA, RDF, SCHEMA } from '../../src/graph/namespaces.js';
import { createApp } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { tripleLines } from '../support/compare-graphs.js';
import { asText, FIXTURE_DATA, parseRdf } from './linked-data-fixture.js';

// /catalog as harvesters and browsers get it: negotiation that never gives
// HTML to `*/*`, HEAD, the formats parsed back with real parsers, stable
// IRIs, Hydra paging with a tiny page
// size, and 400/404 for bad pages. BASE_URL is on another host under a path.

const BASE = 'https://data.example.org/osc/';
const PAGE_SIZE = 3;

let graph: PublishedGraph;
let app: Express;
let paged: Express;
let single: Express;
let datasets: string[];

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
  app = createApp({ graph, baseUrl: BASE, accessLog: () => {} });
  paged = createApp({ graph, baseUrl: BASE, accessLog: () => {}, catalogPageSize: PAGE_SIZE });
  // One dataset a page: an output and its version (dcat:hasVersion) land on different pages.
  single = createApp({ graph, baseUrl: BASE, accessLog: () => {}, catalogPageSize: 1 });
  datasets = graph.store.getObjects(`${BASE}id/catalog`, DCAT.dataset, null).map((term) => term.value).sort();
}, 120_000);

function get(target: Express, path: string, headers: Record<string, string> = {}) {
  const test = request(target).get(path);
  for (const [name, value] of Object.entries(headers)) test.set(name, value);
  return test.buffer(true).parse(asText);
}

async function quadsOf(response: { body: unknown; headers: Record<string, string> }): Promise<Quad[]> {
  return parseRdf(response.body as string, response.headers['content-type']!, BASE);
}

const objects = (quads: readonly Quad[], subject: string, predicate: { value: string }) =>
  quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate.value).map((quad) => quad.object.value);

describe('/catalog negotiation', () => {
  it.each([
    [undefined, 'text/turtle'],
    ['*/*', 'text/turtle'],
    ['text/turtle', 'text/turtle'],
    ['application/ld+json', 'application/ld+json'],
    ['application/rdf+xml', 'application/rdf+xml'],
    ['application/n-triples', 'application/n-triples'],
    ['application/rdf+xml;q=0.5, text/turtle;q=0.9', 'text/turtle'],
    ['text/html', 'text/html'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
  ])('Accept: %s → %s', async (accept, mediaType) => {
    const response = await get(app, '/osc/catalog', accept === undefined ? {} : { Accept: accept });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    expect(response.headers.vary).toMatch(/\bAccept\b/);
    if (mediaType !== 'text/html') expect((await quadsOf(response)).length).toBeGreaterThan(0);
  });

  it.each([
    ['ttl', 'text/turtle'],
    ['jsonld', 'application/ld+json'],
    ['rdf', 'application/rdf+xml'],
    ['nt', 'application/n-triples'],
  ])('/catalog.%s is %s whatever Accept says, and holds the same triples as /catalog', async (extension, mediaType) => {
    const response = await get(app, `/osc/catalog.${extension}`, { Accept: 'text/html' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    const turtle = await get(app, '/osc/catalog');
    // The paging view is named by the URL it was fetched from, extension included.
    const catalogue = (quads: Quad[]) => tripleLines(quads.filter((quad) => !quad.subject.value.startsWith(`${BASE}catalog`)));
    expect(catalogue(await quadsOf(response))).toEqual(catalogue(await quadsOf(turtle)));
  });

  it('a format it does not offer: 404 for the extension, 406 for the Accept header', async () => {
    expect((await get(app, '/osc/catalog.xlsx')).status).toBe(404);
    const response = await get(app, '/osc/catalog', { Accept: 'image/png' });
    expect(response.status).toBe(406);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('HEAD (what CKAN sends first) answers like GET without a body', async () => {
    const head = await request(app).head('/osc/catalog').set('Accept', '*/*');
    const full = await get(app, '/osc/catalog', { Accept: '*/*' });
    expect(head.status).toBe(200);
    for (const header of ['content-type', 'etag', 'last-modified', 'link', 'content-location']) expect(head.headers[header], header).toBe(full.headers[header]);
    expect(head.text ?? '').toBe('');
  });

  it('answers If-None-Match with 304, and each page and filter has its own ETag', async () => {
    const first = await get(app, '/osc/catalog');
    expect((await get(app, '/osc/catalog', { 'If-None-Match': first.headers.etag! })).status).toBe(304);
    const page2 = await get(paged, '/osc/catalog?page=2');
    const filtered = await get(app, '/osc/catalog?modified_since=1970-01-01');
    expect(new Set([first.headers.etag, page2.headers.etag, filtered.headers.etag]).size).toBe(3);
  });

  it('is refused for methods other than GET and HEAD', async () => {
    const response = await request(app).post('/osc/catalog');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('/catalog content', () => {
  let quads: Quad[];
  beforeAll(async () => {
    quads = await quadsOf(await get(app, '/osc/catalog'));
  });

  it('is the dcat:Catalog with title, description, publisher, language and homepage, listing every output with a stable IRI', () => {
    const catalog = `${BASE}id/catalog`;
    expect(objects(quads, catalog, RDF.type)).toEqual(expect.arrayContaining([DCAT.Catalog.value, SCHEMA.DataCatalog.value]));
    for (const predicate of [DCT.title, DCT.description, DCT.publisher, DCT.language, FOAF.homepage]) {
      expect(objects(quads, catalog, predicate), predicate.value).toEqual(graph.store.getObjects(catalog, predicate, null).map((term) => term.value));
    }
    expect(objects(quads, catalog, DCAT.dataset).sort()).toEqual(datasets);
    expect(datasets.length).toBeGreaterThan(PAGE_SIZE);
    for (const dataset of datasets) expect(dataset.startsWith(`${BASE}id/output/`)).toBe(true);
  });

  it('types each dataset explicitly and gives it a title, a DCMI type and distributions with an access or download URL and a format', () => {
    for (const dataset of datasets) {
      expect(objects(quads, dataset, RDF.type), dataset).toContain(DCAT.Dataset.value);
      expect(objects(quads, dataset, DCT.title).length, dataset).toBeGreaterThan(0);
      expect(objects(quads, dataset, DCT.type).every((type) => type.startsWith('http://purl.org/dc/dcmitype/')), dataset).toBe(true);
      const distributions = objects(quads, dataset, DCAT.distribution);
      expect(distributions.length, dataset).toBeGreaterThan(0);
      for (const distribution of distributions) {
        expect(objects(quads, distribution, RDF.type)).toContain(DCAT.Distribution.value);
        expect([...objects(quads, distribution, DCAT.accessURL), ...objects(quads, distribution, DCAT.downloadURL)].length, distribution).toBeGreaterThan(0);
        expect(objects(quads, distribution, DCT.format).length, distribution).toBeGreaterThan(0);
      }
    }
  });

  it('holds every triple the graph has about each dataset and its record', () => {
    const lines = new Set(tripleLines(quads));
    for (const dataset of datasets) {
      const own = graph.store.getQuads(null, null, null, null).filter((quad) => quad.subject.value === dataset || quad.subject.value.startsWith(`${dataset}#`));
      const records = graph.store.getSubjects(FOAF.primaryTopic, dataset, null).flatMap((record) => graph.store.getQuads(record, null, null, null));
      for (const line of tripleLines([...own, ...records])) expect(lines.has(line), line).toBe(true);
    }
  });

  it('types and names every resource it links to, so no harvester has to dereference', () => {
    const subjects = new Set(quads.map((quad) => quad.subject.value));
    for (const quad of quads) {
      if (quad.object.termType !== 'NamedNode' || quad.predicate.equals(RDF.type)) continue;
      const linked = quad.object.value;
      // Landing pages and access URLs are web pages elsewhere, and the graph says nothing more about them.
      if (graph.store.countQuads(linked, null, null, null) === 0) continue;
      expect(subjects.has(linked), `${quad.predicate.value} ${linked}`).toBe(true);
      expect(objects(quads, linked, RDF.type).length, linked).toBeGreaterThan(0);
    }
  });

  it('JSON-LD carries its context inline and reads as a schema:DataCatalog', async () => {
    const response = await get(app, '/osc/catalog', { Accept: 'application/ld+json' });
    const document = JSON.parse(response.body as string) as Record<string, unknown>;
    const contexts = [document['@context']].flat();
    expect(contexts.length).toBeGreaterThan(0);
    for (const context of contexts) expect(typeof context).toBe('object');
    // parseRdf's JSON-LD loader refuses every remote document, so this only parses if nothing is fetched.
    const parsed = await quadsOf(response);
    expect(objects(parsed, `${BASE}id/catalog`, RDF.type)).toContain(SCHEMA.DataCatalog.value);
    expect(objects(parsed, `${BASE}id/catalog`, SCHEMA.name).length).toBeGreaterThan(0);
    expect(objects(parsed, `${BASE}id/catalog`, SCHEMA.hasPart).sort()).toEqual(datasets);
  });

  it('browsers get an HTML page linking every dataset, with the catalogue embedded as schema.org DataCatalog', async () => {
    const response = await get(app, '/osc/catalog', { Accept: 'text/html' });
    const $ = load(response.body as string);
    const hrefs = $('main a').map((_, element) => $(element).attr('href')).get();
    for (const dataset of datasets) expect(hrefs).toContain(dataset.replace(`${BASE}id/`, `${BASE}doc/`));
    const embedded = JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>;
    expect(embedded['@id']).toBe(`${BASE}id/catalog`);
    expect([embedded['@type']].flat()).toContain('DataCatalog');
  });
});

describe('paging (Hydra)', () => {
  const pagedBy3 = () => paged;
  const pageOf = (url: string) => Number(new URL(url).searchParams.get('page'));

  it.each([PAGE_SIZE, 1])('following hydra:next from /catalog paged by %i visits every dataset exactly once, always forward, with absolute BASE_URL links', async (PAGE_SIZE) => {
    const paged = PAGE_SIZE === 1 ? single : pagedBy3();
    const seen: string[] = [];
    const pages: string[] = [];
    let url: string | undefined = `${BASE}catalog`;
    while (url) {
      expect(url.startsWith(`${BASE}catalog`), url).toBe(true);
      // The request comes in on an internal host: links must still be built from BASE_URL.
      const response = await get(paged, new URL(url).pathname + new URL(url).search, { Accept: '*/*', Host: 'internal.local:8080' });
      expect(response.status, url).toBe(200);
      const quads = await quadsOf(response);
      expect(quads.every((quad) => !quad.object.value.includes('internal.local'))).toBe(true);
      const views = quads.filter((quad) => quad.predicate.equals(RDF.type) && quad.object.equals(HYDRA.PartialCollectionView)).map((quad) => quad.subject.value);
      expect(views).toHaveLength(1);
      const view = views[0]!;
      expect(objects(quads, view, RDF.type)).toContain(HYDRA.PagedCollection.value);
      expect(objects(quads, view, HYDRA.first)).toEqual([`${BASE}catalog?page=1`]);
      const last = Math.ceil(datasets.length / PAGE_SIZE);
      expect(objects(quads, view, HYDRA.last)).toEqual([`${BASE}catalog?page=${last}`]);
      expect(objects(quads, view, HYDRA.totalItems)).toEqual([String(datasets.length)]);
      expect(objects(quads, `${BASE}catalog`, HYDRA.totalItems)).toEqual([String(datasets.length)]);
      expect(objects(quads, `${BASE}catalog`, HYDRA.view)).toEqual([view]);
      expect(objects(quads, view, HYDRA.itemsPerPage)).toEqual([String(PAGE_SIZE)]);
      expect(quads.some((quad) => quad.predicate.value === `${HYDRA.iri}previous`)).toBe(false);
      const onPage = quads.filter((quad) => quad.predicate.equals(RDF.type) && quad.object.equals(DCAT.Dataset));
      // Harvesters import every dcat:Dataset of a page: only the ones this page lists and describes in full are typed so.
      expect(onPage.map((quad) => quad.subject.value).sort()).toEqual(objects(quads, `${BASE}id/catalog`, DCAT.dataset).sort());
      expect(onPage.length).toBeLessThanOrEqual(PAGE_SIZE);
      seen.push(...onPage.map((quad) => quad.subject.value));
      pages.push(view);
      const next: string | undefined = objects(quads, view, HYDRA.next)[0];
      if (next) expect(pageOf(next)).toBe(pageOf(view) + 1);
      expect(response.headers.link).toContain(`<${BASE}catalog?page=1>; rel=first`);
      if (next) expect(response.headers.link).toContain(`<${next}>; rel=next`);
      url = next;
    }
    expect(pages).toHaveLength(Math.ceil(datasets.length / PAGE_SIZE));
    expect(seen.sort()).toEqual(datasets);
  });

  it('a page links only the datasets and records it carries', async () => {
    const quads = await quadsOf(await get(paged, '/osc/catalog?page=2'));
    const listed = objects(quads, `${BASE}id/catalog`, DCAT.dataset);
    expect(listed).toHaveLength(PAGE_SIZE);
    expect(listed.sort()).toEqual(datasets.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    const topics = objects(quads, `${BASE}id/catalog`, DCAT.record).flatMap((record) => objects(quads, record, FOAF.primaryTopic));
    expect(topics.sort()).toEqual(listed.sort());
  });

  it('keeps the format of an extension URL in its links', async () => {
    const quads = await quadsOf(await get(paged, '/osc/catalog.rdf?page=1'));
    expect(objects(quads, `${BASE}catalog.rdf?page=1`, HYDRA.next)).toEqual([`${BASE}catalog.rdf?page=2`]);
  });

  it('a page past the last is 404; a page that is not a positive integer is 400', async () => {
    const last = Math.ceil(datasets.length / PAGE_SIZE);
    expect((await get(paged, `/osc/catalog?page=${last}`)).status).toBe(200);
    expect((await get(paged, `/osc/catalog?page=${last + 1}`)).status).toBe(404);
    expect((await get(app, '/osc/catalog?page=2')).status).toBe(404);
    for (const page of ['0', '-1', 'two', '1.5', '1e2', '']) {
      const response = await get(paged, `/osc/catalog?page=${encodeURIComponent(page)}`);
      expect(response.status, page).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body as string).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    expect((await get(paged, '/osc/catalog?page=1&page=2')).status).toBe(400);
  });

  it('fits on one page at the default page size', async () => {
    const quads = await quadsOf(await get(app, '/osc/catalog'));
    const view = `${BASE}catalog?page=1`;
    expect(objects(quads, view, HYDRA.last)).toEqual([view]);
    expect(objects(quads, view, HYDRA.next)).toEqual([]);
  });
});
