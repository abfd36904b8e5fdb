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

  it('shows the authors’ sequence where it is used, as a numbered list of names in order, and a blank node as its properties, never as a part', () => {
    const authors = namedNode(`${guide.value}#authors`);
    const bob = SITE.resource('person', 'bob');
    const member = (n: number) => namedNode(`http://www.w3.org/1999/02/22-rdf-syntax-ns#_${n}`);
    const grant = DataFactory.blankNode('grant');
    const own = [
      quad(guide, DCT.title, literal('The guide', 'en')),
      quad(guide, namedNode('http://purl.org/ontology/bibo/authorList'), authors),
      quad(authors, RDF.type, RDF.Seq),
      // Written out of order, and past 9, so the order is the members' numbers, not the text's.
      quad(authors, member(10), bob),
      quad(authors, member(2), ada),
      quad(guide, SCHEMA.funding, grant),
      quad(grant, DCT.title, literal('A grant', 'en')),
    ];
    const markup = renderResourcePage({
      ...EN,
      iri: guide.value,
      own,
      referencedBy: [],
      labels: (node) => (node.equals(bob) ? [literal('Bob')] : labels(node)),
      languages: ['en'],
      prefixes: { bibo: 'http://purl.org/ontology/bibo/', dct: 'http://purl.org/dc/terms/', schema: 'http://schema.org/' },
      baseUrl: SITE.base,
      site: SITE,
      alternates: [],
    });
    const $ = parse(markup);
    expect($('dt:contains("bibo:authorList") + dd ol > li').toArray().map((item) => $(item).text())).toEqual(['Ada <Lovelace>', 'Bob']);
    expect($('dt:contains("schema:funding") + dd li').text()).toBe('dct:title A grant');
    expect($('main h3').length).toBe(1);
    expect($('main section#authors').length).toBe(1);
  });
});
