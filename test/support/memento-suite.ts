import LinkHeader from 'http-link-header';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RELEASES } from './fixture-history.js';
import type { Fetch } from './http-client.js';

// Memento (RFC 7089), the change stream and "what's new" as tables run against any server of the
// fixture history (test/support/fixture-history.ts): the Express app (test/http/memento.test.ts),
// the njs module answering from an export's table (test/export/export-history.test.ts) and nginx
// serving that export (test/clients/static-export-nginx.test.ts).

/** A server of the fixture history. */
export interface HistoryTarget {
  readonly fetch: Fetch;
  /** The public base of its IRIs. */
  readonly base: string;
}

const { base: R1, added: R2, retitled: R3, removed: R4 } = FIXTURE_RELEASES;
const REPORT = '/doc/output/test-report';

/** [case, original, Accept-Datetime (absent: none), the release of the memento the TimeGate redirects to]. */
export const TIMEGATE_CASES: readonly [string, string, string | undefined, string][] = [
  ['no Accept-Datetime: the latest', REPORT, undefined, R3],
  ['before the first release: the first', REPORT, 'Sat, 01 Jan 2000 00:00:00 GMT', R1],
  ['between two mementos: the earlier', REPORT, 'Thu, 15 Feb 2024 00:00:00 GMT', R1],
  ['exactly a release’s datetime', REPORT, 'Fri, 01 Mar 2024 12:00:00 GMT', R3],
  ['a second before it', `${REPORT}.ttl`, 'Fri, 01 Mar 2024 11:59:59 GMT', R1],
  ['after the last release: the last', `${REPORT}.jsonld`, 'Mon, 01 Jan 2035 00:00:00 GMT', R3],
  ['names and GMT in other cases, as luxon reads them', REPORT, 'fri, 01 MAR 2024 12:00:00 gmt', R3],
  ['24:00:00, the next day’s midnight (its weekday)', REPORT, 'Sun, 02 Mar 2024 24:00:00 GMT', R3],
  ['a resource IRI added later, before it existed', '/id/output/test-added', 'Wed, 10 Jan 2024 10:00:00 GMT', R2],
  ['a removed output, after its removal', '/doc/output/test-faq', 'Mon, 01 Jan 2035 00:00:00 GMT', R1],
  ['the catalogue, changed in every release', '/id/catalog', 'Mon, 01 Apr 2024 16:45:00 GMT', R4],
  ['the dump, every release a memento', '/dump.nt', 'Fri, 01 Mar 2024 13:00:00 GMT', R3],
];

/** Accept-Datetime values the server refuses with 400. */
export const INVALID_DATETIMES: readonly string[] = ['2024-01-10', 'Thu, 10 Jan 2024 10:00:00 GMT', 'Wed, 10 Jan 2024 10:00 GMT', 'Wed, 10 Jan 2024 10:00:00 UTC', 'Fri, 30 Feb 2024 10:00:00 GMT', 'Wed, 1 Jan 2024 10:00:00 GMT', 'Wed, 10 Jan 2024 24:00:01 GMT', ''];

/** [path, Accept, the memento's release, whether negotiated]. */
export const MEMENTO_CASES: readonly [string, string, string, boolean][] = [
  [`/memento/${R3}${REPORT}`, 'text/turtle', R3, true],
  [`/memento/${R1}${REPORT}.ttl`, '*/*', R1, false],
  [`/memento/${R3}${REPORT}.jsonld`, 'text/html', R3, false],
  [`/memento/${R1}${REPORT}`, 'text/html', R1, true],
  [`/memento/${R1}/doc/output/test-faq.nt`, '*/*', R1, false],
  [`/memento/${R2}/dump.ttl`, '*/*', R2, false],
  [`/memento/${R4}/dump`, 'application/n-triples', R4, true],
];

const links = (header: string | undefined) => LinkHeader.parse(header ?? '');
const only = (header: string | undefined, rel: string) => links(header).refs.filter((link) => link.rel === rel).map((link) => link.uri);

/** Registers the Memento, change-stream and "what's new" tables against the server `target()` gives. */
export function describeMemento(target: () => HistoryTarget): void {
  const get = (path: string, headers: Record<string, string> = {}) => target().fetch(path, { headers });
  const base = () => target().base;

  describe('original resources link their TimeGate and TimeMap', () => {
    it.each([
      ['/id/output/test-report', 'text/turtle', 303],
      [REPORT, 'text/html', 200],
      [`${REPORT}.nt`, '*/*', 200],
      ['/dump.ttl', '*/*', 200],
    ])('%s (%s)', async (path, accept, status) => {
      const response = await get(path, { Accept: accept });
      expect(response.status).toBe(status);
      expect(only(response.headers.link, 'timegate')).toEqual([`${base()}timegate${path}`]);
      expect(links(response.headers.link).refs.find((link) => link.rel === 'timemap')).toMatchObject({ uri: `${base()}timemap/link${path}`, type: 'application/link-format' });
    });
  });

  describe('TimeGate', () => {
    it.each(TIMEGATE_CASES)('%s: %s', async (_case, path, datetime, release) => {
      const response = await get(`/timegate${path}`, datetime === undefined ? {} : { 'Accept-Datetime': datetime });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(`${base()}memento/${release}${path}`);
      expect(response.headers.vary?.toLowerCase()).toContain('accept-datetime');
      expect(only(response.headers.link, 'original')).toEqual([`${base()}${path.slice(1)}`]);
      expect(links(response.headers.link).refs.filter((link) => link.rel === 'timemap').map((link) => link.type).sort()).toEqual(['application/json', 'application/link-format']);
      expect(links(response.headers.link).rel('first')[0]?.uri).toMatch(/\/memento\/\d{14}\//);
      expect(response.text).toBe(`See ${response.headers.location}\n`);
    });

    it.each(INVALID_DATETIMES.map((datetime) => [datetime]))('refuses Accept-Datetime %j with 400, saying what it must be', async (datetime) => {
      const response = await get(`/timegate${REPORT}`, { 'Accept-Datetime': datetime, Accept: 'application/problem+json' });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text).detail).toBe(`Accept-Datetime must be an RFC 1123 date in GMT such as "Thu, 31 May 2007 20:35:00 GMT" (RFC 7089, section 2.1.1), not ${JSON.stringify(datetime)}.`);
    });

    it.each([
      ['/timegate/sparql', /is no resource or document of this site/],
      ['/timegate/id/output/never-published', /was in no release of this server/],
    ])('%s is 404', async (path, detail) => {
      const response = await get(path, { Accept: 'application/problem+json' });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.text).detail).toMatch(detail);
    });
  });

  describe('TimeMaps', () => {
    it('link format: original, self, timegate and the mementos with their datetimes', async () => {
      const response = await get(`/timemap/link${REPORT}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/link-format; charset=utf-8');
      const parsed = links(response.text.replace(/\n/g, ' '));
      expect(parsed.rel('original').map((link) => link.uri)).toEqual([`${base()}${REPORT.slice(1)}`]);
      expect(parsed.rel('memento').map((link) => link.uri)).toEqual([R1, R3].map((release) => `${base()}memento/${release}${REPORT}`));
    });

    it('JSON: the same mementos', async () => {
      const response = await get(`/timemap/json${REPORT}.ttl`);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(response.text).mementos.list.map((memento: { release: string }) => memento.release)).toEqual([R1, R3]);
    });

    it('pages a long TimeMap; ?page= past the last is 404, not a number 400', async () => {
      const second = await get('/timemap/link/id/catalog?page=2');
      expect(second.status).toBe(200);
      expect(links(second.text.replace(/\n/g, ' ')).rel('memento').map((link) => link.uri)).toEqual([`${base()}memento/${R4}/id/catalog`]);
      expect((await get('/timemap/json/id/catalog?page=2')).status).toBe(200);
      expect((await get('/timemap/link/id/catalog?page=3')).status).toBe(404);
      expect((await get('/timemap/link/id/catalog?page=x')).status).toBe(400);
      expect((await get('/timemap/xml/id/catalog')).status).toBe(404);
    });

    it('revalidates with its ETag', async () => {
      const first = await get(`/timemap/link${REPORT}`);
      expect((await get(`/timemap/link${REPORT}`, { 'If-None-Match': String(first.headers.etag) })).status).toBe(304);
    });
  });

  describe('mementos', () => {
    it.each(MEMENTO_CASES)('%s (Accept: %s): Memento-Datetime, immutable, strong ETag and 304, links to the original and its TimeGate', async (path, accept, release, negotiated) => {
      const response = await get(path, { Accept: accept });
      expect(response.status).toBe(200);
      const original = path.slice(`/memento/${release}`.length);
      expect(response.headers['memento-datetime']).toBe(new Date(Date.UTC(Number(release.slice(0, 4)), Number(release.slice(4, 6)) - 1, Number(release.slice(6, 8)), Number(release.slice(8, 10)), Number(release.slice(10, 12)), Number(release.slice(12, 14)))).toUTCString());
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(only(response.headers.link, 'original')).toEqual([`${base()}${original.slice(1)}`]);
      expect(only(response.headers.link, 'timegate')).toEqual([`${base()}timegate${original}`]);
      expect(response.headers['content-location'] !== undefined).toBe(negotiated);
      const etag = String(response.headers.etag);
      expect((await get(path, { Accept: accept, 'If-None-Match': etag })).status).toBe(304);
      // A strong ETag names the bytes: another coding asked for is another ETag.
      const gzipped = await get(path, { Accept: accept, 'Accept-Encoding': 'gzip' });
      expect(gzipped.headers.etag).not.toBe(etag);
      expect((await get(path, { Accept: accept, 'Accept-Encoding': 'gzip', 'If-None-Match': String(gzipped.headers.etag) })).status).toBe(304);
    });

    it('a resource IRI’s memento is a 303 to its document’s memento', async () => {
      const response = await get(`/memento/${R1}/id/output/test-report`, { Accept: 'application/n-triples' });
      expect([response.status, response.headers.location]).toEqual([303, `${base()}memento/${R1}${REPORT}.nt`]);
    });

    it.each([
      ['a release that kept an earlier version: 302 to it', `/memento/${R2}${REPORT}.ttl`, 302, `/memento/${R1}${REPORT}.ttl`],
      ['a release before the output existed: 404', `/memento/${R1}/doc/output/test-added`, 404, undefined],
      ['a release after it was removed: 404', `/memento/${R4}/doc/output/test-faq`, 404, undefined],
      ['no such release: 404', `/memento/20240110100001${REPORT}`, 404, undefined],
      ['an extension the document lacks: 404', `/memento/${R1}/doc/person/ada-example.bib`, 404, undefined],
    ])('%s', async (_case, path, status, location) => {
      const response = await get(path);
      expect(response.status).toBe(status);
      expect(response.headers.location).toBe(location === undefined ? undefined : `${base()}${location.slice(1)}`);
      expect(response.headers['memento-datetime']).toBeUndefined();
    });
  });

  describe('the change stream and what is new', () => {
    it('the root, in TriG by default, polled (max-age=60), links its closed pages', async () => {
      const root = await get('/changes');
      expect(root.status).toBe(200);
      expect(root.headers['content-type']).toBe('application/trig; charset=utf-8');
      expect(root.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
      const page = /<([^>]+\/changes\/[^>]+)>/.exec(root.text)?.[1];
      expect(page).toBeDefined();
      const closed = await get(new URL(page!).pathname, { Accept: 'application/n-quads' });
      expect(closed.status).toBe(200);
      expect(closed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(closed.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect((await get(new URL(page!).pathname, { Accept: 'application/n-quads', 'If-None-Match': String(closed.headers.etag) })).status).toBe(304);
      expect((await get('/changes', { Accept: 'text/turtle' })).status).toBe(406);
      expect((await get('/changes/nope')).status).toBe(404);
    });

    it.each([
      ['/whats-new', 'en', 'en'],
      ['/whats-new', 'fr', 'fr'],
      ['/whats-new?page=2', 'fr', 'fr'],
      ['/history/output/test-report', 'en', 'en'],
      ['/history/output/test-faq', 'fr', 'fr'],
    ])('%s in %s', async (path, language, contentLanguage) => {
      const response = await get(path, { Accept: 'text/html', 'Accept-Language': language });
      expect(response.status).toBe(200);
      expect(response.headers['content-language']).toBe(contentLanguage);
      expect(response.text).toContain('<html');
    });

    it('what is new: past the last page 404, a bad page 400; an unknown record’s history 404', async () => {
      expect((await get('/whats-new?page=9', { Accept: 'text/html' })).status).toBe(404);
      expect((await get('/whats-new?page=0', { Accept: 'text/html' })).status).toBe(400);
      expect((await get('/history/output/never-published', { Accept: 'text/html' })).status).toBe(404);
    });
  });
}
