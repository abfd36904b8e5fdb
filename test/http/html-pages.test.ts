import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import jsonld from 'jsonld';
import request from 'supertest';
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
