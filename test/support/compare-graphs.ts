import { Parser, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';

const writer = new Writer({ format: 'N-Triples' });

/** A quad as one N-Triples line written by one writer, so equal terms give equal strings. */
export function tripleLine(quad: Quad): string {
  return writer.quadToString(quad.subject, quad.predicate, quad.object).trim();
}

/** The graph's triples as a sorted list of lines; with no blank nodes, equal lists mean isomorphic graphs. */
export function tripleLines(quads: Iterable<Quad>): string[] {
  return [...new Set([...quads].map(tripleLine))].sort();
}

/** Parses N-Triples text with N3.js. */
export function parseNTriples(text: string): Quad[] {
  return new Parser({ format: 'application/n-triples' }).parse(text);
}
