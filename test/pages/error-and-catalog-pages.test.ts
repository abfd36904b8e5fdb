import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { renderCatalogPage } from '../../src/pages/catalog-page.js';
import { renderErrorPage } from '../../src/pages/error-page.js';
import { EN, FR, parse, SITE } from './page-fixture.js';

describe('the error page, rendered directly', () => {
  it('shows the problem in English inside a French page, the request id of a server error and the way back', () => {
    const $ = parse(renderErrorPage({ ...FR, site: SITE, status: 500, title: 'Internal Server Error', detail: 'Oops <x>', requestId: 'abc', chosenLang: 'fr' }));
    expect($('h1').text()).toBe('500 Internal Server Error');
    expect($('h1 span[lang=en]').text()).toBe('Internal Server Error');
    expect($('main code').text()).toBe('abc');
    expect($('main li a').map((_, a) => $(a).attr('href')).get()).toEqual([`${SITE.base}?lang=fr`, `${SITE.catalog.value}?lang=fr`]);
  });

  it('has no request id for a client error', () => {
    const $ = parse(renderErrorPage({ ...EN, site: SITE, status: 404, title: 'Not Found', detail: 'Nothing here.' }));
    expect($('main code').length).toBe(0);
    expect($('main p').first().text()).toBe('Nothing here.');
  });
});

describe('a catalogue page, rendered directly', () => {
  it('lists its datasets, pages with first/next/last and links itself in each format', () => {
    const pageUrl = (n: number, extension?: string) => `${SITE.catalogPages(extension)}?page=${n}`;
    const $ = parse(
      renderCatalogPage({
        ...EN,
        site: SITE,
        title: 'Outputs',
        description: DataFactory.literal('What the guide produced', 'en'),
        totalItems: 3,
        page: 1,
        lastPage: 2,
        datasets: [{ href: SITE.documentOf(SITE.resource('output', 'guide').value)!, name: 'The guide' }],
        pageUrl,
        formats: [{ extension: 'ttl', mediaType: 'text/turtle', label: 'Turtle' }],
      }),
    );
    expect($('h1').text()).toBe('Outputs');
    expect($('main > ul a').attr('href')).toBe('https://data.example.org/osc/doc/output/guide');
    expect($('nav[aria-label] a[rel]').map((_, a) => `${$(a).attr('rel')} ${$(a).attr('href')}`).get()).toEqual([
      'first https://data.example.org/osc/catalog?page=1',
      'next https://data.example.org/osc/catalog?page=2',
      'last https://data.example.org/osc/catalog?page=2',
    ]);
    expect($('link[rel=alternate][type="text/turtle"]').attr('href')).toBe('https://data.example.org/osc/catalog.ttl?page=1');
  });
});
