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

  it('shows an RDF list where it is used, as a numbered list of names, and never a blank node as a part', () => {
    const first = DataFactory.blankNode('first');
    const second = DataFactory.blankNode('second');
    const bob = SITE.resource('person', 'bob');
    const own = [
      quad(guide, DCT.title, literal('The guide', 'en')),
      quad(guide, namedNode('http://purl.org/ontology/bibo/authorList'), first),
      quad(first, RDF.first, bob),
      quad(first, RDF.rest, second),
      quad(second, RDF.first, ada),
      quad(second, RDF.rest, RDF.nil),
      quad(namedNode(`${guide.value}#part`), DCT.title, literal('A part', 'en')),
    ];
    const markup = renderResourcePage({
      ...EN,
      iri: guide.value,
      own,
      referencedBy: [],
      labels: (node) => (node.equals(bob) ? [literal('Bob')] : node.value === `${guide.value}#part` ? [literal('A part', 'en')] : labels(node)),
      languages: ['en'],
      prefixes: { bibo: 'http://purl.org/ontology/bibo/', dct: 'http://purl.org/dc/terms/' },
      baseUrl: SITE.base,
      site: SITE,
      alternates: [],
    });
    const $ = parse(markup);
    expect($('dt:contains("bibo:authorList") + dd ol > li').toArray().map((item) => $(item).text())).toEqual(['Bob', 'Ada <Lovelace>']);
    expect($('main h3').toArray().map((heading) => $(heading).text())).toEqual(['A part']);
    expect(markup).not.toContain('first');
  });
});
