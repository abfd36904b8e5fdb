import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import jsonld from 'jsonld';
import request from 'supertest';
import { CITATION_REPRESENTATIONS } from '../../src/http/representations.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA } from '../../src/graph/namespaces.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';
import { createTestServer, type TestServer } from './linked-data-fixture.js';

// The HTML pages, on a small bilingual data set (test/fixtures/valid-data)
// whose guide has a hostile English title and description: markup and a
// closing </script> must come out as text, in the page and in its JSON-LD.

const HOSTILE_TITLE = 'Test Guide </title><script>alert("title")</script> & <b>bold</b>';
const HOSTILE_DESCRIPTION = 'Ends the JSON-LD early? </script><script>alert(1)</script> <!-- or a comment';
// long-title is advice for search results, not validity; real output titles exceed it.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });

let server: TestServer;
const guide = () => `${server.base}id/output/test-guide`;

beforeAll(async () => {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'oscg-html-')), 'data');
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), dataDir, { recursive: true });
  const outputs = join(dataDir, 'outputs.yaml');
  const yaml = (await readFile(outputs, 'utf8'))
    .replace('title: { en: Test Guide, fr: Guide de test }', `title: { en: ${JSON.stringify(HOSTILE_TITLE)}, fr: Guide de test }`)
    .replace('description: { en: A living test guide., fr: Un guide de test. }', `description: { en: ${JSON.stringify(HOSTILE_DESCRIPTION)}, fr: Un guide de test. }`);
  expect(yaml).toContain('alert(1)');
  await writeFile(outputs, yaml);
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir });
});

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await request(server.app).get(path).set({ Accept: 'text/html', ...headers });
  expect(response.status, path).toBe(200);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  return { response, $: cheerio.load(response.text) };
}

async function expectValidHtml(markup: string, what: string): Promise<void> {
  const report = await validator.validateString(markup);
  const messages = report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message} (line ${message.line})`));
  expect(messages, what).toEqual([]);
}

describe('every page', () => {
  it('is valid HTML (html-validate, recommended rules): every resource, the home page and an error page', async () => {
    const subjects = new Set(server.graph.store.getSubjects(null, null, null).map((term) => term.value.split('#')[0]!).filter((iri) => iri.startsWith(`${server.base}id/`)));
    expect(subjects.size).toBeGreaterThan(5);
    for (const iri of subjects) {
      const { response } = await page(new URL(iri.replace('/id/', '/doc/')).pathname);
      await expectValidHtml(response.text, iri);
    }
    await expectValidHtml((await page('/')).response.text, 'home page');
    const notFound = await request(server.app).get('/id/person/nobody').set('Accept', 'text/html');
    expect(notFound.status).toBe(404);
    expect(notFound.headers['content-type']).toBe('text/html; charset=utf-8');
    await expectValidHtml(notFound.text, '404 page');
  });

  it('needs no JavaScript: the only script is the JSON-LD data block', async () => {
    for (const path of ['/', '/doc/output/test-guide', '/doc/person/bob']) {
      const { $ } = await page(path);
      expect($('script').toArray().every((element) => $(element).attr('type') === 'application/ld+json'), path).toBe(true);
    }
  });
});

describe('a resource page', () => {
  it('is titled with the label, kept as text however hostile', async () => {
    const { $ } = await page('/doc/output/test-guide');
    expect($('h1').text()).toBe(HOSTILE_TITLE);
    expect($('title').text()).toContain(HOSTILE_TITLE);
    expect($('b').length).toBe(0);
  });

  it('links the resources it refers to, by their names', async () => {
    const { $ } = await page('/doc/output/test-guide');
    const links = new Map($('main a').toArray().map((element) => [$(element).attr('href'), $(element).text()]));
    const linked = server.graph.store
      .getObjects(guide(), null, null)
      .filter((term) => term.termType === 'NamedNode' && term.value.startsWith(`${server.base}id/`) && !term.value.startsWith(`${guide()}#`));
    expect(linked.length).toBeGreaterThan(2);
    for (const object of linked) expect(links.has(object.value), object.value).toBe(true);
    expect(links.get(`${server.base}id/person/ada-example`)).toBe('Ada Exámple');
  });

  it('links every other format of the document, in the body and as <link rel="alternate">', async () => {
    const { $ } = await page('/doc/output/test-guide');
    for (const extension of ['ttl', 'jsonld', 'nt', 'rdf', 'nq', 'trig']) {
      const href = `${server.base}doc/output/test-guide.${extension}`;
      expect($(`main a[href="${href}"]`).length, extension).toBe(1);
      expect($(`head link[rel="alternate"][href="${href}"]`).length, extension).toBe(1);
    }
  });

  it('embeds the schema.org description as JSON-LD that parses and matches the graph', async () => {
    const { response, $ } = await page('/doc/output/test-guide');
    const scripts = $('script[type="application/ld+json"]');
    expect(scripts.length).toBe(1);
    // The raw markup never closes the script early: `</` only appears in the one closing tag.
    const raw = response.text.slice(response.text.indexOf('<script type="application/ld+json">'));
    expect(raw.indexOf('</script')).toBe(raw.indexOf('</script>\n</head>'));
    const document = JSON.parse(scripts.text());
    const nquads = (await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader: async () => { throw new Error('no remote context'); } } as never)) as unknown as string;
    const embedded = tripleLines(parseNTriples(nquads));
    const graph = new Set(tripleLines(server.graph.store.getQuads(null, null, null, null)));
    for (const line of embedded) expect(graph.has(line), line).toBe(true);
    const ownSchemaTriples = tripleLines(server.graph.store.getQuads(guide(), null, null, null).filter((quad) => quad.predicate.value.startsWith(SCHEMA.iri)));
    expect(ownSchemaTriples.length).toBeGreaterThan(3);
    for (const line of ownSchemaTriples) expect(embedded).toContain(line);
    expect(embedded.some((line) => line.includes('alert(1)'))).toBe(true);
  });
});

describe('record pages, chosen by the kind of thing', () => {
  const meta = ($: cheerio.CheerioAPI, name: string) => $(`head meta[name="${name}"], head meta[property="${name}"]`).toArray().map((element) => $(element).attr('content'));

  it('an output’s page leads with its authors and one link to read it, named by its platform or else its host', async () => {
    const guidePage = (await page('/doc/output/test-guide')).$;
    expect(guidePage('.eyebrow').text()).toBe('Guide · Living document');
    expect(guidePage('ol.byline li').text()).toBe('Ada Exámple (Test Organisation)');
    expect(guidePage('a.primary-action').attr('href')).toBe('https://example.org/guide');
    expect(guidePage('a.primary-action').text()).toBe('Read on Example Docs');
    expect(guidePage('#versions a').attr('href')).toBe(`${server.base}id/output/test-guide-v1`);
    const release = (await page('/doc/output/test-guide-v1')).$;
    expect(release('a.primary-action').text()).toBe('Read on example.org');
    expect(release('#versions a').attr('href')).toBe(guide());
    expect((await page('/doc/output/test-webinar-1')).$('a.primary-action').text()).toBe('Watch on Example Video');
  });

  it('an output’s page carries the tags Google Scholar and Zotero read, only with what the data gives', async () => {
    const { $ } = await page('/doc/output/test-report');
    expect(meta($, 'citation_title')).toEqual(['Test Report']);
    expect(meta($, 'citation_author')).toEqual(['Test Organisation', 'Bob Example']);
    expect(meta($, 'citation_technical_report_institution')).toEqual(['Test Organisation']);
    expect(meta($, 'citation_pdf_url')).toEqual(['https://example.org/report']);
    expect(meta($, 'citation_publication_date')).toEqual([]);
    expect(meta($, 'DC.type')).toEqual(['Report', 'Text']);
    expect(meta($, 'og:url')).toEqual([`${server.base}doc/output/test-report`]);
    const guidePage = (await page('/doc/output/test-guide')).$;
    expect(meta(guidePage, 'citation_pdf_url')).toEqual([]);
    expect(meta(guidePage, 'citation_technical_report_institution')).toEqual([]);
    // Get the data lists the RDF formats; the head links every representation, the citations too.
    expect(guidePage('head link[rel="alternate"][type]').length).toBe(guidePage('#data a[type]').length + CITATION_REPRESENTATIONS.length);
    expect(guidePage('head link[rel="alternate"][type="application/x-bibtex"]').attr('href')).toBe(`${server.base}doc/output/test-guide.bib`);
  });

  it('a person’s, an organisation’s and a project’s pages show their works, people and funding', async () => {
    const bob = (await page('/doc/person/bob')).$;
    expect(bob('#works h3').toArray().map((h3) => bob(h3).text())).toEqual(['Author', 'Expert advisor', 'Graduate research assistant']);
    const org = (await page('/doc/organisation/test-org')).$;
    expect(org('#people a').attr('href')).toBe(`${server.base}id/person/ada-example`);
    expect(org('#funding-given dd').first().text()).toBe('Test Organisation');
    expect(org('#publications li').length).toBeGreaterThan(0);
    const project = (await page('/doc/project/test-project')).$;
    expect(project('#about dd').text()).toBe('Test Organisation');
    expect(project('#outputs li').length).toBe(7);
    expect(project('#funding').length).toBe(1);
  });

  it('anything else keeps the page of its statements', async () => {
    const { $ } = await page('/doc/role/author');
    expect($('.eyebrow, #statements').length).toBe(0);
    expect($('h1').text()).toBe('Author');
    expect($('main h2').toArray().map((h2) => $(h2).text())).toContain('Other formats');
  });
});

/** [Accept-Language (undefined: none sent), the page's language, the guide's title as shown]. */
const LANGUAGE_CASES: readonly [string | undefined, string, string][] = [
  [undefined, 'en', HOSTILE_TITLE],
  ['en', 'en', HOSTILE_TITLE],
  ['fr', 'fr', 'Guide de test'],
  ['fr-CA, en;q=0.5', 'fr', 'Guide de test'],
  ['en;q=0.2, fr;q=0.8', 'fr', 'Guide de test'],
  ['de', 'en', HOSTILE_TITLE],
  ['de, fr;q=0.3', 'fr', 'Guide de test'],
  ['*', 'en', HOSTILE_TITLE],
  ['garbage;;;q', 'en', HOSTILE_TITLE],
];

describe('languages', () => {
  it.each(LANGUAGE_CASES)('Accept-Language: %s → a page in %s titled %s', async (acceptLanguage, lang, title) => {
    const { response, $ } = await page('/doc/output/test-guide', acceptLanguage === undefined ? {} : { 'Accept-Language': acceptLanguage });
    expect($('html').attr('lang')).toBe(lang);
    expect(response.headers['content-language']).toBe(lang);
    expect(response.headers.vary).toMatch(/\bAccept-Language\b/);
    expect($('h1').text()).toBe(title);
  });

  it('shows language-tagged text in the reader’s language only, and says which language it is', async () => {
    const french = (await page('/doc/output/test-guide', { 'Accept-Language': 'fr' })).$;
    expect(french('main').text()).toContain('Un guide de test.');
    expect(french('main').text()).not.toContain('Ends the JSON-LD early');
    const english = (await page('/doc/output/test-guide', { 'Accept-Language': 'en' })).$;
    expect(english('main').text()).toContain(HOSTILE_DESCRIPTION);
    expect(english('main').text()).not.toContain('Un guide de test.');
    // An English-only label on a French page is marked as English.
    expect(french('span[lang="en"]').length).toBeGreaterThan(0);
  });

  it('gives each language its own ETag', async () => {
    const english = await request(server.app).get('/doc/output/test-guide').set({ Accept: 'text/html', 'Accept-Language': 'en' });
    const french = await request(server.app).get('/doc/output/test-guide').set({ Accept: 'text/html', 'Accept-Language': 'fr' });
    expect(english.headers.etag).toMatch(/^W\//);
    expect(french.headers.etag).not.toBe(english.headers.etag);
    const revalidated = await request(server.app).get('/doc/output/test-guide').set({ Accept: 'text/html', 'Accept-Language': 'fr', 'If-None-Match': english.headers.etag });
    expect(revalidated.status).toBe(200);
  });
});

describe('the home page', () => {
  it('introduces the guide and links the outputs, the people, the catalogue, the SPARQL endpoint and the dumps', async () => {
    const { $ } = await page('/');
    const hrefs = new Set($('main a').toArray().map((element) => $(element).attr('href')));
    for (const output of server.graph.store.getObjects(`${server.base}id/catalog`, 'http://www.w3.org/ns/dcat#dataset', null)) expect(hrefs.has(output.value), output.value).toBe(true);
    expect(hrefs.has(`${server.base}id/person/ada-example`)).toBe(true);
    expect(hrefs.has(`${server.base}id/person/bob`)).toBe(true);
    expect(hrefs.has(`${server.base}id/catalog`)).toBe(true);
    expect(hrefs.has(`${server.base}sparql`)).toBe(true);
    for (const extension of ['ttl', 'nt', 'jsonld', 'rdf']) expect(hrefs.has(`${server.base}dump.${extension}`), extension).toBe(true);
    expect($('h1').text().length).toBeGreaterThan(0);
  });

  it('is in French for French readers, with the catalogue named in French', async () => {
    const { $ } = await page('/', { 'Accept-Language': 'fr' });
    expect($('html').attr('lang')).toBe('fr');
    expect($('main a[href$="/sparql"]').text()).toBe('Point d’accès SPARQL');
    expect($('#explore').text()).toContain('Résultats de test');
    const english = (await page('/', { 'Accept-Language': 'en' })).$;
    expect(english('#explore').text()).toContain('Test outputs');
  });

  it('sends RDF clients to the catalogue’s description', async () => {
    const response = await request(server.app).get('/').set('Accept', 'text/turtle');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${server.base}doc/catalog.ttl`);
  });
});

describe('the language switch', () => {
  it('links each page to itself in the other language, and ?lang= overrides Accept-Language', async () => {
    const english = await page('/doc/output/test-guide', { 'Accept-Language': 'en' });
    const toFrench = english.$('nav[aria-label="Language"] a[hreflang="fr"]');
    expect(toFrench.attr('href')).toBe(`${server.base}doc/output/test-guide?lang=fr`);
    expect(toFrench.attr('lang')).toBe('fr');
    expect(english.$('head link[rel="alternate"][hreflang="fr"]').attr('href')).toBe(`${server.base}doc/output/test-guide?lang=fr`);
    const french = await page('/doc/output/test-guide?lang=fr', { 'Accept-Language': 'en' });
    expect(french.$('html').attr('lang')).toBe('fr');
    expect(french.response.headers['content-language']).toBe('fr');
    expect(french.$('h1').text()).toBe('Guide de test');
    // The picked page does not depend on Accept-Language, so it does not vary on it.
    expect(french.response.headers.vary).not.toMatch(/Accept-Language/);
    expect(english.response.headers.vary).toMatch(/Accept-Language/);
    expect(french.response.headers.etag).not.toBe((await page('/doc/output/test-guide', { 'Accept-Language': 'fr' })).response.headers.etag);
    expect(french.$('nav[aria-label="Langue"] a[hreflang="en"]').attr('href')).toBe(`${server.base}doc/output/test-guide?lang=en`);
  });

  it('keeps a picked language on the site’s own links and through the 303, never on links elsewhere', async () => {
    const { $ } = await page('/doc/output/test-guide?lang=fr');
    const hrefs = $('a[href]').toArray().map((element) => $(element).attr('href')!);
    const ours = hrefs.filter((href) => href.startsWith(`${server.base}id/`));
    expect(ours.length).toBeGreaterThan(2);
    for (const href of ours) expect(new URL(href).searchParams.get('lang'), href).toBe('fr');
    for (const href of hrefs.filter((href) => /^https?:/.test(href) && !href.startsWith(server.base))) expect(href).not.toContain('lang=');
    const redirect = await request(server.app).get('/id/person/ada-example?lang=fr').set('Accept', 'text/html');
    expect(redirect.status).toBe(303);
    expect(new URL(redirect.headers.location as string).searchParams.get('lang')).toBe('fr');
    const turtle = await request(server.app).get('/id/person/ada-example?lang=fr').set('Accept', 'text/turtle');
    expect(turtle.headers.location).not.toContain('lang=');
  });

  it('ignores a language the interface is not written in', async () => {
    const { response, $ } = await page('/doc/output/test-guide?lang=de', { 'Accept-Language': 'fr' });
    expect($('html').attr('lang')).toBe('fr');
    expect(response.headers.vary).toMatch(/Accept-Language/);
  });
});

describe('landmarks and the guide’s overview', () => {
  it('every page has one banner, navigation, main and footer, a skip link, and headings that never skip a level', async () => {
    for (const path of ['/', '/doc/output/test-guide', '/doc/person/bob', '/sparql', '/queries']) {
      const { $ } = await page(path, { Accept: 'text/html' });
      expect($('body > header').length, path).toBe(1);
      expect($('body > main#content').length, path).toBe(1);
      expect($('body > footer').length, path).toBe(1);
      expect($('header nav[aria-label]').length, path).toBe(2);
      expect($('a.skip-link[href="#content"]').length, path).toBe(1);
      expect($('h1').length, path).toBe(1);
      const levels = $('h1, h2, h3, h4').toArray().map((element) => Number(element.tagName.slice(1)));
      levels.forEach((level, index) => {
        if (index > 0) expect(level - levels[index - 1]!, `${path}: heading ${index}`).toBeLessThanOrEqual(1);
      });
    }
  });

  it('the home page groups the outputs by kind, the contributors by role with their affiliations, and shows the funding', async () => {
    const { $ } = await page('/');
    expect($('#outputs h3').length).toBeGreaterThan(0);
    const outputs = server.graph.store.getObjects(`${server.base}id/catalog`, 'http://www.w3.org/ns/dcat#dataset', null).map((term) => term.value);
    for (const output of outputs) expect($(`#outputs a[href="${output}"]`).length, output).toBeGreaterThan(0);
    expect($('#contributors h3').length).toBeGreaterThan(0);
    expect($('#contributors li a[href$="/id/person/ada-example"]').length).toBeGreaterThan(0);
    const grants = server.graph.store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://schema.org/Grant', null);
    // The fixture has a grant (funding.yaml): the section must show, not merely be allowed to.
    expect(grants.length).toBe(1);
    expect($('#funding').length).toBe(1);
    // No cover image is shown without an address for it: a file name alone would be a broken image.
    for (const image of $('img').toArray()) expect($(image).attr('src')).toMatch(/^https?:\/\//);
    for (const extension of ['ttl', 'jsonld', 'nt', 'rdf']) expect($(`head link[rel="alternate"][href="${server.base}doc/catalog.${extension}"]`).length, extension).toBe(1);
  });
});

describe('the query page and the named queries page', () => {
  it('are valid HTML in both languages', async () => {
    for (const path of ['/sparql', '/sparql?lang=fr', '/queries', '/queries?lang=fr']) {
      const { response } = await page(path);
      await expectValidHtml(response.text, path);
    }
  });

  it('offer every named query with a Run button, result links in each format, and a form for readers without scripts', async () => {
    const { $ } = await page('/sparql');
    const names = ['contributors-by-role', 'funding', 'organisations', 'outputs'];
    for (const name of names) {
      expect($(`button[data-named-query="${name}"]`).length, name).toBe(1);
      for (const format of ['json', 'xml', 'csv', 'tsv']) expect($(`#examples a[href="${server.base}queries/${name}?format=${format}"]`).length, `${name} ${format}`).toBe(1);
    }
    expect(Object.keys(JSON.parse($('#query-page-config').text()).queries).sort()).toEqual(names);
    const noscript = cheerio.load($('noscript').html() ?? '');
    expect(noscript('form[action$="/sparql"] textarea[name="query"]').attr('id')).toBe('query-text');
    expect(noscript('label[for="query-text"]').length).toBe(1);
    expect(noscript('label[for="result-format"]').length).toBe(1);
    for (const format of ['json', 'xml', 'csv', 'tsv']) expect($(`#result-downloads a[data-result-format="${format}"]`).attr('href')).toContain(`&format=${format}`);
  });

  it('/queries is a page for browsers and JSON for everyone else', async () => {
    const { $ } = await page('/queries');
    expect($('h1').text()).toBe('Named queries');
    expect((await request(server.app).get('/queries')).headers['content-type']).toMatch(/^application\/json/);
    expect((await request(server.app).get('/queries?format=json').set('Accept', 'text/html')).headers['content-type']).toMatch(/^application\/json/);
    const french = await page('/queries', { 'Accept-Language': 'fr' });
    expect(french.$('h1').text()).toBe('Requêtes nommées');
    expect(french.$('main h2 [lang="en"]').length).toBeGreaterThan(0);
  });
});

describe("an output's Cite as", () => {
  it('formats the reference in APA by default, with no year the data lacks, and links the other styles, locales and downloads', async () => {
    const { $ } = await page('/doc/output/test-report');
    const cite = $('#cite');
    expect(cite.find('.citation').text()).toMatch(/^Test Organisation, & Example, B\. \(n\.d\.\)\. Test Report/);
    expect(cite.find('a[aria-current]').map((_, element) => $(element).text()).get()).toEqual(['APA (7th edition)', 'English (Canada)']);
    expect(cite.find('a[href$="?style=vancouver"]').length).toBe(1);
    expect(cite.find('a[type="application/x-bibtex"]').attr('href')).toBe(`${server.base}doc/output/test-report.bib`);
  });

  it('follows ?style= and ?locale=, and the page language chooses the default locale', async () => {
    const vancouver = (await page('/doc/output/test-report?style=vancouver')).$;
    expect(vancouver('#cite .citation').text()).toMatch(/^1\. Test Organisation, Example B\. Test Report \[Internet\]/);
    expect(vancouver('#cite a[aria-current]').first().text()).toMatch(/^Vancouver/);
    const french = (await page('/doc/output/test-report', { 'Accept-Language': 'fr' })).$;
    expect(french('#cite .citation').text()).toMatch(/\(s\.\s?d\.\)/);
    const picked = (await page('/doc/output/test-report?locale=fr-CA&lang=en')).$;
    expect(picked('#cite .citation').attr('lang')).toBe('fr-CA');
    expect(picked('#cite a[href*="style=vancouver"]').attr('href')).toBe(`${server.base}doc/output/test-report?style=vancouver&locale=fr-CA&lang=en`);
  });

  it('refuses a style it does not offer with a 400 that lists the styles', async () => {
    const response = await request(server.app).get('/doc/output/test-report?style=mla').set('Accept', 'text/html');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const style of ['apa', 'harvard-cite-them-right', 'vancouver']) expect(response.text).toContain(style);
  });
});
