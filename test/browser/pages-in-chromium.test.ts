import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DCAT, FOAF } from '../../src/graph/namespaces.js';
import { DESKTOP, fitsWidth, launchChromium, PHONE, screenshot, seriousAxeViolations, startLiveSite, watchedContext, type LiveSite, type WatchedContext } from './browser-support.js';

// A person in a real Chromium (Debian's, driven by playwright-core) on the
// real app: browsing, switching language, running a named query, with no
// console error, no request leaving 127.0.0.1 and no serious axe violation.

let site: LiveSite;
let browser: Browser;
const contexts: WatchedContext[] = [];

beforeAll(async () => {
  site = await startLiveSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh page in a watched context; `locale` sets the browser's Accept-Language. */
async function open(path: string, options: { locale?: string; javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; watched: WatchedContext }> {
  const watched = await watchedContext(browser, site, { locale: options.locale ?? 'en-CA', javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: DESKTOP });
  contexts.push(watched);
  const page = await watched.newPage();
  const response = await page.goto(new URL(path, site.base).href);
  expect(response?.ok(), path).toBe(true);
  return { page, watched };
}

/** What every test ends with: nothing logged as an error, nothing fetched from elsewhere. */
function expectClean(watched: WatchedContext): void {
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.offSite).toEqual([]);
  expect(watched.requests.length).toBeGreaterThan(0);
  for (const url of watched.requests) expect(url.startsWith(site.base), url).toBe(true);
}

const iri = (path: string) => `${site.base}${path}`;
/** The browser is sent (303) to the `.html` document; either address is the same page. */
const samePage = (url: URL, path: string) => url.pathname.replace(/\.html$/, '') === path;
const documentPath = (path: string) => new URL(iri(path.replace(/^id\//, 'doc/'))).pathname;

describe('browsing', () => {
  it('goes from the home page to an output, a person, an organisation and back', async () => {
    const { page, watched } = await open('/');
    expect(await page.locator('h1').innerText()).toBe('Open Smart Cities Guide');

    await page.locator('#outputs').getByRole('link', { name: 'Open Smart Cities Guide', exact: true }).click();
    await page.waitForURL((url) => samePage(url, documentPath('id/output/open-smart-cities-guide')));
    expect(await page.locator('h1').innerText()).toBe('Open Smart Cities Guide');

    await page.locator('main').getByRole('link', { name: 'Tracey P. Lauriault', exact: true }).first().click();
    await page.waitForURL((url) => samePage(url, documentPath('id/person/tracey-p-lauriault')));
    expect(await page.locator('h1').innerText()).toBe('Tracey P. Lauriault');

    await page.locator('main').getByRole('link', { name: 'Carleton University', exact: true }).first().click();
    await page.waitForURL((url) => samePage(url, documentPath('id/organisation/carleton-university')));
    expect(await page.locator('h1').innerText()).toBe('Carleton University');

    await page.locator('header').getByRole('link', { name: 'Open Smart Cities Guide', exact: true }).click();
    await page.waitForURL(site.base);
    expect(await page.locator('h1').innerText()).toBe('Open Smart Cities Guide');
    await page.goBack();
    expect(await page.locator('h1').innerText()).toBe('Carleton University');
    expectClean(watched);
  });

  it('links every output, person and organisation from the home page, and each link opens its page', async () => {
    const { page, watched } = await open('/');
    const hrefs = new Set(await page.locator('main a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href)));
    const store = site.graph.store;
    const everyone = [
      ...store.getObjects(iri('id/catalog'), DCAT.dataset, null),
      ...store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', FOAF.Person, null),
      ...store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', FOAF.Organization, null),
    ].map((term) => term.value);
    expect(everyone.length).toBeGreaterThan(20);
    for (const target of everyone) expect(hrefs.has(target), target).toBe(true);
    // Each one answers with a page that leads back home.
    const visit = await watched.newPage();
    for (const target of everyone) {
      const response = await visit.goto(target);
      expect(response?.ok(), target).toBe(true);
      expect(await visit.locator('header a.site-name').getAttribute('href'), target).toBe(site.base);
      expect((await visit.locator('h1').innerText()).length, target).toBeGreaterThan(0);
    }
    expectClean(watched);
  });
});

describe('languages', () => {
  it('switches to French and back on the same resource, and stays in French while browsing', async () => {
    const { page, watched } = await open('/id/person/tracey-p-lauriault', { locale: 'en-CA' });
    const path = documentPath('id/person/tracey-p-lauriault');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
    await page.waitForURL((url) => samePage(url, path) && url.searchParams.get('lang') === 'fr');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').innerText()).toBe('Tracey P. Lauriault');
    expect(await page.getByRole('navigation', { name: 'Site' }).innerText()).toContain('Point d’accès SPARQL');

    // The pick sticks: the organisation's page is in French too, though the browser asks for English.
    await page.locator('main').getByRole('link', { name: 'Carleton University', exact: true }).first().click();
    await page.waitForURL((url) => samePage(url, documentPath('id/organisation/carleton-university')));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByRole('navigation', { name: 'Langue' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL((url) => samePage(url, documentPath('id/organisation/carleton-university')) && url.searchParams.get('lang') === 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Carleton University');
    expectClean(watched);
  });

  it('follows the browser’s language, and marks data that has no French as English', async () => {
    const { page, watched } = await open('/id/output/open-smart-cities-guide', { locale: 'fr-CA' });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1 [lang="en"]').innerText()).toBe('Open Smart Cities Guide');
    await page.locator('header a.site-name').click();
    await page.waitForURL(site.base);
    // The French interface keeps the guide's English name (no French title is invented), marked as English.
    expect(await page.locator('h1').innerText()).toBe('Open Smart Cities Guide');
    expect(await page.locator('h1').getAttribute('lang')).toBe('en');
    expect(await page.locator('#outputs-heading').innerText()).toBe('Productions');
    expect(await page.locator('#outputs [lang="en"]').first().isVisible()).toBe(true);
    expectClean(watched);
  });
});

describe('the query page', () => {
  it('runs a named query with one click and shows its results as a table', async () => {
    const { page, watched } = await open('/sparql');
    await page.locator('.yasqe .CodeMirror').waitFor();
    await page.locator('button[data-named-query="organisations"]').click();
    const cell = page.locator('.yasr table tbody td', { hasText: 'Carleton University' }).first();
    await cell.waitFor();
    expect(await cell.innerText()).toContain('Carleton University');
    expect(await page.locator('.yasr table thead').innerText()).toContain('organisationName');
    expectClean(watched);
  });

  it('runs another from the keyboard alone, and its download links give the results in each format', async () => {
    const { page, watched } = await open('/sparql');
    await page.locator('.yasqe .CodeMirror').waitFor();
    await page.locator('button[data-named-query="funding"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.yasr table tbody td', { hasText: 'GeoConnections' }).first().waitFor();
    const links = await page.locator('#result-downloads a').evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(links.length).toBe(4);
    for (const [href, mediaType] of links.map((href, index) => [href, ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'][index]!])) {
      expect(href!.startsWith(`${site.base}sparql?query=`)).toBe(true);
      expect(new URL(href!).searchParams.get('query')).toContain('schema:Grant');
      const response = await fetch(href!);
      expect(response.status, href).toBe(200);
      expect(response.headers.get('content-type'), href).toContain(mediaType);
      expect(await response.text(), href).toContain('GeoConnections');
    }
    expectClean(watched);
  });

  it('says it needs JavaScript when scripts are off, and still offers the named queries as links and a form', async () => {
    const { page, watched } = await open('/sparql', { javaScriptEnabled: false });
    expect(await page.locator('main').innerText()).toContain('The query editor needs JavaScript');
    expect(await page.locator('button[data-named-query]').first().isVisible()).toBe(false);
    const link = page.locator('#examples a[href$="/queries/organisations?format=csv"]');
    expect(await link.count()).toBe(1);
    const csv = await fetch((await link.getAttribute('href'))!);
    expect(await csv.text()).toContain('Carleton University');
    await page.getByLabel('Result format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Run the query' }).click()]);
    expect(new URL(download.url()).searchParams.get('format')).toBe('csv');
    expectClean(watched);
  });
});

describe('without JavaScript', () => {
  it('every kind of page reads the same: the home page, a resource, the named queries and an error page', async () => {
    const { page, watched } = await open('/', { javaScriptEnabled: false });
    expect(await page.locator('#outputs li').count()).toBeGreaterThan(5);
    await page.locator('#outputs').getByRole('link', { name: 'Open Smart Cities FAQ', exact: true }).click();
    expect(await page.locator('h1').innerText()).toBe('Open Smart Cities FAQ');
    await page.locator('header').getByRole('link', { name: 'Named queries' }).click();
    expect(await page.locator('h1').innerText()).toBe('Named queries');
    expect(await page.locator('main a[href$="/queries/funding?format=csv"]').count()).toBe(1);
    const missing = await page.goto(iri('id/person/nobody'));
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toContain('404');
    await page.locator('main').getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(site.base);
    // Chromium logs the 404 it was asked to load; that is the one error this test expects.
    const expected = `${iri('id/person/nobody')}: Failed to load resource: the server responded with a status of 404 (Not Found)`;
    expect(watched.consoleErrors).toEqual([expected]);
    watched.consoleErrors.length = 0;
    expectClean(watched);
  });
});

describe('record pages', () => {
  it('an output’s page: authors in order, then one action that opens the guide where it is published', async () => {
    const { page, watched } = await open('/id/output/open-smart-cities-guide');
    expect(await page.locator('ol.byline > li > a').allInnerTexts()).toEqual(['Tracey P. Lauriault', 'Rachel Bloom', 'Jean-Noé Landry']);
    const action = page.getByRole('link', { name: 'Read on Google Docs' });
    expect(await action.count()).toBe(1);
    expect(await action.getAttribute('href')).toBe('https://docs.google.com/document/d/1528rqTjzKWwk4s2xKuPf7ZJg-tLlRK8WcMZQbicoGTM/');
    // It is the first thing a keyboard reaches in the content after the authors and their affiliations.
    const order = await page.locator('main a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(order.indexOf(await action.getAttribute('href'))).toBe(6);
    await page.getByRole('link', { name: 'Open Smart Cities Guide v1.0' }).first().click();
    await page.waitForURL((url) => samePage(url, documentPath('id/output/open-smart-cities-guide-v1-0')));
    await page.locator('#versions').getByRole('link', { name: 'Open Smart Cities Guide', exact: true }).click();
    await page.waitForURL((url) => samePage(url, documentPath('id/output/open-smart-cities-guide')));
    expect(await page.locator('h1').innerText()).toBe('Open Smart Cities Guide');
    expectClean(watched);
  });

  it('a recording’s page says to watch it, and every statement opens without JavaScript', async () => {
    const { page, watched } = await open('/id/output/webinar-2', { javaScriptEnabled: false });
    expect(await page.locator('a.primary-action').innerText()).toBe('Watch on Vimeo');
    const table = page.locator('#statements details > dl');
    expect(await table.isVisible()).toBe(false);
    await page.locator('#statements summary').click();
    expect(await table.isVisible()).toBe(true);
    expect(await table.innerText()).toContain('dct:title');
    expectClean(watched);
  });

  it('a person’s works by role lead to a project’s page and its funding', async () => {
    const { page, watched } = await open('/id/person/tracey-p-lauriault', { locale: 'fr-CA' });
    expect(await page.locator('#works-heading').innerText()).toBe('Travaux, par rôle');
    await page.locator('#works').getByRole('link', { name: 'Open Smart Cities in Canada', exact: true }).click();
    await page.waitForURL((url) => samePage(url, documentPath('id/project/open-smart-cities-in-canada')));
    expect(await page.locator('#funding dd').first().innerText()).toBe('GeoConnections, Natural Resources Canada');
    expectClean(watched);
  });
});

describe('accessibility and layout', () => {
  const PAGES: readonly [string, string, string?][] = [
    ['home', '/'],
    ['home-fr', '/?lang=fr'],
    ['guide', '/id/output/open-smart-cities-guide'],
    ['guide-fr', '/id/output/open-smart-cities-guide?lang=fr'],
    ['guide-v1', '/id/output/open-smart-cities-guide-v1-0'],
    ['report', '/id/output/assessment-report'],
    ['webinar', '/id/output/webinar-2'],
    ['person', '/id/person/tracey-p-lauriault'],
    ['person-fr', '/id/person/tracey-p-lauriault?lang=fr'],
    ['organisation', '/id/organisation/opennorth'],
    ['funder', '/id/organisation/geoconnections'],
    ['project', '/id/project/open-smart-cities-in-canada'],
    ['catalogue', '/id/catalog'],
    ['catalogue-pages', '/catalog'],
    ['named-queries', '/queries'],
    ['query-page', '/sparql', 'organisations'],
  ];

  it.each(PAGES)('%s (%s): no serious or critical axe violation, fits a phone, screenshots at phone and desktop widths', async (name, path, query) => {
    const { page, watched } = await open(path);
    if (query) {
      await page.locator(`button[data-named-query="${query}"]`).click();
      await page.locator('.yasr table tbody td').first().waitFor();
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, name, DESKTOP);
    await screenshot(page, name, PHONE);
    expect(await fitsWidth(page), `${name} scrolls sideways on a phone`).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expectClean(watched);
  });

  it('the guide’s every statement, opened, has no serious axe violation and fits a phone', async () => {
    const { page, watched } = await open('/id/output/open-smart-cities-guide');
    await page.locator('#statements summary').click();
    expect(await page.locator('#statements details > dl').isVisible()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'guide-statements', PHONE);
    expect(await fitsWidth(page)).toBe(true);
    expectClean(watched);
  });

  it('a 404 page has no serious axe violation either', async () => {
    const watched = await watchedContext(browser, site, { locale: 'fr-CA', viewport: PHONE });
    const page = await watched.newPage();
    const response = await page.goto(iri('id/person/nobody'));
    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    // The 404 is the one expected console message; nothing else.
    expect(watched.consoleErrors.filter((line) => !line.includes('404'))).toEqual([]);
    expect(watched.offSite).toEqual([]);
  });
});
