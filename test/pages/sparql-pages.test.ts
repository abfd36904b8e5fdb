import { describe, expect, it } from 'vitest';
import type { NamedQuery } from '../../src/store/named-queries.js';
import { renderQueriesPage } from '../../src/pages/queries-page.js';
import { exampleQuery, renderQueryPage } from '../../src/pages/query-page.js';
import { EN, FR, parse, SITE } from './page-fixture.js';

const QUERY: NamedQuery = {
  name: 'people',
  title: 'People',
  description: 'Everyone.',
  parameters: [{ name: 'org', type: 'iri', required: false, description: 'An organisation under {base}.' }],
  text: 'SELECT * WHERE { ?s ?p ?o }\n',
};

describe('the SPARQL query page, rendered directly', () => {
  it('names the endpoint, posts the form to it, loads YASGUI from under the base’s path and offers the named queries', () => {
    const $ = parse(renderQueryPage({ ...EN, site: SITE, prefixes: { dct: 'http://purl.org/dc/terms/' }, queries: [QUERY] }));
    expect($('code').first().text()).toBe('https://data.example.org/osc/sparql');
    expect($('noscript').text()).toContain('action="https://data.example.org/osc/sparql"');
    expect($('script[src]').map((_, s) => $(s).attr('src')).get()).toEqual(['/osc/sparql-ui/yasgui.min.js', '/osc/sparql-ui/start.js']);
    expect($('#examples a').first().attr('href')).toBe('https://data.example.org/osc/queries/people');
    expect(JSON.parse($('#query-page-config').text()).endpoint).toBe(SITE.sparql);
  });

  it('starts from an example that declares the graph’s prefixes', () => {
    expect(exampleQuery({ dct: 'http://purl.org/dc/terms/' })).toMatch(/^PREFIX dct: <http:\/\/purl.org\/dc\/terms\/>\n\nSELECT/);
  });
});

describe('the named queries page, rendered directly', () => {
  it('links each query’s results in every format, the JSON list and OpenAPI, and marks English text on a French page', () => {
    const $ = parse(renderQueriesPage({ ...FR, site: SITE, queries: [QUERY], chosenLang: 'fr' }));
    expect($('#people a[href$="format=json"]').attr('href')).toBe('https://data.example.org/osc/queries/people?format=json');
    expect($('a[href="https://data.example.org/osc/openapi.json"]').length).toBe(1);
    expect($('main a').first().attr('href')).toBe('https://data.example.org/osc/sparql?lang=fr');
    expect($('#people-heading span[lang=en]').text()).toBe('People');
  });
});
