import { beforeAll, describe, expect, it } from 'vitest';
import { DCAT } from '../../src/graph/namespaces.js';
import { JSON_LD_PROFILES } from '../../src/graph/rdf-formats.js';
import { CITATION_REPRESENTATIONS, ofType, type Representation } from '../../src/http/representations.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { parseRdf } from '../http/linked-data-fixture.js';
import { tripleLines } from './compare-graphs.js';
import type { Fetch } from './http-client.js';
import { MALFORMED_ACCEPT_CASES, MEDIA_TYPES, NEGOTIATION_CASES, NOT_ACCEPTABLE, PROFILE_CASES, RDFLIB_NTRIPLES_ACCEPT } from './negotiation-tables.js';

// The content-negotiation tests as suites of tables, run against any server of the test fixture:
// the Express app (test/http/content-negotiation.test.ts) and nginx serving a static export of it
// (test/clients/static-export-nginx.test.ts). The 303 from the resource IRI names the document by
// extension; the document itself answers with that media type.

/** A server of the fixture data set to run the suites against. */
export interface NegotiationTarget {
  readonly fetch: Fetch;
  /** The public base of its IRIs. */
  readonly base: string;
  readonly graph: PublishedGraph;
}

const get = (target: NegotiationTarget, path: string, accept: string | undefined) => target.fetch(path, accept === undefined ? {} : { headers: { Accept: accept } });

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Registers the negotiation tables against the server `target()` gives (called once the suite's beforeAll has run). */
export function describeNegotiation(target: () => NegotiationTarget): void {
  const person = () => `${target().base}id/person/ada-example`;
  const personDocument = () => `${target().base}doc/person/ada-example`;

  describe('a resource IRI', () => {
    it.each(NEGOTIATION_CASES)('Accept: %s → 303 to the .%s document', async (accept, extension) => {
      const response = await get(target(), '/id/person/ada-example', accept);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`${personDocument()}.${extension}`);
      expect(response.headers.vary).toMatch(/\bAccept\b/);
    });

    it.each(NOT_ACCEPTABLE)('Accept: %s → 406 listing what is on offer', async (accept) => {
      const response = await get(target(), '/id/person/ada-example', accept);
      expect(response.status).toBe(406);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect([...JSON.parse(response.text).available].sort()).toEqual(Object.values(MEDIA_TYPES).sort());
    });

    it('?format= names the document directly, whatever Accept says', async () => {
      const response = await get(target(), '/id/person/ada-example?format=turtle', 'text/html');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`${personDocument()}.ttl`);
    });
  });

  describe('a document without extension', () => {
    it.each(NEGOTIATION_CASES)('Accept: %s → 200 in the .%s format, with Content-Location', async (accept, extension) => {
      const response = await get(target(), '/doc/person/ada-example', accept);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(new RegExp(`^${escapeRegExp(MEDIA_TYPES[extension]!)}(;|$)`));
      expect(response.headers['content-type']).toMatch(/charset=utf-8/);
      expect(response.headers['content-location']).toBe(`${personDocument()}.${extension}`);
      expect(response.headers.vary).toMatch(/\bAccept\b/);
      if (extension !== 'html') {
        const quads = await parseRdf(response.text, response.headers['content-type']!, personDocument());
        expect(quads.some((quad) => quad.subject.value === person())).toBe(true);
      }
    });

    it('Accept: text/plain, */*;q=0.1 (rdflib 6 asking for N-Triples) → N-Triples, sent as text/plain', async () => {
      const redirect = await get(target(), '/id/person/ada-example', RDFLIB_NTRIPLES_ACCEPT);
      expect(redirect.headers.location).toBe(`${personDocument()}.nt`);
      const response = await get(target(), '/doc/person/ada-example', RDFLIB_NTRIPLES_ACCEPT);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      const quads = await parseRdf(response.text, 'application/n-triples', personDocument());
      expect(quads.some((quad) => quad.subject.value === person())).toBe(true);
      // The .nt URL itself always names the registered type.
      expect((await get(target(), '/doc/person/ada-example.nt', RDFLIB_NTRIPLES_ACCEPT)).headers['content-type']).toBe('application/n-triples; charset=utf-8');
    });

    it.each(NOT_ACCEPTABLE)('Accept: %s → 406', async (accept) => {
      const response = await get(target(), '/doc/person/ada-example', accept);
      expect(response.status).toBe(406);
      expect(JSON.parse(response.text).detail).toContain('text/turtle');
    });
  });

  describe('a document URL with an extension', () => {
    it.each(Object.entries(MEDIA_TYPES))('.%s is %s whatever Accept says', async (extension, mediaType) => {
      const response = await get(target(), `/doc/person/ada-example.${extension}`, extension === 'html' ? 'text/turtle' : 'text/html');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
      expect(response.headers['content-location']).toBeUndefined();
    });

    it('an unknown extension is not a document: 404', async () => {
      const response = await get(target(), '/doc/person/ada-example.exe', 'text/turtle');
      expect(response.status).toBe(404);
    });

    it('?format= with an unknown format is a bad request that lists the formats', async () => {
      const response = await get(target(), '/doc/person/ada-example?format=docx', 'text/turtle');
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text).formats).toContain('turtle');
    });
  });

  describe('JSON-LD profiles', () => {
    let turtle: string[];
    beforeAll(async () => {
      const response = await get(target(), '/doc/output/test-guide.ttl', undefined);
      turtle = tripleLines(await parseRdf(response.text, 'text/turtle', target().base));
    });

    it.each(PROFILE_CASES)('Accept: %s → %s, holding the same triples as the Turtle', async (accept, form) => {
      for (const path of ['/doc/output/test-guide', '/doc/output/test-guide.jsonld']) {
        const response = await get(target(), path, accept);
        expect(response.status).toBe(200);
        expect(response.headers.vary).toMatch(/\bAccept\b/);
        const contentType = response.headers['content-type']!;
        expect(contentType).toMatch(/^application\/ld\+json/);
        if (accept.includes('profile')) expect(contentType).toContain(`profile="${JSON_LD_PROFILES[form]}"`);
        else expect(contentType).not.toContain('profile');
        expectJsonLdForm(JSON.parse(response.text), form, target().graph.manifest.prefixes);
        expect(tripleLines(await parseRdf(response.text, contentType, target().base))).toEqual(turtle);
      }
    });

    it('the compacted form uses the project context (its prefixes)', async () => {
      const response = await get(target(), '/doc/output/test-guide.jsonld', undefined);
      expect(JSON.parse(response.text)['@context']).toEqual(target().graph.manifest.prefixes);
    });
  });

  describe('a malformed Accept header', () => {
    it.each(MALFORMED_ACCEPT_CASES)('%s with Accept: %s → %i as %s', async (path, accept, status, mediaType) => {
      const response = await get(target(), path, accept);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    });
  });
}

/** A format only outputs (DCAT datasets) offer, added the way a real one would be: one entry in the table. */
export const TEST_REPRESENTATION: Representation = {
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
export const PER_RESOURCE_CASES: readonly [string, string | undefined, number, string?][] = [
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

/** Registers the tables of a format some resources offer, against a server whose table has TEST_REPRESENTATION. */
export function describeRepresentationsPerResource(target: () => NegotiationTarget): void {
  describe('representations per resource', () => {
    const fetch = (path: string, accept: string | undefined) => get(target(), path, accept);

    it.each(PER_RESOURCE_CASES)('%s with Accept: %s → %i %s', async (path, accept, status, expected) => {
      const response = await fetch(path, accept);
      expect(response.status).toBe(status);
      if (status === 303) expect(response.headers.location).toBe(`${target().base}${expected}`);
      if (status === 200) expect(response.headers['content-type']).toBe(`${expected}; charset=utf-8`);
    });

    it('a format of outputs is produced from the description, with its own ETag and Content-Location', async () => {
      const response = await fetch('/doc/output/test-guide', 'text/x-test');
      expect(response.text).toMatch(new RegExp(`^test ${escapeRegExp(`${target().base}id/output/test-guide`)} [1-9]`));
      expect(response.headers['content-location']).toBe(`${target().base}doc/output/test-guide.test`);
      expect(response.headers.vary).toMatch(/\bAccept\b/);
      const turtle = await fetch('/doc/output/test-guide', 'text/turtle');
      expect(response.headers.etag).toBeDefined();
      expect(response.headers.etag).not.toBe(turtle.headers.etag);
    });

    it('a 406 lists exactly what that resource offers', async () => {
      const output = await fetch('/id/output/test-guide', 'image/png');
      const citations = CITATION_REPRESENTATIONS.map((representation) => representation.mediaType);
      expect([...JSON.parse(output.text).available].sort()).toEqual([...Object.values(MEDIA_TYPES), ...citations, 'text/x-test'].sort());
      const person = await fetch('/id/person/ada-example', 'text/x-test');
      expect([...JSON.parse(person.text).available].sort()).toEqual(Object.values(MEDIA_TYPES).sort());
    });

    it('the Link alternates and the other formats on the page follow the resource list', async () => {
      const output = await fetch('/doc/output/test-guide', 'text/html');
      expect(output.headers.link).toContain(`<${target().base}doc/output/test-guide.test>; rel=alternate; type="text/x-test"`);
      // Not RDF, so not a machine-readable description of the resource.
      expect(output.headers.link).not.toMatch(/test-guide\.test>; rel=describedby/);
      expect(output.text).toContain(`${target().base}doc/output/test-guide.test`);
      const person = await fetch('/doc/person/ada-example', 'text/html');
      expect(person.headers.link).not.toContain('text/x-test');
      expect(person.text).not.toContain('ada-example.test');
    });
  });
}

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
