import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import LinkHeader from 'http-link-header';
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../http/linked-data-fixture.js';
import { tripleLines } from './compare-graphs.js';
import type { NegotiationTarget } from './negotiation-suite.js';

// The headers a linked-data client relies on, as tables run against any server of the test
// fixture (the Express app in test/http/headers.test.ts, nginx serving a static export in
// test/clients/static-export-nginx.test.ts): Vary, Content-Type with charset, validators and 304,
// compression, CORS and Link (alternates and FAIR Signposting).

const DOCUMENT = '/doc/output/test-guide';

/** [path, Accept, the Vary names it must have, those it must not]. */
export const VARY_CASES: readonly [string, string, string[], string[]][] = [
  ['/id/person/bob', 'text/turtle', ['Accept'], ['Accept-Language']],
  [DOCUMENT, 'text/turtle', ['Accept'], ['Accept-Language']],
  [DOCUMENT, 'text/html', ['Accept', 'Accept-Language'], []],
  [`${DOCUMENT}.ttl`, 'text/html', [], ['Accept', 'Accept-Language']],
  [`${DOCUMENT}.html`, 'text/turtle', ['Accept-Language'], ['Accept']],
  [`${DOCUMENT}.jsonld`, 'application/ld+json', ['Accept'], ['Accept-Language']],
  ['/', 'text/html', ['Accept', 'Accept-Language'], []],
  ['/dump', 'text/turtle', ['Accept'], []],
  ['/dump.nt', 'text/turtle', [], ['Accept']],
];

/** [path, Accept] of representations with validators. */
export const CONDITIONAL_CASES: readonly [string, string][] = [
  [`${DOCUMENT}.ttl`, 'text/turtle'],
  [DOCUMENT, 'application/ld+json'],
  [DOCUMENT, 'text/html'],
  ['/', 'text/html'],
  ['/dump.ttl', 'text/turtle'],
  ['/dump', 'application/n-triples'],
];

/** Registers the header tables against the server `target()` gives. */
export function describeHeaders(target: () => NegotiationTarget): void {
  const get = (path: string, headers: Record<string, string> = {}) => target().fetch(path, { headers });

  describe('Vary', () => {
    it.each(VARY_CASES)('%s (Accept: %s) varies on %j and not on %j', async (path, accept, present, absent) => {
      const response = await get(path, { Accept: accept });
      const vary = (response.headers.vary ?? '').split(',').map((name: string) => name.trim());
      for (const name of present) expect(vary).toContain(name);
      for (const name of absent) expect(vary).not.toContain(name);
    });
  });

  describe('validators', () => {
    it('ETag is weak, from the graph’s content hash, and differs per representation', async () => {
      const etags = new Set<string>();
      for (const extension of ['ttl', 'jsonld', 'nt', 'rdf', 'nq', 'trig', 'html']) {
        const response = await get(`${DOCUMENT}.${extension}`);
        expect(response.headers.etag).toMatch(new RegExp(`^W/"${target().graph.manifest.contentHash.slice(0, 32)}-`));
        etags.add(String(response.headers.etag));
      }
      expect(etags.size).toBe(7);
    });

    it('Last-Modified is the build time', async () => {
      const response = await get(`${DOCUMENT}.ttl`);
      expect(response.headers['last-modified']).toBe(new Date(target().graph.manifest.builtAt).toUTCString());
    });

    it.each(CONDITIONAL_CASES)('%s (%s): 304 on If-None-Match and on If-Modified-Since; 200 when either is stale', async (path, accept) => {
      const first = await get(path, { Accept: accept });
      expect(first.status).toBe(200);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);

      const byEtag = await get(path, { Accept: accept, 'If-None-Match': etag });
      expect(byEtag.status).toBe(304);
      expect(byEtag.text).toBe('');
      expect(byEtag.headers.etag).toBe(etag);

      const byDate = await get(path, { Accept: accept, 'If-Modified-Since': lastModified });
      expect(byDate.status).toBe(304);

      const otherEtag = await get(path, { Accept: accept, 'If-None-Match': 'W/"something-else"' });
      expect(otherEtag.status).toBe(200);
      const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
      const olderCopy = await get(path, { Accept: accept, 'If-Modified-Since': earlier });
      expect(olderCopy.status).toBe(200);
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
      const both = await get(path, { Accept: accept, 'If-None-Match': 'W/"something-else"', 'If-Modified-Since': lastModified });
      expect(both.status).toBe(200);
    });

    it('an ETag of one representation does not validate another', async () => {
      const turtle = await get(DOCUMENT, { Accept: 'text/turtle' });
      const json = await get(DOCUMENT, { Accept: 'application/ld+json', 'If-None-Match': String(turtle.headers.etag) });
      expect(json.status).toBe(200);
    });
  });

  describe('compression', () => {
    it.each([
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const)('%s: the compressed body decompresses to the same parseable document', async (encoding, decompress) => {
      for (const [path, mediaType] of [
        [`${DOCUMENT}.nt`, 'application/n-triples'],
        [`${DOCUMENT}.ttl`, 'text/turtle'],
        ['/dump.jsonld', 'application/ld+json'],
      ] as const) {
        const plain = await get(path, { 'Accept-Encoding': 'identity' });
        expect(plain.headers['content-encoding']).toBeUndefined();
        const compressed = await get(path, { 'Accept-Encoding': encoding });
        expect(compressed.status).toBe(200);
        expect(compressed.headers['content-encoding'], path).toBe(encoding);
        expect(compressed.headers.vary).toMatch(/Accept-Encoding/);
        expect(compressed.body.length).toBeLessThan(plain.body.length);
        const text = decompress(compressed.body).toString('utf8');
        expect(text).toBe(plain.text);
        expect((await parseRdf(text, mediaType, target().base)).length).toBeGreaterThan(10);
      }
    });

    it('prefers brotli when the client accepts both', async () => {
      const response = await get(`${DOCUMENT}.ttl`, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(response.headers['content-encoding']).toBe('br');
    });
  });

  describe('CORS', () => {
    it.each(['/', '/id/person/bob', `${DOCUMENT}.ttl`, '/dump.ttl', '/health', '/id/person/nobody'])('%s allows any origin', async (path) => {
      const response = await get(path, { Origin: 'https://example.org' });
      expect(response.headers['access-control-allow-origin']).toBe('*');
    });

    it('exposes the headers a script needs to follow links and revalidate', async () => {
      const response = await get(DOCUMENT, { Origin: 'https://example.org' });
      const exposed = String(response.headers['access-control-expose-headers']).split(',').map((name) => name.trim().toLowerCase());
      for (const name of ['etag', 'link', 'location', 'content-location']) expect(exposed).toContain(name);
    });

    it.each(['/id/person/bob', DOCUMENT, '/dump', '/'])('answers the preflight for %s', async (path) => {
      const response = await target().fetch(path, {
        method: 'OPTIONS',
        headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'Accept, If-None-Match' },
      });
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-methods']).toContain('GET');
      expect(response.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
      expect(Number(response.headers['access-control-max-age'])).toBeGreaterThan(0);
    });
  });

  describe('Link', () => {
    const links = async (path: string, accept: string) => LinkHeader.parse(String((await get(path, { Accept: accept })).headers.link));

    it('lists every other format as rel="alternate", with its type', async () => {
      const link = await links(`${DOCUMENT}.ttl`, '*/*');
      const alternates = link.rel('alternate').map((ref) => [ref.uri, ref.type]);
      expect(alternates).toEqual(
        expect.arrayContaining([
          [`${target().base}doc/output/test-guide.html`, 'text/html'],
          [`${target().base}doc/output/test-guide.jsonld`, 'application/ld+json'],
          [`${target().base}doc/output/test-guide.nt`, 'application/n-triples'],
          [`${target().base}doc/output/test-guide.rdf`, 'application/rdf+xml'],
        ]),
      );
      expect(alternates.some(([uri]) => uri!.endsWith('.ttl'))).toBe(false);
    });

    it('signposts the resource: cite-as, type, author and item, from the graph', async () => {
      const guide = `${target().base}id/output/test-guide`;
      const store = target().graph.store;
      const link = await links(DOCUMENT, 'text/html');
      expect(link.rel('cite-as').map((ref) => ref.uri)).toEqual([guide]);
      const types = link.rel('type').map((ref) => ref.uri);
      for (const type of store.getObjects(guide, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', null)) expect(types).toContain(type.value);
      expect(types).toContain('https://schema.org/AboutPage');
      const authors = store.getObjects(guide, 'http://schema.org/author', null).map((term) => term.value).sort();
      expect(authors.length).toBeGreaterThan(0);
      expect(link.rel('author').map((ref) => ref.uri).sort()).toEqual(authors);
      const accessUrls = store
        .getObjects(guide, 'http://www.w3.org/ns/dcat#distribution', null)
        .flatMap((distribution) => store.getObjects(distribution, 'http://www.w3.org/ns/dcat#accessURL', null))
        .map((term) => term.value);
      expect(accessUrls.length).toBeGreaterThan(0);
      expect(link.rel('item').map((ref) => ref.uri).sort()).toEqual(accessUrls.sort());
      // The HTML page is the landing page; its machine-readable descriptions are its describedby links.
      expect(link.rel('describedby').map((ref) => ref.type)).toEqual(expect.arrayContaining(['text/turtle', 'application/ld+json']));
    });

    it('a person has no author or item links: only what applies', async () => {
      const link = await links('/doc/person/bob.html', '*/*');
      expect(link.rel('cite-as').map((ref) => ref.uri)).toEqual([`${target().base}id/person/bob`]);
      expect(link.rel('author')).toEqual([]);
      expect(link.rel('item')).toEqual([]);
    });

    it('a machine-readable description describes the landing page, and carries none of its links', async () => {
      const link = await links(`${DOCUMENT}.ttl`, '*/*');
      expect(link.rel('describes').map((ref) => [ref.uri, ref.type])).toEqual([[`${target().base}doc/output/test-guide.html`, 'text/html']]);
      for (const rel of ['cite-as', 'describedby', 'author', 'item', 'type']) expect(link.rel(rel), rel).toEqual([]);
    });

    it('the links point at documents that exist', async () => {
      const link = await links(DOCUMENT, 'text/html');
      for (const ref of [...link.rel('alternate'), ...link.rel('cite-as'), ...link.rel('describedby'), ...link.rel('linkset')]) {
        const response = await get(new URL(ref.uri).pathname, { Accept: ref.type ?? 'text/turtle' });
        expect([200, 303], ref.uri).toContain(response.status);
        if (response.status === 200) expect(String(response.headers['content-type']).split(';')[0], ref.uri).toBe(ref.type ?? 'text/turtle');
      }
    });
  });

  describe('Content-Type', () => {
    it('says the charset of every text representation', async () => {
      for (const path of [`${DOCUMENT}.ttl`, `${DOCUMENT}.html`, `${DOCUMENT}.jsonld`, '/dump.rdf', '/health', '/nope']) {
        const response = await get(path);
        expect(response.headers['content-type'], path).toMatch(/; charset=utf-8$/);
      }
    });

    it('the Turtle and N-Triples of one document hold the same triples', async () => {
      const turtle = await get(`${DOCUMENT}.ttl`);
      const ntriples = await get(`${DOCUMENT}.nt`);
      expect(tripleLines(await parseRdf(turtle.text, 'text/turtle', target().base))).toEqual(tripleLines(await parseRdf(ntriples.text, 'application/n-triples', target().base)));
    });
  });
}
