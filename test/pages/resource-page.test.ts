import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { DCT, RDF, SCHEMA } from '../../src/graph/namespaces.js';
import { renderResourcePage } from '../../src/pages/resource-page.js';
import { EN, labels, parse, SITE } from './page-fixture.js';

const { quad, literal, namedNode } = DataFactory;
const guide = SITE.resource('output', 'guide');
const ada = SITE.resource('person', 'ada');

describe('a resource page, rendered from a few triples', () => {
  it('is titled with the label, lists the properties and links what it refers to by name', () => {
    const markup = renderResourcePage({
      ...EN,
      iri: guide.value,
      own: [
        quad(guide, RDF.type, SCHEMA.CreativeWork),
        quad(guide, DCT.title, literal('The guide', 'en')),
        quad(guide, DCT.creator, ada),
      ],
      referencedBy: [],
      labels,
      languages: ['en'],
      prefixes: { schema: 'http://schema.org/', dct: 'http://purl.org/dc/terms/' },
      baseUrl: SITE.base,
      site: SITE,
      alternates: [{ href: SITE.documentOf(guide.value, 'ttl')!, type: 'text/turtle', title: 'Turtle' }],
      pageUrl: SITE.documentOf(guide.value),
    });
    const $ = parse(markup);
    expect($('h1').text()).toBe('The guide');
    expect($(`a[href="${ada.value}"]`).text()).toBe('Ada <Lovelace>');
    expect($('link[rel=alternate][type="text/turtle"]').attr('href')).toBe('https://data.example.org/osc/doc/output/guide.ttl');
    expect(markup).not.toContain('<Lovelace>');
    expect(namedNode(SITE.documentOf(guide.value)!).value).toBe('https://data.example.org/osc/doc/output/guide');
  });
});
