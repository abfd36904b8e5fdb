import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCAT } from '../../src/graph/namespaces.js';
import { JSON_LD_PROFILES } from '../../src/graph/rdf-formats.js';
import { withoutMalformedWeights } from '../../src/http/accept-header.js';
import { CITATION_REPRESENTATIONS, ofType, REPRESENTATIONS, type Representation } from '../../src/http/representations.js';
import { asText, createTestServer, FIXTURE_DATA, parseRdf, type TestServer } from './linked-data-fixture.js';
import { tripleLines } from '../support/compare-graphs.js';

// Content negotiation as a table: each Accept header, the representation it
// must get. The 303 from the resource IRI names the document by extension;
// the document itself answers with that media type.

const RAPPER_ACCEPT =
  'application/rdf+xml, text/rdf;q=0.6, application/n-triples, text/plain;q=0.1, text/turtle, application/x-turtle, application/turtle, text/n3;q=0.3, text/rdf+n3;q=0.3, application/rdf+n3;q=0.3, application/x-trig, application/rss;q=0.8, application/rss+xml;q=0.8, text/rss;q=0.8, application/xml;q=0.3, text/xml;q=0.3, application/atom+xml;q=0.3, text/html;q=0.2, application/xhtml+xml;q=0.4, text/html;q=0.6, application/xhtml+xml;q=0.8, application/json;q=0.1, text/json;q=0.1, text/x-nquads, */*;q=0.1';
const RDFLIB_ACCEPT = 'application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1';
const FIREFOX_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const MEDIA_TYPES: Record<string, string> = {
  ttl: 'text/turtle',
  jsonld: 'application/ld+json',
  nt: 'application/n-triples',
  rdf: 'application/rdf+xml',
  nq: 'application/n-quads',
  trig: 'application/trig',
  html: 'text/html',
};

/** [Accept header (undefined: none sent), the extension of the representation it must get]. */
const NEGOTIATION_CASES: readonly [string | undefined, string][] = [
  ['text/turtle', 'ttl'],
  ['application/ld+json', 'jsonld'],
  ['application/n-triples', 'nt'],
  ['application/rdf+xml', 'rdf'],
  ['application/n-quads', 'nq'],
  ['application/trig', 'trig'],
  ['text/html', 'html'],
  [FIREFOX_ACCEPT, 'html'],
  ['*/*', 'html'],
  [undefined, 'html'],
  ['text/turtle;q=0.5, application/rdf+xml', 'rdf'],
  ['application/rdf+xml;q=0.2, text/turtle;q=0.9, */*;q=0.1', 'ttl'],
  ['text/*;q=0.9, text/html;q=0.1', 'ttl'],
  ['text/html;q=0, */*', 'ttl'],
  ['application/*', 'jsonld'],
  ['application/n-triples;q=1.0, text/turtle;q=0.999', 'nt'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.expanded}"`, 'jsonld'],
  [RAPPER_ACCEPT, 'rdf'],
  [RDFLIB_ACCEPT, 'rdf'],
];

const NOT_ACCEPTABLE: readonly string[] = ['image/png', 'application/pdf, text/csv;q=0.5', 'text/html;q=0, application/ld+json;q=0, text/turtle;q=0, application/n-triples;q=0, application/rdf+xml;q=0, application/n-quads;q=0, application/trig;q=0'];

let server: TestServer;
const person = () => `${server.base}id/person/ada-example`;
const personDocument = () => `${server.base}doc/person/ada-example`;

beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
});

function get(path: string, accept: string | undefined) {
  const call = request(server.app).get(path);
  return accept === undefined ? call : call.set('Accept', accept);
}

describe('a resource IRI', () => {
  it.each(NEGOTIATION_CASES)('Accept: %s → 303 to the .%s document', async (accept, extension) => {
    const response = await get('/id/person/ada-example', accept);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${personDocument()}.${extension}`);
    expect(response.headers.vary).toMatch(/\bAccept\b/);
  });

  it.each(NOT_ACCEPTABLE)('Accept: %s → 406 listing what is on offer', async (accept) => {
    const response = await get('/id/person/ada-example', accept);
    expect(response.status).toBe(406);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect([...response.body.available].sort()).toEqual(Object.values(MEDIA_TYPES).sort());
  });

  it('?format= names the document directly, whatever Accept says', async () => {
    const response = await get('/id/person/ada-example?format=turtle', 'text/html');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${personDocument()}.ttl`);
  });
});

describe('a document without extension', () => {
  it.each(NEGOTIATION_CASES)('Accept: %s → 200 in the .%s format, with Content-Location', async (accept, extension) => {
    const response = await get('/doc/person/ada-example', accept).buffer(true).parse(asText);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(new RegExp(`^${escapeRegExp(MEDIA_TYPES[extension]!)}(;|$)`));
    expect(response.headers['content-type']).toMatch(/charset=utf-8/);
    expect(response.headers['content-location']).toBe(`${personDocument()}.${extension}`);
    expect(response.headers.vary).toMatch(/\bAccept\b/);
    if (extension !== 'html') {
      const quads = await parseRdf(response.body as string, response.headers['content-type']!, personDocument());
      expect(quads.some((quad) => quad.subject.value === person())).toBe(true);
    }
  });

  it('Accept: text/plain, */*;q=0.1 (rdflib 6 asking for N-Triples) → N-Triples, sent as text/plain', async () => {
    const accept = 'text/plain, */*;q=0.1';
    const redirect = await get('/id/person/ada-example', accept);
    expect(redirect.headers.location).toBe(`${personDocument()}.nt`);
    const response = await get('/doc/person/ada-example', accept);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    const quads = await parseRdf(response.text, 'application/n-triples', personDocument());
    expect(quads.some((quad) => quad.subject.value === person())).toBe(true);
    // The .nt URL itself always names the registered type.
    expect((await get('/doc/person/ada-example.nt', accept)).headers['content-type']).toBe('application/n-triples; charset=utf-8');
  });

  it.each(NOT_ACCEPTABLE)('Accept: %s → 406', async (accept) => {
    const response = await get('/doc/person/ada-example', accept);
    expect(response.status).toBe(406);
    expect(response.body.detail).toContain('text/turtle');
  });
});

describe('a document URL with an extension', () => {
  it.each(Object.entries(MEDIA_TYPES))('.%s is %s whatever Accept says', async (extension, mediaType) => {
    const response = await get(`/doc/person/ada-example.${extension}`, extension === 'html' ? 'text/turtle' : 'text/html').buffer(true).parse(asText);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    expect(response.headers['content-location']).toBeUndefined();
  });

  it('an unknown extension is not a document: 404', async () => {
    const response = await get('/doc/person/ada-example.exe', 'text/turtle');
    expect(response.status).toBe(404);
  });

  it('?format= with an unknown format is a bad request that lists the formats', async () => {
    const response = await get('/doc/person/ada-example?format=docx', 'text/turtle');
    expect(response.status).toBe(400);
    expect(response.body.formats).toContain('turtle');
  });
});

/** [Accept, the JSON-LD document form that must come back]. */
const PROFILE_CASES: readonly [string, 'compacted' | 'expanded' | 'flattened'][] = [
  ['application/ld+json', 'compacted'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.compacted}"`, 'compacted'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.expanded}"`, 'expanded'],
  [`application/ld+json;profile=${JSON_LD_PROFILES.expanded}`, 'expanded'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.flattened}"`, 'flattened'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.flattened} ${JSON_LD_PROFILES.compacted}"`, 'flattened'],
  [`text/turtle;q=0.5, application/ld+json;profile="${JSON_LD_PROFILES.expanded}"`, 'expanded'],
];

describe('JSON-LD profiles', () => {
  let turtle: string[];
  beforeAll(async () => {
    const response = await get('/doc/output/test-guide.ttl', undefined).buffer(true).parse(asText);
    turtle = tripleLines(await parseRdf(response.body as string, 'text/turtle', server.base));
  });

  it.each(PROFILE_CASES)('Accept: %s → %s, holding the same triples as the Turtle', async (accept, form) => {
    for (const path of ['/doc/output/test-guide', '/doc/output/test-guide.jsonld']) {
      const response = await get(path, accept).buffer(true).parse(asText);
      expect(response.status).toBe(200);
      expect(response.headers.vary).toMatch(/\bAccept\b/);
      const contentType = response.headers['content-type']!;
      expect(contentType).toMatch(/^application\/ld\+json/);
      if (accept.includes('profile')) expect(contentType).toContain(`profile="${JSON_LD_PROFILES[form]}"`);
      else expect(contentType).not.toContain('profile');
      expectJsonLdForm(JSON.parse(response.body as string), form, server.graph.manifest.prefixes);
      expect(tripleLines(await parseRdf(response.body as string, contentType, server.base))).toEqual(turtle);
    }
  });

  it('the compacted form uses the project context (its prefixes)', async () => {
    const response = await get('/doc/output/test-guide.jsonld', undefined);
    const document = JSON.parse(response.text);
    expect(document['@context']).toEqual(server.graph.manifest.prefixes);
  });
});

/** A format only outputs (DCAT datasets) offer, added the way a real one would be: one entry in the table. */
const TEST_REPRESENTATION: Representation = {
  key: 'test',
  mediaType: 'text/x-test',
  contentType: 'text/x-test; charset=utf-8',
  extension: 'test',
  label: 'Test format',
  offeredBy: ofType(DCAT.Dataset.value),
  produce: async ({ description }) => `test ${description.iri} ${description.own.length}\n`,
};

/**
 * [path, Accept (undefined: none), status, what must come back: the Location
 * of a 303, the media type of a 200]; the server's table has TEST_REPRESENTATION.
 */
const PER_RESOURCE_CASES: readonly [string, string | undefined, number, string?][] = [
  ['/id/output/test-guide', 'text/x-test', 303, 'doc/output/test-guide.test'],
  ['/id/output/test-guide', 'text/x-test;q=0.5, text/turtle', 303, 'doc/output/test-guide.ttl'],
  ['/id/output/test-guide', '*/*', 303, 'doc/output/test-guide.html'],
  ['/id/output/test-guide', undefined, 303, 'doc/output/test-guide.html'],
  ['/id/output/test-guide', 'text/*;q=0.9, text/html;q=0.1', 303, 'doc/output/test-guide.ttl'],
  ['/id/output/test-guide?format=test', 'text/html', 303, 'doc/output/test-guide.test'],
  ['/doc/output/test-guide', 'text/x-test', 200, 'text/x-test'],
  ['/doc/output/test-guide', 'text/x-test;q=0.1, text/turtle', 200, 'text/turtle'],
  ['/doc/output/test-guide.test', 'text/html', 200, 'text/x-test'],
  ['/doc/output/test-guide?format=test', 'text/html', 200, 'text/x-test'],
  ['/doc/output/test-guide', 'image/png', 406],
  ['/id/person/ada-example', 'text/x-test', 406],
  ['/id/person/ada-example', 'text/x-test, text/turtle;q=0.5', 303, 'doc/person/ada-example.ttl'],
  ['/doc/person/ada-example', 'text/x-test', 406],
  ['/doc/person/ada-example.test', 'text/x-test', 404],
  ['/doc/person/ada-example?format=test', 'text/x-test', 400],
  ['/id/catalog', 'text/x-test', 406],
];

describe('representations per resource', () => {
  let extended: TestServer;
  beforeAll(async () => {
    extended = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA, representations: REPRESENTATIONS.with(TEST_REPRESENTATION) });
  });
  const fetch = (path: string, accept: string | undefined) => {
    const call = request(extended.app).get(path).buffer(true).parse(asText);
    return accept === undefined ? call : call.set('Accept', accept);
  };

  it.each(PER_RESOURCE_CASES)('%s with Accept: %s → %i %s', async (path, accept, status, expected) => {
    const response = await fetch(path, accept);
    expect(response.status).toBe(status);
    if (status === 303) expect(response.headers.location).toBe(`${extended.base}${expected}`);
    if (status === 200) expect(response.headers['content-type']).toBe(`${expected}; charset=utf-8`);
  });

  it('a format of outputs is produced from the description, with its own ETag and Content-Location', async () => {
    const response = await fetch('/doc/output/test-guide', 'text/x-test');
    expect(response.body).toMatch(new RegExp(`^test ${escapeRegExp(`${extended.base}id/output/test-guide`)} [1-9]`));
    expect(response.headers['content-location']).toBe(`${extended.base}doc/output/test-guide.test`);
    expect(response.headers.vary).toMatch(/\bAccept\b/);
    const turtle = await fetch('/doc/output/test-guide', 'text/turtle');
    expect(response.headers.etag).toBeDefined();
    expect(response.headers.etag).not.toBe(turtle.headers.etag);
  });

  it('a 406 lists exactly what that resource offers', async () => {
    const output = await fetch('/id/output/test-guide', 'image/png');
    const citations = CITATION_REPRESENTATIONS.map((representation) => representation.mediaType);
    expect([...JSON.parse(output.body as string).available].sort()).toEqual([...Object.values(MEDIA_TYPES), ...citations, 'text/x-test'].sort());
    const person = await fetch('/id/person/ada-example', 'text/x-test');
    expect([...JSON.parse(person.body as string).available].sort()).toEqual(Object.values(MEDIA_TYPES).sort());
  });

  it('the Link alternates and the other formats on the page follow the resource list', async () => {
    const output = await fetch('/doc/output/test-guide', 'text/html');
    expect(output.headers.link).toContain(`<${extended.base}doc/output/test-guide.test>; rel=alternate; type="text/x-test"`);
    // Not RDF, so not a machine-readable description of the resource.
    expect(output.headers.link).not.toMatch(/test-guide\.test>; rel=describedby/);
    expect(output.body).toContain(`${extended.base}doc/output/test-guide.test`);
    const person = await fetch('/doc/person/ada-example', 'text/html');
    expect(person.headers.link).not.toContain('text/x-test');
    expect(person.body).not.toContain('ada-example.test');
  });
});

const SELECT = `/sparql?query=${encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1')}`;

/**
 * A malformed weight is ignored (the range counts as q=1), and an Accept with
 * no media range left is disregarded, the same way for documents, SPARQL
 * results, the named-query list and errors. [path, Accept, status, media type].
 */
const MALFORMED_ACCEPT_CASES: readonly [string, string, number, string][] = [
  ['/doc/person/ada-example', '*/*;q=foo', 200, 'text/html'],
  ['/doc/person/ada-example', 'text/turtle;q=', 200, 'text/turtle'],
  ['/doc/person/ada-example', 'text/turtle;q=2', 200, 'text/turtle'],
  ['/doc/person/ada-example', ';;;', 200, 'text/html'],
  ['/doc/person/ada-example', 'text/turtle;q=foo, application/rdf+xml;q=0.5', 200, 'text/turtle'],
  ['/doc/person/ada-example', 'application/rdf+xml;q=0.5x, text/turtle;q=0.9', 200, 'application/rdf+xml'],
  ['/doc/person/ada-example', 'image/png;q=foo', 406, 'application/problem+json'],
  [SELECT, '*/*;q=foo', 200, 'application/sparql-results+json'],
  [SELECT, 'text/csv;q=', 200, 'text/csv'],
  [SELECT, ';;;', 200, 'application/sparql-results+json'],
  [SELECT, 'application/sparql-results+xml;q=foo, application/sparql-results+json;q=0.5', 200, 'application/sparql-results+xml'],
  ['/queries', 'text/html;q=foo, application/json;q=0.5', 200, 'text/html'],
  ['/id/person/nobody', '*/*;q=foo', 404, 'application/problem+json'],
  ['/id/person/nobody', 'text/html;q=foo, application/problem+json;q=0.5', 404, 'text/html'],
  ['/id/person/nobody', 'application/json;q=', 404, 'application/json'],
  ['/id/person/nobody', ';;;', 404, 'application/problem+json'],
];

describe('a malformed Accept header', () => {
  it.each(MALFORMED_ACCEPT_CASES)('%s with Accept: %s → %i as %s', async (path, accept, status, mediaType) => {
    const response = await get(path, accept);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
  });

  it.each([
    [FIREFOX_ACCEPT, FIREFOX_ACCEPT],
    ['text/turtle; Q = 0.5', 'text/turtle; Q = 0.5'],
    ['text/turtle;q=1.000', 'text/turtle;q=1.000'],
    ['text/turtle;q=1.0001', 'text/turtle'],
    ['text/html;level=1;q=0.5x', 'text/html;level=1'],
    ['application/ld+json;profile="a, b;q=x";q=bad', 'application/ld+json;profile="a, b;q=x"'],
    ['a/b;x="unterminated, c/d', 'a/b;x="unterminated, c/d'],
    ['garbage, text/turtle', 'text/turtle'],
    [',,,', undefined],
    ['', undefined],
  ])('Accept: %s is read as %s', (accept, read) => {
    expect(withoutMalformedWeights(accept)).toBe(read);
  });
});

/** Checks the invariants of each JSON-LD document form (JSON-LD 1.1 §5). */
function expectJsonLdForm(document: unknown, form: 'compacted' | 'expanded' | 'flattened', prefixes: Readonly<Record<string, string>>): void {
  if (form === 'expanded') {
    expect(Array.isArray(document)).toBe(true);
    for (const node of document as Record<string, unknown>[]) {
      for (const key of Object.keys(node)) expect(key.startsWith('@') || /^https?:\/\//.test(key)).toBe(true);
    }
    return;
  }
  const object = document as Record<string, unknown>;
  expect(object['@context']).toEqual(prefixes);
  const graph = object['@graph'] as Record<string, unknown>[];
  expect(Array.isArray(graph)).toBe(true);
  expect(graph.some((node) => 'dct:title' in node)).toBe(true);
  if (form === 'flattened') {
    // Flattened: every node is at the top; values only refer to other nodes by bare {"@id"}.
    for (const node of graph) {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('@')) continue;
        for (const item of [value].flat()) {
          if (typeof item === 'object' && item !== null && '@id' in item) expect(Object.keys(item)).toEqual(['@id']);
        }
      }
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
