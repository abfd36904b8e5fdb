import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Quad } from '@rdfjs/types';
import { SCHEMA } from '../../src/graph/namespaces.js';
import { tripleLines } from '../support/compare-graphs.js';
import { asText, createTestServer, expectedDescription, FIXTURE_DATA, LABEL_PREDICATES, parseRdf, type TestServer } from './linked-data-fixture.js';

// Every IRI the graph mints under /id/ (and the ontology) must dereference:
// 303 to a document that parses and holds the resource's triples. A document
// holds exactly the resource's own triples, its hash parts' triples and the
// labels of what it links to — computed here straight from the graph.

const LABELS = LABEL_PREDICATES;
const FORMATS: readonly [string, string][] = [
  ['ttl', 'text/turtle'],
  ['jsonld', 'application/ld+json'],
  ['nt', 'application/n-triples'],
  ['rdf', 'application/rdf+xml'],
  ['nq', 'application/n-quads'],
  ['trig', 'application/trig'],
];

let server: TestServer;
let all: Quad[];
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
  all = server.graph.store.getQuads(null, null, null, null);
});

/**
 * The resource IRIs the graph mentions anywhere, fragments cut: what a client may dereference.
 * Left out: the output vocab/concepts.ttl names as defining "Open Smart City", which only the
 * real data/ describes (the fixture data has no such output).
 */
function resourceIris(): string[] {
  const iris = new Set<string>();
  for (const quad of all) {
    for (const term of [quad.subject, quad.predicate, quad.object]) {
      if (term.termType !== 'NamedNode') continue;
      const iri = term.value.split('#')[0]!;
      if (iri.startsWith(`${server.base}id/`) || iri === `${server.base}vocab/ontology`) iris.add(iri);
    }
  }
  iris.delete(`${server.base}id/output/open-smart-cities-guide`);
  return [...iris].sort();
}

async function fetchDocument(path: string, accept: string): Promise<{ contentType: string; quads: Quad[] }> {
  const response = await request(server.app).get(path).set('Accept', accept).buffer(true).parse(asText);
  expect(response.status, `${path} as ${accept}`).toBe(200);
  const contentType = response.headers['content-type']!;
  return { contentType, quads: await parseRdf(response.body as string, contentType, server.base) };
}

describe('every resource IRI of the graph', () => {
  it('is a reasonable number of resources, including the catalogue, people and the ontology', () => {
    const iris = resourceIris();
    expect(iris).toContain(`${server.base}id/catalog`);
    expect(iris).toContain(`${server.base}id/person/ada-example`);
    expect(iris).toContain(`${server.base}vocab/ontology`);
    expect(iris.length).toBeGreaterThan(30);
  });

  it('answers 303 to its Turtle document, which holds exactly its description', async () => {
    for (const iri of resourceIris()) {
      const path = new URL(iri).pathname;
      const redirect = await request(server.app).get(path).set('Accept', 'text/turtle');
      expect(redirect.status, iri).toBe(303);
      const location = String(redirect.headers.location);
      const expectedLocation = iri === `${server.base}vocab/ontology` ? `${server.base}doc/vocab/ontology.ttl` : `${iri.replace('/id/', '/doc/')}.ttl`;
      expect(location).toBe(expectedLocation);
      const { quads } = await fetchDocument(new URL(location).pathname, 'text/turtle');
      expect(tripleLines(quads), iri).toEqual(expectedDescription(all, iri));
    }
  });
});

describe('a document', () => {
  const guide = () => `${server.base}id/output/test-guide`;

  it.each(FORMATS)('.%s holds the same description as the graph (%s, parsed back)', async (extension, mediaType) => {
    const { contentType, quads } = await fetchDocument(`/doc/output/test-guide.${extension}`, '*/*');
    expect(contentType).toBe(`${mediaType}; charset=utf-8`);
    expect(tripleLines(quads)).toEqual(expectedDescription(all, guide()));
  });

  it('holds the hash parts (distributions, attributions) of its resource', async () => {
    const { quads } = await fetchDocument('/doc/output/test-guide.nt', '*/*');
    const distribution = `${guide()}#distribution-example-docs`;
    expect(quads.filter((quad) => quad.subject.value === distribution).length).toBeGreaterThan(0);
    expect(quads.some((quad) => quad.subject.value.startsWith(`${guide()}#attribution-`))).toBe(true);
  });

  it('names every resource it links to that has a name in the graph', async () => {
    const { quads } = await fetchDocument('/doc/output/test-guide.ttl', '*/*');
    const authors = quads.filter((quad) => quad.subject.value === guide() && quad.predicate.value === SCHEMA.author.value);
    expect(authors.length).toBeGreaterThan(0);
    for (const author of authors) {
      expect(quads.some((quad) => quad.subject.equals(author.object) && LABELS.includes(quad.predicate.value))).toBe(true);
    }
  });

  it('HEAD gives the headers of GET and no body', async () => {
    const get = await request(server.app).get('/doc/person/ada-example.ttl');
    const head = await request(server.app).head('/doc/person/ada-example.ttl');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.text ?? '').toBe('');
  });
});

describe('unknown IRIs', () => {
  it.each([
    '/id/person/nobody',
    '/id/unicorn/x',
    '/id/',
    '/id/person/ada-example/',
    '/ID/person/ada-example',
    '/doc/person/nobody',
    '/doc/person/nobody.ttl',
    '/doc/',
    '/doc/person/ada-example.ttl.ttl',
    '/vocab/ontology/x',
    '/nothing-here',
  ])('%s is 404 as problem details', async (path) => {
    const response = await request(server.app).get(path).set('Accept', 'text/turtle, application/problem+json');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found', instance: path });
  });
});
