import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { canonize, NQuads } from 'rdf-canonize';

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
 * nodes got (the build writes none, but the graph's own shape is no promise), give the same text and
 * the same hash, which is what makes a release content-addressed. The default
 * work factor refuses graphs whose blank nodes need super-linear work to tell
 * apart; the build never makes such a graph.
 */
export async function canonicalGraph(quads: readonly Quad[]): Promise<CanonicalGraph> {
  const nquads = await canonize(quads, { algorithm: 'RDFC-1.0' });
  return { nquads, hash: sha256(nquads), tripleCount: countLines(nquads) };
}

/**
 * The RDFC-1.0 hash of a graph without blank nodes, from its triples given in
 * sortQuads order (every triple of a subject together), a window at a time:
 * the same hash as canonicalGraph, with no copy of the graph in memory. Without
 * blank nodes, the canonical text is each triple's canonical N-Quads line,
 * sorted by code unit. Lines sort by subject first, as the triples do, except
 * where one subject IRI is a prefix of another: `<x>` sorts after
 * `<x#a>` and `<x-1>` (their next character is below `>`) and before
 * `<x?a>`. A stack of such subjects holds each one back until its turn; a
 * subject's own lines are sorted when it is written.
 */
export class CanonicalHash {
  private readonly digest = createHash('sha256');
  private readonly waiting: { iri: string; lines: string[] }[] = [];
  private current: { iri: string; lines: string[] } | undefined;
  private lines = 0;

  /** Adds triples that follow those added before in sortQuads order. */
  add(quads: readonly Quad[]): void {
    for (const quad of quads) {
      if (quad.subject.termType !== 'NamedNode' || quad.object.termType === 'BlankNode' || quad.graph.termType !== 'DefaultGraph') {
        throw new Error('The canonical hash is computed while writing only for a graph of IRIs and literals in the default graph; this graph has a blank node or a named graph.');
      }
      if (this.current?.iri !== quad.subject.value) this.startSubject(quad.subject.value);
      this.current!.lines.push(NQuads.serializeQuad(quad));
    }
  }

  /** The hash and the number of triples (lines), once every triple is added. */
  finish(): { readonly hash: string; readonly tripleCount: number } {
    this.startSubject(undefined);
    return { hash: this.digest.digest('hex'), tripleCount: this.lines };
  }

  private startSubject(iri: string | undefined): void {
    if (this.current) this.waiting.push(this.current);
    this.current = undefined;
    // Every subject waiting that is not a prefix of the next one is done, and so
    // is one whose next character in the new IRI sorts after ">".
    for (let top = this.waiting.at(-1); top; top = this.waiting.at(-1)) {
      if (iri !== undefined && iri.startsWith(top.iri) && iri.charCodeAt(top.iri.length) < 0x3e) break;
      this.write(this.waiting.pop()!);
    }
    if (iri !== undefined) this.current = { iri, lines: [] };
  }

  private write(subject: { lines: string[] }): void {
    subject.lines.sort();
    for (const line of subject.lines) this.digest.update(line);
    this.lines += subject.lines.length;
  }
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
