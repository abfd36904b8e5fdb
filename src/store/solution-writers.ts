import type { Term, Variable } from '@rdfjs/types';
import { resultFormatByMediaType } from './result-formats.js';
import { writeTabularResults } from './tabular-results.js';

// SELECT results written here, row by row, for the engines that hand over their
// solutions whole (Oxigraph, an external store): the row limit is applied before
// writing, and large results still stream in chunks.

/** One solution as a map from variable name (without `?`) to its term. */
export type SolutionMap = ReadonlyMap<string, Term>;

/** Writes SELECT solutions in a SPARQL result format (JSON, XML, CSV or TSV), the columns in the given order. */
export function writeSolutions(mediaType: string, columns: readonly Variable[], solutions: readonly SolutionMap[]): AsyncIterable<string> | Iterable<string> {
  const format = resultFormatByMediaType(mediaType);
  if (!format) throw new Error(`${mediaType} is not a result format`);
  switch (format.name) {
    case 'csv':
    case 'tsv':
      return writeTabularResults(columns, asSolutions(solutions), format.name);
    case 'json':
      return sparqlJson(columns, solutions);
    default:
      return sparqlXml(columns, solutions);
  }
}

async function* asSolutions(solutions: readonly SolutionMap[]): AsyncGenerator<{ get(variable: Variable): Term | undefined }> {
  for (const solution of solutions) yield { get: (variable: Variable) => solution.get(variable.value) };
}

function jsonTerm(term: Term): Record<string, string> {
  if (term.termType === 'NamedNode') return { type: 'uri', value: term.value };
  if (term.termType === 'BlankNode') return { type: 'bnode', value: term.value };
  if (term.termType === 'Literal') {
    if (term.language) return { type: 'literal', value: term.value, 'xml:lang': term.language };
    return term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? { type: 'literal', value: term.value } : { type: 'literal', value: term.value, datatype: term.datatype.value };
  }
  return { type: 'literal', value: term.value };
}

function* sparqlJson(columns: readonly Variable[], solutions: readonly SolutionMap[]): Generator<string> {
  yield `{"head":${JSON.stringify({ vars: columns.map((column) => column.value) })},"results":{"bindings":[`;
  for (const [index, solution] of solutions.entries()) {
    yield `${index > 0 ? ',' : ''}\n${JSON.stringify(Object.fromEntries([...solution].map(([name, term]) => [name, jsonTerm(term)])))}`;
  }
  yield '\n]}}\n';
}

function xml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function xmlTerm(term: Term): string {
  if (term.termType === 'NamedNode') return `<uri>${xml(term.value)}</uri>`;
  if (term.termType === 'BlankNode') return `<bnode>${xml(term.value)}</bnode>`;
  if (term.termType === 'Literal') {
    if (term.language) return `<literal xml:lang="${xml(term.language)}">${xml(term.value)}</literal>`;
    if (term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string') return `<literal>${xml(term.value)}</literal>`;
    return `<literal datatype="${xml(term.datatype.value)}">${xml(term.value)}</literal>`;
  }
  return '';
}

function* sparqlXml(columns: readonly Variable[], solutions: readonly SolutionMap[]): Generator<string> {
  const head = columns.map((column) => `    <variable name="${xml(column.value)}"/>`).join('\n');
  yield `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head>\n${head}\n  </head>\n  <results>\n`;
  for (const solution of solutions) {
    yield `    <result>\n${[...solution].map(([name, term]) => `      <binding name="${xml(name)}">${xmlTerm(term)}</binding>`).join('\n')}\n    </result>\n`;
  }
  yield '  </results>\n</sparql>\n';
}
