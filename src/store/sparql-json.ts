import type { Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { SolutionMap } from './solution-writers.js';

// Reading SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)
// into solutions for solution-writers.ts: what an external store answers, and what
// Oxigraph writes in one call instead of handing over a WebAssembly object per term.

/** One term of SPARQL JSON results. */
export interface JsonTerm {
  readonly type: string;
  readonly value: string;
  readonly 'xml:lang'?: string;
  readonly datatype?: string;
}

/** A SPARQL JSON results document, as far as it is read here. */
export interface SparqlJson {
  readonly head?: { readonly vars?: readonly string[] };
  readonly boolean?: boolean;
  readonly results?: { readonly bindings: readonly Record<string, JsonTerm>[] };
}

/** One row of SPARQL JSON results as a solution. */
export function toSolution(row: Record<string, JsonTerm>): SolutionMap {
  const solution = new Map<string, Term>();
  for (const name in row) solution.set(name, toTerm(row[name]!));
  return solution;
}

/** A term of SPARQL JSON results, including the `typed-literal` type older stores still write. */
export function toTerm(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri':
      return DataFactory.namedNode(term.value);
    case 'bnode':
      // Virtuoso labels blank nodes `nodeID://b123`; a label must be a plain name.
      return DataFactory.blankNode(term.value.replace(/[^A-Za-z0-9_-]/g, '_'));
    default:
      return DataFactory.literal(term.value, term['xml:lang'] || (term.datatype ? DataFactory.namedNode(term.datatype) : undefined));
  }
}
