import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { canonize } from 'rdf-canonize';

/** A graph in canonical form: the same graph gives the same text and hash whatever its blank node labels. */
export interface CanonicalGraph {
  /** RDFC-1.0 canonical N-Quads: one sorted line per triple, blank nodes labelled `_:c14n0`, `_:c14n1`, …; also valid N-Triples for a graph without named graphs. */
  readonly nquads: string;
  /** SHA-256 (hex) of `nquads`. */
  readonly hash: string;
  readonly tripleCount: number;
}

/**
 * The graph canonicalised with RDF Dataset Canonicalization (W3C RDFC-1.0,
 * rdf-canonize): two builds of the same graph, whatever labels their blank
 * nodes got (bibo:authorList lists are blank nodes), give the same text and
 * the same hash, which is what makes a release content-addressed. The default
 * work factor refuses graphs whose blank nodes need super-linear work to tell
 * apart; the build never makes such a graph.
 */
export async function canonicalGraph(quads: readonly Quad[]): Promise<CanonicalGraph> {
  const nquads = await canonize(quads, { algorithm: 'RDFC-1.0' });
  return { nquads, hash: sha256(nquads), tripleCount: countLines(nquads) };
}

/** SHA-256 of a text, hex. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
