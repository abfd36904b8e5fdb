import { load } from 'cheerio';
import type { Express } from 'express';
import request from 'supertest';
import type { Quad } from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { DCAT, DCT, FOAF, RDF, SCHEMA, VOID } from '../../src/graph/namespaces.js';
import { createApp } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { tripleLines } from '../support/compare-graphs.js';
import { runEngineFor } from '../support/run-engine.js';
import { asText, FIXTURE_DATA, parseRdf } from './linked-data-fixture.js';

// Discovery: VoID at /void and /.well-known/void with figures checked
// against the built graph, the sitemap listing every document (each of which
// answers), robots.txt allowing every crawler, and the home
// page pointing at the catalogue. BASE_URL is on another host under a path.

const BASE = 'https://lod.example.com/guide/';
const PATH = new URL(BASE).pathname;

let graph: PublishedGraph;
let app: Express;
let all: Quad[];

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
  app = createApp({ graph, baseUrl: BASE, accessLog: () => {}, sparql: { engine: runEngineFor(graph) } });
  all = graph.store.getQuads(null, null, null, null);
}, 120_000);

function get(path: string, headers: Record<string, string> = {}) {
  const test = request(app).get(path);
  for (const [name, value] of Object.entries(headers)) test.set(name, value);
  return test.buffer(true).parse(asText);
}

/** The path under the app of a public URL. */
const local = (url: string) => {
  expect(url.startsWith(BASE), url).toBe(true);
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

const values = (quads: readonly Quad[], subject: string, predicate: { value: string }) =>
  quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate.value).map((quad) => quad.object.value);

describe('VoID', () => {
  const DATASET = `${BASE}void#dataset`;
  let quads: Quad[];
  beforeAll(async () => {
    const response = await get(`${PATH}void`);
    expect(response.headers['content-type']).toBe('text/turtle; charset=utf-8');
    quads = await parseRdf(response.body as string, response.headers['content-type']!, BASE);
  });

  it('/.well-known/void and every format of /void say the same', async () => {
    for (const [path, accept] of [[`${PATH}.well-known/void`, '*/*'], [`${PATH}void`, 'application/ld+json'], [`${PATH}void.rdf`, '*/*'], [`${PATH}void.nt`, '*/*']] as const) {
      const response = await get(path, { Accept: accept });
      expect(response.status, path).toBe(200);
      expect(tripleLines(await parseRdf(response.body as string, response.headers['content-type']!, BASE)), path).toEqual(tripleLines(quads));
    }
  });

  it('counts the triples, entities, subjects, objects, classes and properties of the built graph', () => {
    expect(values(quads, DATASET, RDF.type)).toContain(VOID.Dataset.value);
    const count = (predicate: { value: string }) => Number(values(quads, DATASET, predicate)[0]);
    expect(count(VOID.triples)).toBe(graph.manifest.tripleCount);
    expect(count(VOID.triples)).toBe(all.length);
    const distinct = (terms: string[]) => new Set(terms).size;
    expect(count(VOID.distinctSubjects)).toBe(distinct(all.map((quad) => `${quad.subject.termType}${quad.subject.value}`)));
    expect(count(VOID.distinctObjects)).toBe(distinct(all.map((quad) => tripleLines([quad])[0]!.replace(/^<[^>]*> <[^>]*> /, ''))));
    expect(count(VOID.entities)).toBe(distinct(all.filter((quad) => quad.subject.termType === 'NamedNode' && quad.subject.value.startsWith(BASE)).map((quad) => quad.subject.value)));
    const classes = new Set(all.filter((quad) => quad.predicate.equals(RDF.type)).map((quad) => quad.object.value));
    const properties = new Set(all.map((quad) => quad.predicate.value));
    expect(count(VOID.classes)).toBe(classes.size);
    expect(count(VOID.properties)).toBe(properties.size);
    const partitions = values(quads, DATASET, VOID.classPartition);
    expect(new Set(partitions.flatMap((partition) => values(quads, partition, VOID.class)))).toEqual(classes);
    for (const partition of partitions) {
      const type = values(quads, partition, VOID.class)[0]!;
      expect(Number(values(quads, partition, VOID.entities)[0]), type).toBe(all.filter((quad) => quad.predicate.equals(RDF.type) && quad.object.value === type).length);
    }
    const propertyPartitions = values(quads, DATASET, VOID.propertyPartition);
    expect(new Set(propertyPartitions.flatMap((partition) => values(quads, partition, VOID.property)))).toEqual(properties);
    for (const partition of propertyPartitions) {
      const property = values(quads, partition, VOID.property)[0]!;
      expect(Number(values(quads, partition, VOID.triples)[0]), property).toBe(all.filter((quad) => quad.predicate.value === property).length);
    }
  });

  it('names the vocabularies used, the dumps, the SPARQL endpoint, the root and example resources, all of which answer', async () => {
    const vocabularies = values(quads, DATASET, VOID.vocabulary);
    for (const namespace of [DCAT.iri, DCT.iri, FOAF.iri, SCHEMA.iri]) expect(vocabularies).toContain(namespace);
    for (const vocabulary of vocabularies) expect([...all].some((quad) => quad.predicate.value.startsWith(vocabulary) || quad.object.value.startsWith(vocabulary)), vocabulary).toBe(true);
    expect(values(quads, DATASET, VOID.sparqlEndpoint)).toEqual([`${BASE}sparql`]);
    expect(values(quads, DATASET, VOID.uriSpace)).toEqual([BASE]);
    expect(values(quads, DATASET, VOID.rootResource)).toEqual([`${BASE}id/catalog`]);
    const dumps = values(quads, DATASET, VOID.dataDump);
    expect(dumps.length).toBeGreaterThanOrEqual(4);
    for (const dump of dumps) {
      const response = await get(local(dump), { Accept: '*/*' });
      expect(response.status, dump).toBe(200);
      expect(tripleLines(await parseRdf(response.body as string, response.headers['content-type']!, BASE)).length, dump).toBe(all.length);
    }
    const examples = values(quads, DATASET, VOID.exampleResource);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect((await get(local(example), { Accept: 'text/turtle' })).status, example).toBe(303);
    expect((await get(`${PATH}sparql`, { Accept: 'text/turtle' })).status).toBe(200);
  });
});

describe('sitemap.xml', () => {
  let locs: string[];
  beforeAll(async () => {
    const response = await get(`${PATH}sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    const $ = load(response.body as string, { xml: true });
    expect($('urlset').attr('xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    locs = $('urlset > url > loc').map((_, element) => $(element).text()).get();
  });

  it('lists the home page, the catalogue and the document of every resource the graph describes, once each, under BASE_URL', () => {
    const iris = new IriScheme(BASE);
    const documents = new Set<string>();
    for (const quad of all) {
      const document = quad.subject.termType === 'NamedNode' ? iris.documentOf(quad.subject.value) : undefined;
      if (document) documents.add(document);
    }
    expect(documents.size).toBeGreaterThan(20);
    expect(new Set(locs).size).toBe(locs.length);
    expect(new Set(locs)).toEqual(new Set([BASE, `${BASE}catalog`, ...documents]));
  });

  it('every URL it lists answers 200 with an HTML page for a browser, and nothing asks not to be indexed', async () => {
    for (const loc of locs) {
      const response = await get(local(loc), { Accept: 'text/html' });
      expect(response.status, loc).toBe(200);
      expect(response.headers['content-type'], loc).toMatch(/^text\/html/);
      expect(response.headers['x-robots-tag'], loc).toBeUndefined();
      const robots = load(response.body as string)('meta[name="robots"], meta[name="googlebot"]').attr('content') ?? '';
      expect(robots, loc).not.toMatch(/noindex|nofollow|none/i);
    }
  });

  it('dates each output with its catalogue record (or its own dct:modified, if later)', async () => {
    const $ = load((await get(`${PATH}sitemap.xml`)).body as string, { xml: true });
    const lastmods = new Map($('urlset > url').toArray().map((url) => [$(url).find('loc').text(), $(url).find('lastmod').text()] as const));
    // The dates the graph gives each output, read from its triples.
    const iris = new IriScheme(BASE);
    const expected = new Map<string, string>();
    for (const dataset of values(all, `${BASE}id/catalog`, DCAT.dataset)) {
      const records = all.filter((quad) => quad.predicate.value === FOAF.primaryTopic.value && quad.object.value === dataset).map((quad) => quad.subject.value);
      const dates = [dataset, ...records].flatMap((subject) => values(all, subject, DCT.modified)).map((date) => Date.parse(date));
      if (dates.length > 0) expected.set(iris.documentOf(dataset)!, new Date(Math.max(...dates)).toISOString());
    }
    expect(expected.size, 'outputs with a date in the graph').toBeGreaterThan(0);
    const outputs = new Set(values(all, `${BASE}id/catalog`, DCAT.dataset).map((dataset) => iris.documentOf(dataset)!));
    for (const [loc, lastmod] of lastmods) {
      if (outputs.has(loc)) expect(lastmod, loc).toBe(expected.get(loc) ?? '');
      else if (lastmod) expect(new Date(lastmod).toISOString(), loc).toBe(lastmod);
    }
  });
});

describe('robots.txt', () => {
  // Python's own robots.txt parser reads it in test/clients/robots-txt.test.ts (`npm run test:interop`).
  it('allows everything to every crawler and names the sitemap', async () => {
    const response = await get(`${PATH}robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = (response.body as string).split('\n').map((line) => line.trim());
    expect(lines).toContain('User-agent: *');
    expect(lines.filter((line) => /^disallow:\s*\S/i.test(line))).toEqual([]);
    expect(lines).toContain(`Sitemap: ${BASE}sitemap.xml`);
  });
});

describe('home page', () => {
  it('points harvesters at the paged catalogue (Link header and <link rel="alternate">) and at the VoID description', async () => {
    const response = await get(PATH, { Accept: 'text/html' });
    expect(response.status).toBe(200);
    const link = response.headers.link ?? '';
    expect(link).toContain(`<${BASE}catalog>; rel=alternate; type="text/turtle"`);
    expect(link).toContain(`<${BASE}catalog.jsonld>; rel=alternate; type="application/ld+json"`);
    expect(link).toContain(`<${BASE}void>; rel=describedby`);
    const $ = load(response.body as string);
    expect($(`head link[rel="alternate"][href="${BASE}catalog"]`).attr('type')).toBe('text/turtle');
    for (const target of link.matchAll(/<([^>]+)>/g)) expect((await get(local(target[1]!), { Accept: '*/*' })).status, target[1]).toBe(200);
    // RDF clients asking for / are sent to the catalogue's description, with the same links.
    const rdf = await get(PATH, { Accept: 'text/turtle' });
    expect(rdf.status).toBe(303);
    expect(rdf.headers.link).toBe(link);
  });
});
