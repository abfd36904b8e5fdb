import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { renderHomePage } from '../../src/pages/home-page.js';
import { FR, labels, parse, SITE } from './page-fixture.js';

describe('the home page, rendered from a tiny catalogue', () => {
  it('lists the outputs and people, links the endpoint, the queries and the dumps, keeping a picked language', () => {
    const $ = parse(
      renderHomePage({
        ...FR,
        baseUrl: SITE.base,
        site: SITE,
        languages: ['fr', 'en'],
        prefixes: {},
        labels,
        catalog: SITE.catalog.value,
        catalogDescription: [DataFactory.literal('Un catalogue', 'fr')],
        outputs: [SITE.resource('output', 'guide')],
        people: [SITE.resource('person', 'ada')],
        organisations: [],
        projects: [],
        dumps: [{ href: SITE.dump('ttl'), label: 'Turtle', mediaType: 'text/turtle' }],
        chosenLang: 'fr',
      }),
    );
    expect($('html').attr('lang')).toBe('fr');
    expect($('#explore a').map((_, a) => $(a).attr('href')).get()).toEqual([`${SITE.catalog.value}?lang=fr`, `${SITE.sparql}?lang=fr`, `${SITE.queries}?lang=fr`]);
    expect($('#downloads a[type="text/turtle"]').attr('href')).toBe('https://data.example.org/osc/dump.ttl');
    expect($('link[rel=alternate][title="DCAT catalogue"]').attr('href')).toBe('https://data.example.org/osc/catalog');
    expect($('#people a').text()).toBe('Ada <Lovelace>');
  });
});
