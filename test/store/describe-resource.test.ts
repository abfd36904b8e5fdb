import { DataFactory, Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { DESCRIPTION_MEMO_BYTES, describeResource, instancesOf, literalLanguages, resourcesLinkingTo } from '../../src/store/describe-resource.js';
import { FOAF } from '../../src/graph/namespaces.js';
import { tripleLines } from '../support/compare-graphs.js';

// A small graph written out by hand, so each expectation is visible here.
const TURTLE = `
@prefix ex: <http://example.org/id/> .
@prefix schema: <http://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:guide a foaf:Document ;
  schema:name "Guide"@en, "Guide"@fr ;
  schema:author ex:ada ;
  schema:about ex:topic ;
  schema:isPartOf ex:unnamed ;
  dcat:distribution <http://example.org/id/guide#web> ;
  schema:funding [ schema:name "A grant" ; schema:funder ex:org ] .
<http://example.org/id/guide#web> dcat:accessURL <https://example.net/guide> .
ex:ada a foaf:Person ; foaf:name "Ada" ; schema:affiliation ex:org .
ex:topic skos:prefLabel "Topic"@en ; skos:definition "Not a label"@en .
ex:org schema:name "Org"@es .
ex:report schema:author ex:ada .
<http://example.org/id/report#part> schema:mentions ex:ada .
`;

const store = new Store(new Parser({ baseIRI: 'http://example.org/' }).parse(TURTLE));
const lines = (turtle: string) => tripleLines(new Parser({ baseIRI: 'http://example.org/' }).parse(turtle));
const PREFIXES = `@prefix ex: <http://example.org/id/> . @prefix schema: <http://schema.org/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .`;

describe('describeResource', () => {
  it('holds the resource’s triples, its hash parts’ and blank nodes’, and the labels of what they link to', () => {
    const description = describeResource(store, 'http://example.org/id/guide')!;
    const own = tripleLines(description.own);
    expect(own).toHaveLength(11); // 8 of the guide, 1 of #web, 2 of the blank node
    expect(own).toEqual(expect.arrayContaining(lines(`${PREFIXES} <http://example.org/id/guide#web> dcat:accessURL <https://example.net/guide> .`)));
    expect(own.some((line) => line.includes('"A grant"'))).toBe(true);
    expect(tripleLines(description.labels)).toEqual(
      lines(`${PREFIXES} ex:ada foaf:name "Ada" . ex:topic skos:prefLabel "Topic"@en . ex:org schema:name "Org"@es .`),
    );
    expect(tripleLines(description.quads)).toEqual(tripleLines([...description.own, ...description.labels]));
  });

  it('is undefined for an IRI the graph says nothing about, or only mentions', () => {
    expect(describeResource(store, 'http://example.org/id/nobody')).toBeUndefined();
    expect(describeResource(store, 'https://example.net/guide')).toBeUndefined();
    expect(describeResource(store, 'http://example.org/id/guid')).toBeUndefined();
  });

  it('does not take in resources whose IRI merely starts the same way', () => {
    const extra = new Store([...store.getQuads(null, null, null, null), ...new Parser().parse('<http://example.org/id/guide-2> <http://schema.org/name> "Other" .')]);
    const description = describeResource(extra, 'http://example.org/id/guide')!;
    expect(description.own.some((quad) => quad.subject.value.endsWith('guide-2'))).toBe(false);
  });
});

describe('the page helpers', () => {
  it('resourcesLinkingTo folds hash parts into their resource and leaves out the resource itself', () => {
    expect(resourcesLinkingTo(store, 'http://example.org/id/ada').map((node) => node.value)).toEqual(['http://example.org/id/guide', 'http://example.org/id/report']);
  });

  it('instancesOf lists the typed subjects; literalLanguages the tags in use', () => {
    expect(instancesOf(store, FOAF.Person).map((node) => node.value)).toEqual(['http://example.org/id/ada']);
    expect(literalLanguages(store)).toEqual(['en', 'es', 'fr']);
  });
});

describe('the description memo', () => {
  it('gives the same description again, and lets the least recently used go once past its bound', () => {
    const { namedNode, literal, quad } = DataFactory;
    // 20 resources of 5,000 triples each: about 20 MB at the memo's estimate, more than its 16 MB bound.
    const store = new Store();
    const name = namedNode('http://schema.org/name');
    for (let r = 0; r < 20; r++) {
      const subject = namedNode(`http://example.org/id/r${r}`);
      for (let i = 0; i < 5000; i++) store.addQuad(quad(subject, name, literal(`name ${i}`)));
    }
    expect(20 * 5000 * 200).toBeGreaterThan(DESCRIPTION_MEMO_BYTES);
    const first = describeResource(store, 'http://example.org/id/r0');
    expect(describeResource(store, 'http://example.org/id/r0')).toBe(first);
    const descriptions = Array.from({ length: 20 }, (_, r) => describeResource(store, `http://example.org/id/r${r}`));
    expect(descriptions[0]).toBe(first);
    // The most recent is still kept; the oldest was computed anew.
    expect(describeResource(store, 'http://example.org/id/r19')).toBe(descriptions[19]);
    const again = describeResource(store, 'http://example.org/id/r0');
    expect(again).not.toBe(first);
    expect(again?.own).toHaveLength(5000);
  });
});
