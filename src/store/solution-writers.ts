import type { Quad, Term, Variable } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { RdfFormat } from '../graph/rdf-formats.js';
import { RdfXmlError } from '../graph/rdf-xml-writer.js';
import { QueryEvaluationError } from './query-errors.js';
import { resultFormatByMediaType } from './result-formats.js';
import { writeTabularResults } from './tabular-results.js';

// Every engine's results are written here, so one query gives the same bytes
// whatever answers it: runners only hand over solutions (variables and RDF
// terms), booleans or quads. Blank nodes are renamed b0, b1, … in the order
// they are first written, since each engine labels them its own way (Oxigraph
// with random hex, Comunica and stores with their own counters).

/** One solution as a map from variable name (without `?`) to its term. */
export type SolutionMap = ReadonlyMap<string, Term>;

/** Writes SELECT solutions in a SPARQL result format (JSON, XML, CSV or TSV), the columns in the given order. */
export function writeSolutions(mediaType: string, columns: readonly Variable[], solutions: Iterable<SolutionMap> | AsyncIterable<SolutionMap>): AsyncGenerator<string> {
  const format = resultFormatByMediaType(mediaType);
  if (!format) throw new Error(`${mediaType} is not a result format`);
  const rows = relabelSolutions(solutions);
  switch (format.name) {
    case 'csv':
    case 'tsv':
      return writeTabularResults(columns, asSolutions(rows), format.name);
    case 'json':
      return sparqlJson(columns, rows);
    default:
      return sparqlXml(columns, rows);
  }
}

/**
 * ASK results in each result format: Comunica 4.5 has no CSV or TSV serialiser
 * for booleans and its XML one fails on them. CSV and TSV use the `_askResult`
 * column other stores use.
 */
export function writeBoolean(value: boolean, mediaType: string): string {
  switch (resultFormatByMediaType(mediaType)?.name) {
    case 'json':
      return `${JSON.stringify({ head: {}, boolean: value })}\n`;
    case 'xml':
      return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head/>\n  <boolean>${value}</boolean>\n</sparql>\n`;
    case 'csv':
      return `_askResult\r\n${value}\r\n`;
    case 'tsv':
      return `?_askResult\n${value}\n`;
    default:
      throw new Error(`${mediaType} is not a result format`);
  }
}

/** A CONSTRUCT or DESCRIBE result in an RDF format (the table in rdf-formats.ts); what the format cannot express is the query's error, not the server's. */
export async function writeGraph(format: RdfFormat, quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): Promise<string> {
  const labels = new BlankNodeLabels();
  const relabelled = quads.map((quad) => DataFactory.quad(labels.term(quad.subject) as Quad['subject'], quad.predicate as Quad['predicate'], labels.term(quad.object) as Quad['object']));
  try {
    return await format.serialize(relabelled, { prefixes });
  } catch (error) {
    if (error instanceof RdfXmlError) throw new QueryEvaluationError(`${error.message} Ask for another format, such as Turtle.`);
    throw error;
  }
}

/** Blank node labels of one result: the same engine label always gets the same new one. */
class BlankNodeLabels {
  private readonly names = new Map<string, Term>();

  /** The term itself, or for a blank node the one named by its place of first appearance. */
  term(term: Term): Term {
    if (term.termType !== 'BlankNode') return term;
    let renamed = this.names.get(term.value);
    if (!renamed) {
      renamed = DataFactory.blankNode(`b${this.names.size}`);
      this.names.set(term.value, renamed);
    }
    return renamed;
  }
}

async function* relabelSolutions(solutions: Iterable<SolutionMap> | AsyncIterable<SolutionMap>): AsyncGenerator<SolutionMap> {
  const labels = new BlankNodeLabels();
  for await (const solution of solutions) {
    // Most solutions hold no blank node: passed on as they are, without a copy.
    let blank = false;
    for (const term of solution.values()) blank ||= term.termType === 'BlankNode';
    yield blank ? new Map([...solution].map(([name, term]) => [name, labels.term(term)])) : solution;
  }
}

async function* asSolutions(solutions: AsyncIterable<SolutionMap>): AsyncGenerator<{ get(variable: Variable): Term | undefined }> {
  for await (const solution of solutions) yield { get: (variable: Variable) => solution.get(variable.value) };
}

/** The bound columns of a solution, in column order (engines keep their own order in a solution). */
function bound(columns: readonly Variable[], solution: SolutionMap): [string, Term][] {
  return columns.flatMap((column) => {
    const term = solution.get(column.value);
    return term ? [[column.value, term] as [string, Term]] : [];
  });
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

async function* sparqlJson(columns: readonly Variable[], solutions: AsyncIterable<SolutionMap>): AsyncGenerator<string> {
  yield `{"head":${JSON.stringify({ vars: columns.map((column) => column.value) })},"results":{"bindings":[`;
  let index = 0;
  for await (const solution of solutions) {
    yield `${index > 0 ? ',' : ''}\n${JSON.stringify(Object.fromEntries(bound(columns, solution).map(([name, term]) => [name, jsonTerm(term)])))}`;
    index += 1;
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

async function* sparqlXml(columns: readonly Variable[], solutions: AsyncIterable<SolutionMap>): AsyncGenerator<string> {
  const head = columns.map((column) => `    <variable name="${xml(column.value)}"/>`).join('\n');
  yield `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head>\n${head}\n  </head>\n  <results>\n`;
  for await (const solution of solutions) {
    yield `    <result>\n${bound(columns, solution).map(([name, term]) => `      <binding name="${xml(name)}">${xmlTerm(term)}</binding>`).join('\n')}\n    </result>\n`;
  }
  yield '  </results>\n</sparql>\n';
}
