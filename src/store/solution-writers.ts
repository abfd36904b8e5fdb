import type { Quad, Term, Variable } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { RdfFormat } from '../graph/rdf-formats.js';
import { RdfXmlError } from '../graph/rdf-xml-writer.js';
import { QueryEvaluationError } from './query-errors.js';
import { resultFormatByMediaType } from './result-formats.js';
import { tabularHead, tabularRow, XSD_STRING, type ResultTerm } from './tabular-results.js';

// Every engine's results are written here, so one query gives the same bytes
// whatever answers it: runners only hand over solutions (variables and RDF
// terms), booleans or quads. Blank nodes are renamed b0, b1, … in the order
// they are first written, since each engine labels them its own way (Oxigraph
// with random hex, Comunica and stores with their own counters).

/** One solution as a map from variable name (without `?`) to its term. */
export type SolutionMap = ReadonlyMap<string, Term>;

/**
 * Writes SELECT solutions in a SPARQL result format (JSON, XML, CSV or TSV),
 * the columns in the given order, one chunk per row. Solutions given whole (an
 * array: Oxigraph, an external store) are written by a plain generator, only a
 * stream (Comunica) by an async one, so that rows given whole do not each wait
 * for the microtask queue on their way through.
 */
export function writeSolutions(mediaType: string, columns: readonly Variable[], solutions: Iterable<SolutionMap> | AsyncIterable<SolutionMap>): Iterable<string> | AsyncIterable<string> {
  const format = rowFormat(mediaType, columns);
  const labels = new BlankNodeLabels();
  const row = (solution: SolutionMap, index: number) => format.row(readRow(columns, solution, labels, format.lexicalOnly), index);
  return Symbol.asyncIterator in solutions ? writeRowStream(format, solutions, row) : writeRows(format, solutions, row);
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
    return term.termType === 'BlankNode' ? this.blankNode(term.value) : term;
  }

  /** The new blank node for an engine's label. */
  blankNode(label: string): Term {
    let renamed = this.names.get(label);
    if (!renamed) {
      renamed = DataFactory.blankNode(`b${this.names.size}`);
      this.names.set(label, renamed);
    }
    return renamed;
  }
}

/** How one result format writes its head, each row and its end. */
interface RowFormat {
  readonly head: string;
  /** One row: a term or undefined (unbound) per column. */
  row(cells: readonly (ResultTerm | undefined)[], index: number): string;
  readonly tail: string;
  /** CSV writes a literal's lexical form alone, so its language and datatype need not be read. */
  readonly lexicalOnly?: boolean;
}

function rowFormat(mediaType: string, columns: readonly Variable[]): RowFormat {
  const names = columns.map((column) => column.value);
  const format = resultFormatByMediaType(mediaType);
  switch (format?.name) {
    case 'csv':
    case 'tsv': {
      const tabular = format.name;
      return { head: tabularHead(names, tabular), row: (cells) => tabularRow(cells, tabular), tail: '', lexicalOnly: tabular === 'csv' };
    }
    case 'json': {
      const keys = names.map((name) => JSON.stringify(name));
      return {
        head: `{"head":${JSON.stringify({ vars: names })},"results":{"bindings":[`,
        row: (cells, index) => {
          // The JSON of an object from each bound column to its term, written out rather than built as objects for JSON.stringify.
          let members = '';
          cells.forEach((term, column) => {
            if (term) members += `${members ? ',' : ''}${keys[column]}:${jsonTerm(term)}`;
          });
          return `${index > 0 ? ',' : ''}\n{${members}}`;
        },
        tail: '\n]}}\n',
      };
    }
    case 'xml':
      return {
        head: `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head>\n${names.map((name) => `    <variable name="${xml(name)}"/>`).join('\n')}\n  </head>\n  <results>\n`,
        row: (cells) => `    <result>\n${bound(names, cells).map(([name, term]) => `      <binding name="${xml(name)}">${xmlTerm(term)}</binding>`).join('\n')}\n    </result>\n`,
        tail: '  </results>\n</sparql>\n',
      };
    default:
      throw new Error(`${mediaType} is not a result format`);
  }
}

function* writeRows(format: RowFormat, solutions: Iterable<SolutionMap>, row: (solution: SolutionMap, index: number) => string): Generator<string> {
  yield format.head;
  let index = 0;
  for (const solution of solutions) yield row(solution, index++);
  yield format.tail;
}

async function* writeRowStream(format: RowFormat, solutions: AsyncIterable<SolutionMap>, row: (solution: SolutionMap, index: number) => string): AsyncGenerator<string> {
  yield format.head;
  let index = 0;
  for await (const solution of solutions) yield row(solution, index++);
  yield format.tail;
}

/**
 * A solution's terms in column order, each property read once and blank nodes
 * relabelled. Read once because Oxigraph's terms are WebAssembly objects: every
 * read of termType, value, language or datatype calls into WebAssembly and
 * decodes a new string (datatype even wraps a new term), which made reading
 * them the biggest part of writing its results.
 */
function readRow(columns: readonly Variable[], solution: SolutionMap, labels: BlankNodeLabels, lexicalOnly = false): (ResultTerm | undefined)[] {
  return columns.map((column) => {
    const term = solution.get(column.value);
    return term && readTerm(term, labels, lexicalOnly);
  });
}

function readTerm(term: Term, labels: BlankNodeLabels, lexicalOnly: boolean): ResultTerm {
  const termType = term.termType;
  if (termType === 'Literal' && !lexicalOnly) {
    const language = term.language;
    return { termType, value: term.value, language, datatype: language ? '' : term.datatype.value };
  }
  const value = termType === 'BlankNode' ? labels.blankNode(term.value).value : term.value;
  return { termType, value, language: '', datatype: '' };
}

/** The bound columns of a row, by name. */
function bound(names: readonly string[], cells: readonly (ResultTerm | undefined)[]): [string, ResultTerm][] {
  return names.flatMap((name, index) => {
    const term = cells[index];
    return term ? [[name, term] as [string, ResultTerm]] : [];
  });
}

/** A term as SPARQL JSON results write it: the JSON.stringify of `{type, value, xml:lang or datatype}`. */
function jsonTerm(term: ResultTerm): string {
  const value = JSON.stringify(term.value);
  switch (term.termType) {
    case 'NamedNode':
      return `{"type":"uri","value":${value}}`;
    case 'BlankNode':
      return `{"type":"bnode","value":${value}}`;
    case 'Literal':
      if (term.language) return `{"type":"literal","value":${value},"xml:lang":${JSON.stringify(term.language)}}`;
      if (term.datatype !== XSD_STRING) return `{"type":"literal","value":${value},"datatype":${JSON.stringify(term.datatype)}}`;
      return `{"type":"literal","value":${value}}`;
    default:
      return `{"type":"literal","value":${value}}`;
  }
}

function xml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function xmlTerm(term: ResultTerm): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<uri>${xml(term.value)}</uri>`;
    case 'BlankNode':
      return `<bnode>${xml(term.value)}</bnode>`;
    case 'Literal':
      if (term.language) return `<literal xml:lang="${xml(term.language)}">${xml(term.value)}</literal>`;
      if (term.datatype === XSD_STRING) return `<literal>${xml(term.value)}</literal>`;
      return `<literal datatype="${xml(term.datatype)}">${xml(term.value)}</literal>`;
    default:
      return '';
  }
}
