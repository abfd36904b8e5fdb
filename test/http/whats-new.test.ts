import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import { Parser } from 'n3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_RELEASES } from '../support/fixture-history.js';
import { createHistoryServer, type HistoryServer } from '../support/history-server.js';
import { asText } from './linked-data-fixture.js';

// "What's new" and the history pages over the fixture history: a base (10 Jan 2024), test-added
// added (1 Feb), test-report retitled (1 Mar), a shapes-only commit (no release), test-faq removed
// (1 Apr). Two releases per "what's new" page.

const BASE = 'http://localhost:3000/';
const { base: R1, added: R2, retitled: R3, removed: R4 } = FIXTURE_RELEASES;
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });

let server: HistoryServer;
beforeAll(async () => {
  server = await createHistoryServer({ whatsNewPageSize: 2, changesPageSize: 6 });
});
afterAll(async () => {
  await server?.close();
});

const page = (path: string, language = 'en') => request(server.app).get(path).set('Accept', 'text/html').set('Accept-Language', language);

/** A release section of "what's new": its heading and each group's items as text. */
function releaseOf($: cheerio.CheerioAPI, id: string) {
  const section = $(`#release-${id}`);
  const group = (title: string) => {
    const heading = section.find('h3').filter((_, element) => $(element).text().startsWith(title));
    return heading.next().is('ul') ? heading.next().find('> li').map((_, item) => $(item).text().split(' · ')[0]!.trim()).get() : heading.nextUntil('h3', 'section').map((_, item) => $(item).find('h4').text().split(' · ')[0]!.trim()).get();
  };
  return { heading: section.find('h2').text(), added: group('Added'), changed: group('Changed'), removed: group('Removed') };
}

async function expectValidHtml(markup: string): Promise<void> {
  const report = await validator.validateString(markup);
  expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message} (line ${message.line})`))).toEqual([]);
}

describe('/whats-new', () => {
  it('lists the releases newest first, two a page, with the fixture\'s three changes in theirs', async () => {
    const first = await page('/whats-new');
    expect(first.status).toBe(200);
    const $ = cheerio.load(first.text);
    expect($('main > section').map((_, section) => $(section).attr('id')).get()).toEqual([`release-${R4}`, `release-${R3}`]);
    expect(releaseOf($, R4)).toEqual({ heading: 'April 1, 2024 at 4:45 PM UTC', added: [], changed: ['Test outputs', 'Test Project'], removed: ['Test FAQ'] });
    expect(releaseOf($, R3)).toEqual({ heading: 'March 1, 2024 at 12:00 PM UTC', added: [], changed: ['Test outputs', 'Revised Test Report'], removed: [] });
    const second = cheerio.load((await page('/whats-new?page=2')).text);
    expect(second('main > section').map((_, section) => second(section).attr('id')).get()).toEqual([`release-${R2}`, `release-${R1}`]);
    expect(releaseOf(second, R2)).toEqual({ heading: 'February 1, 2024 at 9:30 AM UTC', added: ['Test Added Output'], changed: ['Test outputs', 'Test Project'], removed: [] });
    expect(releaseOf(second, R1).added).toHaveLength(32);
    expect(releaseOf(second, R1).added).toEqual(expect.arrayContaining(['Test FAQ', 'Test Report', 'Ada Exámple']));
  });

  it('shows a changed record\'s statements before and after, in words, and links its history', async () => {
    const $ = cheerio.load((await page('/whats-new')).text);
    const report = $(`#release-${R3} section`).filter((_, section) => $(section).find('h4').text().startsWith('Revised Test Report'));
    const list = (term: string) => report.find('dt').filter((_, dt) => $(dt).text() === term).next('dd').find('li').map((_, li) => $(li).text().replace(/\s+/g, ' ')).get();
    expect(list('Before')).toEqual([
      'name schema:name: Test Report',
      'title dct:title: Test Report',
      'Part: Revised Test Report (Example Archive) title dct:title: Test Report (Example Archive)',
      `${BASE}id/catalog#record-test-report modified dct:modified: 2024-01-10T10:00:00Z`,
    ]);
    expect(list('After')).toEqual([
      'name schema:name: Revised Test Report',
      'title dct:title: Revised Test Report',
      'Part: Revised Test Report (Example Archive) title dct:title: Revised Test Report (Example Archive)',
      `${BASE}id/catalog#record-test-report modified dct:modified: 2024-03-01T12:00:00Z`,
    ]);
    expect(report.find('h4 a').map((_, a) => $(a).attr('href')).get()).toEqual([`${BASE}id/output/test-report`, `${BASE}history/output/test-report#change-${R3}`]);
  });

  it('is in French for a French reader, and keeps a picked language on its links', async () => {
    const french = await page('/whats-new', 'fr');
    expect([french.headers['content-language'], french.headers.vary]).toEqual(['fr', 'Accept, Accept-Language, Accept-Encoding']);
    const $ = cheerio.load(french.text);
    expect($('h1').text()).toBe('Quoi de neuf');
    expect($(`#release-${R4} h2`).text()).toBe('1 avril 2024 à 16:45 UTC');
    expect($(`#release-${R4} h3`).map((_, h3) => $(h3).text()).get()).toEqual(['Modifiées (2)', 'Retirées (1)']);
    expect($(`#release-${R4} dt`).first().text()).toBe('Avant');
    const picked = await request(server.app).get('/whats-new?lang=fr').set('Accept', 'text/html');
    expect(picked.headers.vary).not.toMatch(/Accept-Language/);
    expect(cheerio.load(picked.text)('a[rel="next"]').attr('href')).toBe(`${BASE}whats-new?page=2&lang=fr`);
  });

  it('is valid HTML in both languages, on every page', async () => {
    for (const [path, language] of [['/whats-new', 'en'], ['/whats-new?page=2', 'fr'], ['/history/output/test-report', 'en'], ['/history/output/test-faq', 'fr']] as const) {
      await expectValidHtml((await page(path, language)).text);
    }
  });

  it.each([
    ['a page past the last', '/whats-new?page=3', 404, /has 2 pages, not 3/],
    ['a page that is no number', '/whats-new?page=zero', 400, /page must be a positive integer/],
  ])('answers %s with %s', async (_case, path, status, message) => {
    const response = await page(path);
    expect(response.status).toBe(status);
    expect(response.text).toMatch(message);
  });

  it('is a page for people only: 406 for RDF', async () => {
    expect((await request(server.app).get('/whats-new').set('Accept', 'text/turtle')).status).toBe(406);
  });
});

describe('/history/{path}', () => {
  it('lists one record\'s changes newest first, each in the section its change-stream activity names', async () => {
    const response = await page('/history/output/test-report');
    const $ = cheerio.load(response.text);
    expect($('h1').text()).toBe('History: Revised Test Report');
    expect($('main > section').map((_, section) => $(section).attr('id')).get()).toEqual([`change-${R3}`, `change-${R1}`]);
    expect($(`#change-${R3} h2`).text()).toBe('Changed: March 1, 2024 at 12:00 PM UTC');
    expect($(`#change-${R1} h2`).text()).toBe('Added: January 10, 2024 at 10:00 AM UTC');
    expect($(`#change-${R3} a`).map((_, a) => $(a).attr('href')).get().slice(0, 2)).toEqual([`${BASE}memento/${R3}/doc/output/test-report`, `${BASE}whats-new#release-${R3}`]);
    expect($(`#change-${R3} dt`).map((_, dt) => $(dt).text()).get()).toEqual(['Before', 'After']);
    // An addition's statements are the whole record, folded away.
    expect($(`#change-${R1} details summary`).text()).toBe('Statements');
    expect($(`#change-${R1} details li`).length).toBeGreaterThan(20);
    expect($('main p a.iri').attr('href')).toBe(`${BASE}doc/output/test-report`);
  });

  it('names a removed record, shows what it said before, and links no document that is gone', async () => {
    const $ = cheerio.load((await page('/history/output/test-faq', 'fr')).text);
    expect($('h1').text()).toBe('Historique: Test FAQ');
    expect($(`#change-${R4} h2`).text()).toBe('Retirée: 1 avril 2024 à 16:45 UTC');
    expect($(`#change-${R4} a`).first().attr('href')).toBe(`${BASE}whats-new#release-${R4}`);
    expect($(`#change-${R4} details li`).length).toBeGreaterThan(10);
    expect($('main a.iri')).toHaveLength(0);
  });

  it('has a section for every member of the change stream, at the activity\'s own IRI', async () => {
    const trig = await request(server.app).get('/changes').set('Accept', 'application/n-quads').buffer(true).parse(asText);
    const members = new Parser({ format: 'application/n-quads' }).parse(trig.body as string).filter((quad) => quad.predicate.value === 'https://w3id.org/tree#member').map((quad) => quad.object.value);
    expect(members).toHaveLength(4);
    for (const member of members) {
      const [url, fragment] = member.split('#');
      const $ = cheerio.load((await page(new URL(url!).pathname)).text);
      expect($(`#${fragment}`).length, member).toBe(1);
    }
  });

  it.each([
    ['an IRI never described', '/history/output/nothing', 404, /was in no release/],
    ['a document\'s extension', '/history/output/test-report.ttl', 404, /was in no release/],
    ['no path', '/history/', 404, undefined],
  ])('answers %s with %s', async (_case, path, status, message) => {
    const response = await page(path);
    expect(response.status).toBe(status);
    if (message) expect(response.text).toMatch(message);
  });

  it('is linked from the record\'s page, in the reader\'s language', async () => {
    const english = cheerio.load((await page('/doc/output/test-report')).text);
    expect(english('p.record-history a').map((_, a) => [[english(a).attr('href'), english(a).text()]]).get()).toEqual([[`${BASE}history/output/test-report`, 'History of this record']]);
    const french = cheerio.load((await request(server.app).get('/doc/person/bob?lang=fr').set('Accept', 'text/html')).text);
    expect(french('p.record-history a').attr('href')).toBe(`${BASE}history/person/bob?lang=fr`);
    expect(french('p.record-history a').text()).toBe('Historique de cette fiche');
  });
});
