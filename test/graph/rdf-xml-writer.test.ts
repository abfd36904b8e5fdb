import { execFileSync } from 'node:child_process';
import { DataFactory } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { RdfXmlError, writeRdfXml } from '../../src/graph/rdf-xml-writer.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';

const { blankNode, literal, namedNode, quad } = DataFactory;
const RDF_TYPE = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

function parse(xml: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (parsed: Quad) => quads.push(parsed)).on('error', reject).on('end', () => resolve(quads));
    parser.end(xml);
  });
}

/** Triples with blank node labels replaced, for graphs whose only blank node is named "b" here. */
const canonical = (quads: Quad[]) => tripleLines(quads).map((line) => line.replace(/_:[\w.-]+/g, '_:b'));

const TYPED_BLANK_NODE = [
  quad(namedNode('http://example.org/a'), namedNode('http://example.org/p'), blankNode('b')),
  quad(blankNode('b'), RDF_TYPE, namedNode('http://example.org/T')),
  quad(blankNode('b'), namedNode('http://example.org/label'), literal('A & B <"quoted">', 'en')),
  quad(blankNode('b'), namedNode('http://example.org/count'), literal('3', namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
];

describe('writeRdfXml', () => {
  it('writes a typed blank node so parsers read back the same triples (rdflib.js did not)', async () => {
    const xml = writeRdfXml(TYPED_BLANK_NODE, { ex: 'http://example.org/' });
    expect(canonical(await parse(xml))).toEqual(canonical(TYPED_BLANK_NODE));
    const rapper = execFileSync('rapper', ['-q', '-i', 'rdfxml', '-o', 'ntriples', '-', 'http://example.org/'], { input: xml, encoding: 'utf8' });
    expect(canonical(parseNTriples(rapper))).toEqual(canonical(TYPED_BLANK_NODE));
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
