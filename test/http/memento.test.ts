import LinkHeader from 'http-link-header';
import { isomorphic } from 'rdf-isomorphic';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_DATES, FIXTURE_RELEASES } from '../support/fixture-history.js';
import { createHistoryServer, type HistoryServer } from '../support/history-server.js';
import { close, listen, parseRdf } from './linked-data-fixture.js';
import { httpClient } from '../support/http-client.js';
import { HISTORY_PAGE_SIZES } from '../support/exported-history.js';
import { describeMemento } from '../support/memento-suite.js';

// Memento (RFC 7089) over the fixture history: a base (10 Jan 2024), test-added added (1 Feb),
// test-report retitled (1 Mar), a shapes-only commit (15 Mar, no new release), test-faq removed (1 Apr).
// test-report's mementos are the base and the retitling; test-added's the addition; test-faq's the base.

const BASE = 'http://localhost:3000/';
const { base: R1, added: R2, retitled: R3, removed: R4 } = FIXTURE_RELEASES;
const HTTP_DATES = {
  [R1]: 'Wed, 10 Jan 2024 10:00:00 GMT',
  [R2]: 'Thu, 01 Feb 2024 09:30:00 GMT',
  [R3]: 'Fri, 01 Mar 2024 12:00:00 GMT',
  [R4]: 'Mon, 01 Apr 2024 16:45:00 GMT',
} as const;

let server: HistoryServer;
beforeAll(async () => {
  server = await createHistoryServer({ timemapPageSize: 3 });
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string) => request(server.app).get(path);
const links = (header: string | undefined) => LinkHeader.parse(header ?? '');
/** The target of the one link with exactly this rel (a rel list such as "first memento" must match whole). */
const target = (header: string | undefined, rel: string) => links(header).refs.filter((link) => link.rel === rel).map((link) => link.uri);

describe('original resources advertise their TimeGate and TimeMap', () => {
  it.each([
    ['a resource IRI (303)', '/id/output/test-report', 303],
    ['a document, negotiated', '/doc/output/test-report', 200],
    ['a document in one format', '/doc/output/test-report.ttl', 200],
    ['the ontology', '/vocab/ontology', 303],
    ['a resource added later', '/id/output/test-added', 303],
  ])('%s', async (_case, path, status) => {
    const response = await get(path).set('Accept', 'text/turtle');
    expect(response.status).toBe(status);
    expect(target(response.headers.link, 'timegate')).toEqual([`${BASE}timegate${path.slice(1) ? `/${path.slice(1)}` : ''}`]);
    const timemap = links(response.headers.link).refs.find((link) => link.rel === 'timemap');
    expect(timemap).toMatchObject({ uri: `${BASE}timemap/link${path}`, type: 'application/link-format' });
  });
});

describe('TimeGate: datetime negotiation', () => {
  it.each([
    ['no Accept-Datetime: the latest memento', '/doc/output/test-report', undefined, R3],
    ['before the first release: the first memento (RFC 7089 §4.5.3)', '/doc/output/test-report', 'Sat, 01 Jan 2000 00:00:00 GMT', R1],
    ['between two of its mementos: the earlier one', '/doc/output/test-report', 'Thu, 15 Feb 2024 00:00:00 GMT', R1],
    ['exactly a release\'s datetime', '/doc/output/test-report', HTTP_DATES[R3], R3],
    ['one second before it', '/doc/output/test-report', 'Fri, 01 Mar 2024 11:59:59 GMT', R1],
    ['at the shapes-only commit, which made no release', '/doc/output/test-report', 'Fri, 15 Mar 2024 08:00:00 GMT', R3],
    ['far in the future: the latest', '/doc/output/test-report.ttl', 'Mon, 01 Jan 2035 00:00:00 GMT', R3],
    ['an output added later, asked for before it existed: its first memento', '/id/output/test-added', HTTP_DATES[R1], R2],
    ['a removed output, after its removal: its last memento', '/doc/output/test-faq', 'Mon, 01 Jan 2035 00:00:00 GMT', R1],
    ['the catalogue, which changed in every release', '/id/catalog', 'Fri, 01 Mar 2024 13:00:00 GMT', R3],
  ])('%s', async (_case, path, datetime, release) => {
    const call = get(`/timegate${path}`);
    const response = await (datetime === undefined ? call : call.set('Accept-Datetime', datetime));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${BASE}memento/${release}${path}`);
    expect(response.headers.vary?.toLowerCase()).toContain('accept-datetime');
    expect(target(response.headers.link, 'original')).toEqual([`${BASE}${path.slice(1)}`]);
    expect(links(response.headers.link).refs.filter((link) => link.rel === 'timemap').map((link) => link.type).sort()).toEqual(['application/json', 'application/link-format']);
    expect(links(response.headers.link).rel('first')[0]?.uri).toMatch(/\/memento\/\d{14}\//);
  });

  it('answers HEAD like GET', async () => {
    const response = await request(server.app).head('/timegate/doc/output/test-report').set('Accept-Datetime', HTTP_DATES[R2]);
    expect([response.status, response.headers.location]).toEqual([302, `${BASE}memento/${R1}/doc/output/test-report`]);
  });

  it.each([
    ['an ISO 8601 date', '2024-01-10'],
    ['an ISO 8601 date-time', '2024-01-10T10:00:00Z'],
    ['no seconds', 'Wed, 10 Jan 2024 10:00 GMT'],
    ['a weekday that does not match the date', 'Thu, 10 Jan 2024 10:00:00 GMT'],
    ['another zone than GMT', 'Wed, 10 Jan 2024 10:00:00 UTC'],
    ['the obsolete RFC 850 form', 'Wednesday, 10-Jan-24 10:00:00 GMT'],
    ['a day that does not exist', 'Fri, 30 Feb 2024 10:00:00 GMT'],
    ['nothing', ''],
  ])('refuses a malformed Accept-Datetime with 400: %s', async (_case, datetime) => {
    const response = await get('/timegate/doc/output/test-report').set('Accept-Datetime', datetime).set('Accept', 'application/problem+json');
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe(`Accept-Datetime must be an RFC 1123 date in GMT such as "Thu, 31 May 2007 20:35:00 GMT" (RFC 7089, section 2.1.1), not ${JSON.stringify(datetime)}.`);
  });

  it.each([
    ['an address that is no resource of the site', '/timegate/sparql', /is no resource or document of this site/],
    ['a resource in no release', '/timegate/id/output/never-published', /was in no release of this server/],
  ])('answers 404 for %s', async (_case, path, detail) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.body.detail).toMatch(detail);
  });

  it('allows only reading methods', async () => {
    const response = await request(server.app).post('/timegate/doc/output/test-report');
    expect([response.status, response.headers.allow]).toEqual([405, 'GET, HEAD, OPTIONS']);
  });
});

describe('TimeMaps', () => {
  it('lists a document\'s mementos in link format: original, self with from and until, timegate, each memento with its datetime', async () => {
    const response = await get('/timemap/link/doc/output/test-report');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/link-format; charset=utf-8');
    const parsed = links(response.text.replace(/\n/g, ' '));
    expect(parsed.rel('original').map((link) => link.uri)).toEqual([`${BASE}doc/output/test-report`]);
    expect(parsed.rel('self')).toEqual([{ uri: `${BASE}timemap/link/doc/output/test-report`, rel: 'self', type: 'application/link-format', from: HTTP_DATES[R1], until: HTTP_DATES[R3] }]);
    expect(parsed.rel('timegate').map((link) => link.uri)).toEqual([`${BASE}timegate/doc/output/test-report`]);
    expect(parsed.rel('memento').map((link) => [link.uri, link.datetime])).toEqual([
      [`${BASE}memento/${R1}/doc/output/test-report`, HTTP_DATES[R1]],
      [`${BASE}memento/${R3}/doc/output/test-report`, HTTP_DATES[R3]],
    ]);
    expect(parsed.rel('first').map((link) => link.uri)).toEqual([`${BASE}memento/${R1}/doc/output/test-report`]);
    expect(parsed.rel('last').map((link) => link.uri)).toEqual([`${BASE}memento/${R3}/doc/output/test-report`]);
    // One link per line, as RFC 7089's examples write them.
    expect(response.text.trimEnd().split(',\n')).toHaveLength(5);
  });

  it('pages a long TimeMap, oldest first, each page linking the next or previous with its span', async () => {
    const first = links((await get('/timemap/link/id/catalog')).text.replace(/\n/g, ' '));
    expect(first.rel('memento').map((link) => link.datetime)).toEqual([HTTP_DATES[R1], HTTP_DATES[R2], HTTP_DATES[R3]]);
    expect(first.rel('next')).toEqual([{ uri: `${BASE}timemap/link/id/catalog?page=2`, rel: 'next', type: 'application/link-format', from: HTTP_DATES[R4], until: HTTP_DATES[R4] }]);
    expect(first.rel('prev')).toEqual([]);
    const second = links((await get('/timemap/link/id/catalog?page=2')).text.replace(/\n/g, ' '));
    expect(second.rel('memento').map((link) => [link.uri, link.datetime])).toEqual([[`${BASE}memento/${R4}/id/catalog`, HTTP_DATES[R4]]]);
    expect(second.rel('last').map((link) => link.uri)).toEqual([`${BASE}memento/${R4}/id/catalog`]);
    expect(second.rel('prev').map((link) => link.uri)).toEqual([`${BASE}timemap/link/id/catalog`]);
    expect(second.rel('self').map((link) => [link.uri, link.from, link.until])).toEqual([[`${BASE}timemap/link/id/catalog?page=2`, HTTP_DATES[R4], HTTP_DATES[R4]]]);
    expect((await get('/timemap/link/id/catalog?page=3')).status).toBe(404);
    expect((await get('/timemap/link/id/catalog?page=0')).status).toBe(400);
  });

  it('lists the same in JSON', async () => {
    const response = await get('/timemap/json/doc/output/test-faq.ttl');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const memento = `${BASE}memento/${R1}/doc/output/test-faq.ttl`;
    expect(response.body).toEqual({
      original_uri: `${BASE}doc/output/test-faq.ttl`,
      timegate_uri: `${BASE}timegate/doc/output/test-faq.ttl`,
      timemap_uri: { link_format: `${BASE}timemap/link/doc/output/test-faq.ttl`, json_format: `${BASE}timemap/json/doc/output/test-faq.ttl` },
      mementos: {
        first: { datetime: FIXTURE_DATES.base.replace('Z', '.000Z'), uri: memento },
        last: { datetime: FIXTURE_DATES.base.replace('Z', '.000Z'), uri: memento },
        list: [{ datetime: FIXTURE_DATES.base.replace('Z', '.000Z'), uri: memento, release: R1 }],
      },
    });
  });

  it('answers 404 for an unknown TimeMap format or an original without mementos', async () => {
    expect((await get('/timemap/xml/doc/output/test-report')).status).toBe(404);
    expect((await get('/timemap/link/doc/output/never-published')).status).toBe(404);
  });
});

const FORMATS: readonly [string, string, string][] = [
  ['ttl', 'text/turtle', 'text/turtle; charset=utf-8'],
  ['jsonld', 'application/ld+json', 'application/ld+json; charset=utf-8'],
  ['nt', 'application/n-triples', 'application/n-triples; charset=utf-8'],
  ['rdf', 'application/rdf+xml', 'application/rdf+xml; charset=utf-8'],
  ['nq', 'application/n-quads', 'application/n-quads; charset=utf-8'],
  ['trig', 'application/trig', 'application/trig; charset=utf-8'],
  ['html', 'text/html', 'text/html; charset=utf-8'],
];

describe('mementos, in every format the current document has', () => {
  it.each(FORMATS.flatMap(([extension, accept, contentType]) => [
    [`negotiated (${accept})`, '', accept, contentType],
    [`.${extension}`, `.${extension}`, '*/*', contentType],
  ]))('%s: Memento-Datetime, links to original, TimeGate, TimeMap and neighbours, immutable, strong ETag', async (_case, suffix, accept, contentType) => {
    const path = `/memento/${R3}/doc/output/test-report${suffix}`;
    const response = await get(path).set('Accept', accept);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.headers['memento-datetime']).toBe(HTTP_DATES[R3]);
    expect(response.headers['last-modified']).toBe(HTTP_DATES[R3]);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const header = response.headers.link;
    expect(target(header, 'original')).toEqual([`${BASE}doc/output/test-report${suffix}`]);
    expect(target(header, 'timegate')).toEqual([`${BASE}timegate/doc/output/test-report${suffix}`]);
    // The retitling is the last memento (linked to itself) and the base the first and previous one; there is no next.
    const memento = (release: string) => `${BASE}memento/${release}/doc/output/test-report${suffix}`;
    for (const [rel, release] of [['first', R1], ['prev', R1], ['last', R3], ['memento', R1]] as const) expect(links(header).rel(rel)[0]?.uri).toBe(memento(release));
    expect(links(header).rel('next')).toEqual([]);
    expect(links(header).rel('first')[0]?.datetime).toBe(HTTP_DATES[R1]);
    expect(header).toContain(`<${memento(R1)}>; rel="first prev memento"; datetime="${HTTP_DATES[R1]}"`);
    if (suffix === '') expect(response.headers['content-location']).toMatch(new RegExp(`^${BASE}memento/${R3}/doc/output/test-report\\.[a-z]+$`));
    expect(response.text).toContain('Revised Test Report');
    const again = await get(path).set('Accept', accept).set('If-None-Match', response.headers.etag!);
    expect(again.status).toBe(304);
  });

  it.each(FORMATS.filter(([extension]) => extension !== 'html'))('says in %s what the document said then: the old title before the change, the current document\'s graph in the latest', async (extension, _accept, contentType) => {
    const parse = async (path: string) => parseRdf((await get(path)).text, contentType, BASE);
    const before = await parse(`/memento/${R1}/doc/output/test-report.${extension}`);
    const titles = (quads: Awaited<ReturnType<typeof parse>>) => quads.filter((quad) => quad.subject.value === `${BASE}id/output/test-report` && quad.predicate.value === 'http://purl.org/dc/terms/title').map((quad) => quad.object.value).sort();
    expect(titles(before)).toEqual(['Rapport de test', 'Test Report']);
    const latest = await parse(`/memento/${R3}/doc/output/test-report.${extension}`);
    expect(titles(latest)).toEqual(['Rapport de test', 'Revised Test Report']);
    expect(isomorphic(latest, await parse(`/doc/output/test-report.${extension}`))).toBe(true);
  });

  it('serves a removed output\'s mementos, though the output itself is gone', async () => {
    expect((await get('/doc/output/test-faq.ttl')).status).toBe(404);
    const memento = await get(`/memento/${R1}/doc/output/test-faq.ttl`);
    expect([memento.status, memento.headers['memento-datetime']]).toEqual([200, HTTP_DATES[R1]]);
    expect(memento.text).toContain('Test FAQ');
  });

  it('answers a resource IRI\'s memento as the IRI did: 303 to the memento of its document, negotiated', async () => {
    const response = await get(`/memento/${R1}/id/output/test-report`).set('Accept', 'application/n-triples');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${BASE}memento/${R1}/doc/output/test-report.nt`);
    expect(response.headers['memento-datetime']).toBe(HTTP_DATES[R1]);
    expect(target(response.headers.link, 'original')).toEqual([`${BASE}id/output/test-report`]);
    expect(response.headers.vary).toContain('Accept');
  });

  it.each([
    ['a release in which the document was as in an earlier one: 302 to that memento', `/memento/${R2}/doc/output/test-report.ttl`, 302, `${BASE}memento/${R1}/doc/output/test-report.ttl`],
    ['a release after the output was removed: 404', `/memento/${R4}/doc/output/test-faq`, 404, undefined],
    ['a release before the output was added: 404', `/memento/${R1}/doc/output/test-added`, 404, undefined],
    ['no such release: 404', '/memento/20240110100001/doc/output/test-report', 404, undefined],
    ['no release id at all: 404', '/memento/latest/doc/output/test-report', 404, undefined],
    ['an extension no document has: 404', `/memento/${R1}/doc/output/test-report.xyz`, 404, undefined],
  ])('%s', async (_case, path, status, location) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(response.headers.location).toBe(location);
    expect(response.headers['memento-datetime']).toBeUndefined();
  });
});

describe('/releases', () => {
  it('lists the releases with their dates, commits, hashes and how to query them', async () => {
    const response = await get('/releases');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const commits = server.fixture.git(['log', '--reverse', '--format=%H']).trim().split('\n');
    expect(response.body.releases.map((release: { id: string; commits: string[]; current: boolean; sparql: string }) => [release.id, release.commits, release.current, release.sparql])).toEqual([
      [R1, [commits[0]], false, `${BASE}sparql?release=${R1}`],
      [R2, [commits[1]], false, `${BASE}sparql?release=${R2}`],
      [R3, [commits[2], commits[3]], false, `${BASE}sparql?release=${R3}`],
      [R4, [commits[4]], true, `${BASE}sparql?release=${R4}`],
    ]);
    expect(response.body.releases[3].canonicalHash).toBe(server.graph.manifest.canonicalHash);
  });
});

describe('Memento under a BASE_URL with a path', () => {
  let mounted: HistoryServer;
  const OTHER = 'https://data.example.org/osc/';
  beforeAll(async () => {
    mounted = await createHistoryServer({ baseUrl: OTHER });
  });
  afterAll(async () => {
    await mounted?.close();
  });

  it('serves every Memento address under the base\'s path, with absolute links under the base', async () => {
    const original = await request(mounted.app).get('/osc/doc/output/test-report.ttl');
    expect(links(original.headers.link).rel('timegate').map((link) => link.uri)).toEqual([`${OTHER}timegate/doc/output/test-report.ttl`]);
    const gate = await request(mounted.app).get('/osc/timegate/doc/output/test-report.ttl').set('Accept-Datetime', HTTP_DATES[R2]);
    expect(gate.headers.location).toBe(`${OTHER}memento/${R1}/doc/output/test-report.ttl`);
    const memento = await request(mounted.app).get(`/osc/memento/${R1}/doc/output/test-report.ttl`);
    expect([memento.status, memento.headers['memento-datetime']]).toEqual([200, HTTP_DATES[R1]]);
    expect(memento.text).toContain(`<${OTHER}id/output/test-report>`);
    const timemap = await request(mounted.app).get('/osc/timemap/link/doc/output/test-report.ttl');
    expect(links(timemap.text.replace(/\n/g, ' ')).rel('memento').map((link) => link.uri)).toEqual([R1, R3].map((id) => `${OTHER}memento/${id}/doc/output/test-report.ttl`));
    expect((await request(mounted.app).get('/osc/releases')).body.releases).toHaveLength(4);
    expect((await request(mounted.app).get('/timegate/doc/output/test-report.ttl')).status).toBe(404);
  });
});

describe('Memento and the response replay', () => {
  it('replays a memento with the same status, headers and bytes, and never a TimeGate\'s answer to another Accept-Datetime', async () => {
    const { server: http, origin } = await listen(server.listener);
    try {
      const get = async (path: string, headers: Record<string, string>) => {
        const response = await fetch(`${origin}${path}`, { headers, redirect: 'manual' });
        return { status: response.status, headers: [...response.headers].filter(([name]) => name !== 'date' && name !== 'keep-alive' && name !== 'connection'), body: await response.text() };
      };
      const path = `/memento/${R3}/doc/output/test-report`;
      const headers = { Accept: 'text/html', 'Accept-Language': 'fr', 'Accept-Encoding': 'gzip' };
      const first = await get(path, headers);
      expect(first.status).toBe(200);
      // The second is answered before Express: its router is not reached.
      const routed = vi.spyOn(server.app.router as unknown as { handle: (...args: unknown[]) => void }, 'handle');
      expect(await get(path, headers)).toEqual(first);
      expect(routed).not.toHaveBeenCalled();
      routed.mockRestore();
      const gate = '/timegate/doc/output/test-report';
      const early = await get(gate, { 'Accept-Datetime': HTTP_DATES[R1] });
      const late = await get(gate, { 'Accept-Datetime': HTTP_DATES[R4] });
      expect([early.headers.find(([name]) => name === 'location')?.[1], late.headers.find(([name]) => name === 'location')?.[1]]).toEqual([`${BASE}memento/${R1}/doc/output/test-report`, `${BASE}memento/${R3}/doc/output/test-report`]);
    } finally {
      await close(http);
    }
  });
});

describe('the dump as an original resource: its mementos are every release\'s whole graph', () => {
  it('links its TimeGate and TimeMap, which lists every release', async () => {
    const dump = await get('/dump.nt');
    expect(links(dump.headers.link).rel('timegate').map((link) => link.uri)).toEqual([`${BASE}timegate/dump.nt`]);
    const timemap = links((await get('/timemap/link/dump')).text.replace(/\n/g, ' '));
    expect(timemap.rel('memento').map((link) => link.uri)).toEqual([R1, R2, R3].map((id) => `${BASE}memento/${id}/dump`));
    const gate = await get('/timegate/dump.ttl').set('Accept-Datetime', 'Thu, 15 Feb 2024 00:00:00 GMT');
    expect(gate.headers.location).toBe(`${BASE}memento/${R2}/dump.ttl`);
  });

  it.each([
    ['N-Triples, canonical', '.nt', 'application/n-triples'],
    ['Turtle', '.ttl', 'text/turtle'],
    ['JSON-LD', '.jsonld', 'application/ld+json'],
    ['RDF/XML', '.rdf', 'application/rdf+xml'],
  ])('serves a release\'s whole graph in %s, with Memento headers', async (_case, suffix, mediaType) => {
    const response = await get(`/memento/${R1}/dump${suffix}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    expect(response.headers['memento-datetime']).toBe(HTTP_DATES[R1]);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(links(response.headers.link).rel('next')[0]?.uri).toBe(`${BASE}memento/${R2}/dump${suffix}`);
    const quads = await parseRdf(response.text, mediaType, BASE);
    expect(quads).toHaveLength(server.history.get(R1)!.tripleCount);
    expect(isomorphic(quads, [...(await server.history.graph(server.history.get(R1)!)).store.getQuads(null, null, null, null)])).toBe(true);
  });

  it('gives the current graph as the latest release\'s dump', async () => {
    const latest = await parseRdf((await get(`/memento/${R4}/dump.ttl`)).text, 'text/turtle', BASE);
    expect(isomorphic(latest, await parseRdf((await get('/dump.ttl')).text, 'text/turtle', BASE))).toBe(true);
    const negotiated = await get(`/memento/${R4}/dump`).set('Accept', 'application/n-triples');
    expect(negotiated.headers['content-location']).toBe(`${BASE}memento/${R4}/dump.nt`);
    expect(negotiated.text).toBe(await server.history.canonicalText(server.history.get(R4)!));
  });
});

describe("a memento's page is the page the document had", () => {
  it("gives an output its record page with Cite as, in the style asked for, from that release's title", async () => {
    const page = await get(`/memento/${R1}/doc/output/test-report?style=vancouver`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="cite"');
    expect(page.text).toMatch(/<a href="[^"]*\/memento\/\d+\/doc\/output\/test-report\?style=vancouver" aria-current="true">Vancouver/);
    const retitled = await get(`/memento/${R3}/doc/output/test-report`).set('Accept', 'text/html');
    expect(retitled.headers.etag).not.toBe(page.headers.etag);
  });

  it('formats a memento citation in the style asked for', async () => {
    const apa = await get(`/memento/${R1}/doc/output/test-report.txt`);
    const vancouver = await get(`/memento/${R1}/doc/output/test-report.txt?style=vancouver`);
    expect(apa.status).toBe(200);
    expect(vancouver.text).toMatch(/^1\. /);
    expect(apa.text).not.toMatch(/^1\. /);
    expect(vancouver.headers.etag).not.toBe(apa.headers.etag);
  });
});

describe('the shared Memento tables (test/support/memento-suite.ts), on the app over loopback', () => {
  let shared: HistoryServer;
  let served: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    shared = await createHistoryServer(HISTORY_PAGE_SIZES);
    served = await listen(shared.listener);
  });
  afterAll(async () => {
    await close(served.server);
    await shared?.close();
  });
  describeMemento(() => ({ fetch: httpClient(served.origin), base: shared.base }));
});
