import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import LinkHeader from 'http-link-header';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { asText, createTestServer, FIXTURE_DATA, type TestServer } from './linked-data-fixture.js';

// FAIR Signposting level 2 (https://signposting.org/FAIR/): every document's
// Link header points at the resource's linkset (RFC 9264) in both formats,
// and the linkset holds the same links as the Link headers, with the
// back-links (describes, collection) of the descriptions and items.

const BASE = 'http://localhost:3000/';
const iris = new IriScheme(BASE);
const LICENCE = 'https://creativecommons.org/licenses/by/4.0/';
const DOI = '10.1234/test-report';
const DCAT = 'http://www.w3.org/ns/dcat#';
const RDF_TYPES = ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml', 'application/n-quads', 'application/trig'];

let server: TestServer;
beforeAll(async () => {
  // The fixture, with a licence and a DOI on the test report only (the guide has neither),
  // and the report's authors credited in an order that is neither alphabetical nor the store's
  // (ada-example is met first, as the guide's author, so the store lists her first).
  const dataDir = join(await mkdtemp(join(tmpdir(), 'oscg-data-')), 'data');
  await cp(FIXTURE_DATA, dataDir, { recursive: true });
  const outputs = await readFile(join(dataDir, 'outputs.yaml'), 'utf8');
  const edited = outputs
    .replace('- id: test-report\n', `- id: test-report\n  license: ${LICENCE}\n  doi: ${DOI}\n`)
    .replace('authors: [test-org, bob]', 'authors: [bob, test-org, ada-example]');
  expect(edited).not.toBe(outputs);
  await writeFile(join(dataDir, 'outputs.yaml'), edited);
  server = await createTestServer({ baseUrl: BASE, dataDir });
});

const get = (path: string, accept?: string) => {
  const call = request(server.app).get(path).buffer(true).parse(asText);
  return accept === undefined ? call : call.set('Accept', accept);
};

/** One link of a linkset as a flat tuple, whichever format it came in. */
type Flat = [anchor: string, rel: string, href: string, type: string | undefined, profile: string | undefined];

/** The links of an application/linkset+json body. */
function flattenJson(body: string): Flat[] {
  const { linkset } = JSON.parse(body) as { linkset: Record<string, unknown>[] };
  expect(Object.keys(JSON.parse(body))).toEqual(['linkset']);
  return linkset.flatMap(({ anchor, ...relations }) =>
    Object.entries(relations).flatMap(([rel, targets]) =>
      (targets as { href: string; type?: string; profile?: string[] }[]).map((target): Flat => {
        if (target.profile !== undefined) expect(Array.isArray(target.profile)).toBe(true);
        return [anchor as string, rel, target.href, target.type, target.profile?.join(' ')];
      }),
    ),
  );
}

/** The links of an application/linkset body, read by http-link-header. */
function flattenLinkset(body: string): Flat[] {
  return LinkHeader.parse(body).refs.map((ref): Flat => [ref.anchor!, ref.rel, ref.uri, ref.type, ref.profile]);
}

/** The header names of a response's Vary. */
const varies = (vary: string | undefined) => (vary ?? '').split(',').map((name) => name.trim());

const sorted = (links: Flat[]) => links.map((link) => JSON.stringify(link)).sort();

/** Every resource the server has a document for, by its IRI. */
function documentedResources(): string[] {
  const resources = new Set<string>();
  for (const subject of server.graph.store.getSubjects(null, null, null)) {
    if (subject.termType === 'NamedNode' && iris.documentOf(subject.value)) resources.add(subject.value);
  }
  return [...resources].sort();
}

describe('the Link header of every document points at its linkset, in both formats', () => {
  it.each([
    ['an output', 'output/test-guide'],
    ['a person', 'person/bob'],
    ['an organisation', 'organisation/test-org'],
    ['a project', 'project/test-project'],
    ['a grant', 'funding/test-grant'],
    ['a web page', 'document/unlinked-page'],
    ['the catalogue', 'catalog'],
    ['the ontology', 'vocab/ontology'],
  ])('%s (%s), in HTML, Turtle and JSON-LD', async (_kind, path) => {
    for (const accept of ['text/html', 'text/turtle', 'application/ld+json']) {
      const response = await get(`/doc/${path}`, accept);
      expect(response.status, accept).toBe(200);
      const linksets = LinkHeader.parse(response.headers.link as string).rel('linkset');
      expect(linksets.map((ref) => [ref.uri, ref.type]), accept).toEqual([
        [`${BASE}linkset/${path}`, 'application/linkset'],
        [`${BASE}linkset/${path}`, 'application/linkset+json'],
      ]);
    }
  });

  it('every resource with a document has a linkset in both formats, its landing page anchored first', async () => {
    const resources = documentedResources();
    expect(resources.length).toBeGreaterThan(20);
    for (const resource of resources) {
      const linkset = iris.linksetOf(resource)!;
      const page = await get(new URL(iris.documentOf(resource, 'html')!).pathname, 'text/html');
      expect(LinkHeader.parse(page.headers.link as string).rel('linkset').map((ref) => ref.uri), resource).toEqual([linkset, linkset]);
      const json = await get(new URL(linkset).pathname, 'application/linkset+json');
      const text = await get(new URL(linkset).pathname, 'application/linkset');
      expect([json.status, text.status], resource).toEqual([200, 200]);
      expect(flattenJson(json.body as string)[0]!.slice(0, 2), resource).toEqual([iris.documentOf(resource, 'html'), 'cite-as']);
      expect(sorted(flattenLinkset(text.body as string)), resource).toEqual(sorted(flattenJson(json.body as string)));
    }
  });
});

describe('the linkset of an output', () => {
  const report = `${BASE}id/output/test-report`;
  const guide = `${BASE}id/output/test-guide`;
  const landing = (resource: string) => iris.documentOf(resource, 'html')!;
  const linksOf = async (resource: string) => flattenJson((await get(new URL(iris.linksetOf(resource)!).pathname, 'application/linkset+json')).body as string);
  const targets = (links: Flat[], anchor: string, rel: string) => links.filter((link) => link[0] === anchor && link[1] === rel).map((link) => link[2]);

  it.each([
    ['with a DOI, cite-as is the DOI’s URL', report, [`https://doi.org/${DOI}`]],
    ['without one, cite-as is the resource’s IRI', guide, [guide]],
  ])('%s', async (_case, resource, citeAs) => {
    expect(targets(await linksOf(resource), landing(resource), 'cite-as')).toEqual(citeAs);
  });

  it.each([
    ['with a licence, license links to it', report, [LICENCE]],
    ['without one, there is no license link', guide, []],
  ])('%s', async (_case, resource, licences) => {
    expect(targets(await linksOf(resource), landing(resource), 'license')).toEqual(licences);
  });

  it('describedby: each RDF description, with its type and profile; each describes the landing page back', async () => {
    const links = await linksOf(report);
    const describedBy = links.filter((link) => link[0] === landing(report) && link[1] === 'describedby');
    expect(describedBy.map((link) => link[3]).sort()).toEqual([...RDF_TYPES].sort());
    for (const [, , href, type, profile] of describedBy) {
      expect(profile, href).toBe(DCAT);
      const document = await get(new URL(href).pathname);
      expect(document.headers['content-type'], href).toBe(`${type}; charset=utf-8`);
      expect(targets(links, href, 'describes'), href).toEqual([landing(report)]);
    }
  });

  it('item: each distribution’s URL, and each item’s collection is the landing page', async () => {
    const store = server.graph.store;
    for (const resource of [report, guide]) {
      const urls = store
        .getObjects(resource, `${DCAT}distribution`, null)
        .flatMap((distribution) => store.getObjects(distribution, `${DCAT}accessURL`, null))
        .map((term) => term.value);
      expect(urls.length).toBeGreaterThan(0);
      const links = await linksOf(resource);
      expect(targets(links, landing(resource), 'item').sort()).toEqual(urls.sort());
      for (const url of urls) expect(targets(links, url, 'collection'), url).toEqual([landing(resource)]);
    }
  });

  it.each([
    ['the report, authors in their credited order', report, ['person/bob', 'organisation/test-org', 'person/ada-example']],
    ['the guide, one author', guide, ['person/ada-example']],
    ['a person, none', `${BASE}id/person/bob`, []],
  ])('author: %s', async (_case, resource, authors) => {
    expect(targets(await linksOf(resource), landing(resource), 'author')).toEqual(authors.map((author) => `${BASE}id/${author}`));
  });

  it('type: its classes and AboutPage', async () => {
    const types = targets(await linksOf(report), landing(report), 'type');
    const classes = server.graph.store.getObjects(report, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', null).map((term) => term.value);
    expect(types.sort()).toEqual([...classes, 'https://schema.org/AboutPage'].sort());
    expect(types).toContain('http://schema.org/Report');
  });

  it('holds the same links as the documents’ Link headers: the landing page’s on the page, describes on each description', async () => {
    const links = await linksOf(report);
    const page = LinkHeader.parse((await get('/doc/output/test-report', 'text/html')).headers.link as string).refs;
    const signposting = page.filter((ref) => ref.rel !== 'alternate' && ref.rel !== 'linkset');
    const asFlat = (refs: typeof page, anchor: string) => sorted(refs.map((ref): Flat => [anchor, ref.rel, ref.uri, ref.type, ref.profile]));
    expect(asFlat(signposting, landing(report))).toEqual(sorted(links.filter((link) => link[0] === landing(report))));
    const turtle = LinkHeader.parse((await get('/doc/output/test-report.ttl')).headers.link as string).refs;
    const turtleAnchor = iris.documentOf(report, 'ttl')!;
    expect(asFlat(turtle.filter((ref) => ref.rel === 'describes'), turtleAnchor)).toEqual(sorted(links.filter((link) => link[0] === turtleAnchor)));
  });
});

describe('negotiation of a linkset', () => {
  const LINKSET = '/linkset/output/test-guide';
  it.each([
    ['application/linkset+json', 'application/linkset+json', true],
    ['application/linkset', 'application/linkset', true],
    ['*/*', 'application/linkset+json', true],
    [undefined, 'application/linkset+json', true],
    ['application/linkset;q=1, application/linkset+json;q=0.5', 'application/linkset', true],
    ['text/html;q=0.9, application/linkset', 'application/linkset', true],
    ['application/*', 'application/linkset+json', true],
  ])('Accept: %s → %s', async (accept, type, variesOnAccept) => {
    const response = await get(LINKSET, accept);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${type}; charset=utf-8`);
    expect(varies(response.headers.vary).includes('Accept')).toBe(variesOnAccept);
    const other = type === 'application/linkset' ? 'application/linkset+json' : 'application/linkset';
    expect(LinkHeader.parse(response.headers.link as string).refs.map((ref) => [ref.uri, ref.rel, ref.type])).toEqual([[`${BASE}linkset/output/test-guide`, 'alternate', other]]);
  });

  it.each([
    ['linkset', 'application/linkset'],
    ['json', 'application/linkset+json'],
    ['JSON', 'application/linkset+json'],
  ])('?format=%s → %s, whatever Accept says', async (format, type) => {
    const response = await get(`${LINKSET}?format=${format}`, 'text/html');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${type}; charset=utf-8`);
    expect(varies(response.headers.vary)).not.toContain('Accept');
  });

  it.each([
    ['text/turtle', 'application/problem+json'],
    ['application/json', 'application/json'],
    ['image/png, application/problem+json;q=0.1', 'application/problem+json'],
    // A browser asking for a page gets the error as a page, as everywhere on the site.
    ['text/html', 'text/html'],
  ])('Accept: %s → 406, as %s, naming the two formats on offer', async (accept, type) => {
    const response = await get(LINKSET, accept);
    expect(response.status).toBe(406);
    expect(response.headers['content-type']).toBe(`${type}; charset=utf-8`);
    expect(response.body as string).toContain('Available: application/linkset+json, application/linkset.');
  });

  it('?format= of another kind is a 400 listing the two formats', async () => {
    const response = await get(`${LINKSET}?format=ttl`, 'application/linkset');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body as string).detail).toBe('Unknown format "ttl". Use one of: json, linkset.');
  });

  it.each([
    ['an unknown resource', '/linkset/output/no-such-output', 'application/linkset+json'],
    ['an unknown kind', '/linkset/nothing/here', 'application/linkset'],
    ['a hash part', '/linkset/output/test-guide%23distribution-example-docs', '*/*'],
    ['a format extension, which linksets have none of', '/linkset/output/test-guide.json', 'application/linkset+json'],
    ['no resource at all', '/linkset/', 'application/linkset'],
  ])('%s → 404, a problem document, not HTML', async (_case, path, accept) => {
    const response = await get(path, accept);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers.link).toBeUndefined();
    expect(JSON.parse(response.body as string)).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('is cacheable like a document: weak ETag per format, Last-Modified, 304, Cache-Control, CORS; HEAD and 405', async () => {
    const json = await get(LINKSET, 'application/linkset+json').set('Origin', 'https://example.org');
    const text = await get(LINKSET, 'application/linkset');
    expect(json.headers.etag).toMatch(/^W\/"/);
    expect(json.headers.etag).not.toBe(text.headers.etag);
    expect(json.headers['last-modified']).toBe(new Date(server.graph.manifest.builtAt).toUTCString());
    expect(json.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    expect(json.headers['access-control-allow-origin']).toBe('*');
    const revalidated = await get(LINKSET, 'application/linkset+json').set('If-None-Match', json.headers.etag as string);
    expect(revalidated.status).toBe(304);
    const head = await request(server.app).head(LINKSET).set('Accept', 'application/linkset');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/linkset; charset=utf-8');
    const post = await request(server.app).post(LINKSET);
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('application/linkset puts one link on a line, each with its anchor', async () => {
    const body = (await get(LINKSET, 'application/linkset')).body as string;
    const lines = body.trimEnd().split('\n');
    expect(lines.length).toBe(flattenLinkset(body).length);
    for (const line of lines) expect(line).toMatch(/^<[^>]+>; rel=[^;]+; anchor="[^"]+"/);
  });
});
