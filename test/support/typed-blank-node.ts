import { DataFactory } from 'n3';

const { blankNode, literal, namedNode, quad } = DataFactory;

/**
 * A blank node with a type, a language-tagged literal with XML specials and a
 * typed literal: the case rdflib.js wrote wrongly as RDF/XML. Read back by
 * rdfxml-streaming-parser in the unit tests and by rapper in test:interop.
 */
export const TYPED_BLANK_NODE = [
  quad(namedNode('http://example.org/a'), namedNode('http://example.org/p'), blankNode('b')),
  quad(blankNode('b'), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('http://example.org/T')),
  quad(blankNode('b'), namedNode('http://example.org/label'), literal('A & B <"quoted">', 'en')),
  quad(blankNode('b'), namedNode('http://example.org/count'), literal('3', namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
];
