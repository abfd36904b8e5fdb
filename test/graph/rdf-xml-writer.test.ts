import { DataFactory } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { RdfXmlError, writeRdfXml } from '../../src/graph/rdf-xml-writer.js';
import { tripleLines } from '../support/compare-graphs.js';
import { TYPED_BLANK_NODE } from '../support/typed-blank-node.js';

const { literal, namedNode, quad } = DataFactory;

function parse(xml: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (parsed: Quad) => quads.push(parsed)).on('error', reject).on('end', () => resolve(quads));
    parser.end(xml);
  });
}

describe('writeRdfXml', () => {
  // Read back by rdfxml-streaming-parser, which no one here wrote; rapper reads the same
  // document in test/clients/rdf-xml-in-rapper.test.ts (`npm run test:interop`).
  it('writes a typed blank node so a parser reads back the same graph (rdflib.js did not)', async () => {
    const readBack = await parse(writeRdfXml(TYPED_BLANK_NODE, { ex: 'http://example.org/' }));
    expect(isomorphic(readBack, TYPED_BLANK_NODE), tripleLines(readBack).join('\n')).toBe(true);
  });

  it('declares the given prefixes it uses and invents ns1, ns2… for other namespaces', () => {
    const xml = writeRdfXml([quad(namedNode('http://example.org/a'), namedNode('http://other.example/vocab#term'), literal('x'))], { ex: 'http://example.org/', unused: 'http://unused.example/' });
    expect(xml).toContain('xmlns:ns1="http://other.example/vocab#"');
    expect(xml).toContain('<ns1:term>x</ns1:term>');
    expect(xml).not.toContain('unused');
  });

  it.each([
    ['a predicate that ends in no XML name', quad(namedNode('http://example.org/a'), namedNode('http://example.org/123'), literal('x')), 'RDF/XML cannot write the predicate <http://example.org/123>: it does not end in an XML name.'],
    ['a control character', quad(namedNode('http://example.org/a'), namedNode('http://example.org/p'), literal('bell\u0007')), 'RDF/XML cannot carry the control characters in "bell\\u0007".'],
  ])('refuses %s with a clear error', (_what, input, message) => {
    expect(() => writeRdfXml([input], {})).toThrow(new RdfXmlError(message));
  });
});
