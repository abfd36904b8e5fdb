import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { schemaOrgJsonLd } from '../../src/pages/schema-org-json-ld.js';

const TURTLE = `
@prefix schema: <http://schema.org/> .
@prefix dct: <http://purl.org/dc/terms/> .
<http://example.org/c> a schema:DataCatalog ; schema:name "Catalogue"@en, "Catalogue"@fr ;
  schema:dataset <http://example.org/d1>, <http://example.org/d2> ; dct:title "not schema.org" .
<http://example.org/d1> a schema:Dataset ; schema:name "One" ; schema:creator [ a schema:Person ; schema:name "Ada" ] .
<http://example.org/d2> a schema:Dataset ; schema:name "Two" ; schema:dateCreated "2018-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
`;

describe('schemaOrgJsonLd', () => {
  it('gives the tree jsonld.js frames from the same triples as N-Quads text, each triple once, blank nodes included', async () => {
    const quads = new Parser().parse(TURTLE);
    // A description may reach a triple twice (the label of two linked resources).
    const repeated = [...quads, quads.find((quad) => quad.object.value === 'One')!];
    const schemaQuads = quads.filter((quad) => !quad.predicate.value.startsWith('http://purl.org/dc/terms/'));
    const text = new Writer({ format: 'N-Quads' }).quadsToString(schemaQuads);
    const expected = await jsonld.frame(await jsonld.fromRDF(text, { format: 'application/n-quads' }), { '@context': { '@vocab': 'http://schema.org/' }, '@id': 'http://example.org/c' } as never, { omitGraph: true } as never);
    const tree = await schemaOrgJsonLd('http://example.org/c', repeated);
    expect(tree).toEqual(expected);
    expect(JSON.stringify(tree)).toContain('"name":"Ada"');
    expect((tree as { dataset: { name: string }[] }).dataset.find((dataset) => dataset.name === 'One')).toBeDefined();
  });
});
