import type { Variable } from '@rdfjs/types';

// CSV and TSV as the SPARQL 1.1 Query Results CSV and TSV Formats
// Recommendation says, for every engine (through solution-writers.ts): no
// engine's own serialiser is used, Comunica 4.5's for one writes IRIs in CSV
// in angle brackets (section 3.2 wants bare strings) and drops TSV's `?`.

/** One term of a solution, each part read once (see solution-writers.ts). */
export interface ResultTerm {
  /** NamedNode, BlankNode, Literal, or another RDF/JS term type (written as an empty cell). */
  readonly termType: string;
  readonly value: string;
  /** A literal's language tag, else ''. */
  readonly language: string;
  /** A literal's datatype IRI when it has no language tag, else ''. */
  readonly datatype: string;
}

/** The tabular result formats this writer produces. */
export type TabularFormat = 'csv' | 'tsv';

/** The header line of SPARQL CSV (RFC 4180 quoting, CRLF) or TSV. */
export function tabularHead(variables: readonly string[], format: TabularFormat): string {
  return format === 'csv' ? `${variables.map(csvField).join(',')}\r\n` : `${variables.map((name) => `?${name}`).join('\t')}\n`;
}

/** One row of SPARQL CSV or TSV (terms in Turtle syntax); an unbound column is an empty cell. */
export function tabularRow(cells: readonly (ResultTerm | undefined)[], format: TabularFormat): string {
  if (format === 'csv') return `${cells.map((term) => (term ? csvField(csvValue(term)) : '')).join(',')}\r\n`;
  return `${cells.map((term) => (term ? tsvTerm(term) : '')).join('\t')}\n`;
}

/** The variables sorted by their place in `order` (a prepared query's variableOrder); unknown ones last. */
export function sortColumns(variables: readonly Variable[], order: readonly string[]): Variable[] {
  const rank = (variable: Variable) => {
    const index = order.indexOf(variable.value);
    return index === -1 ? order.length : index;
  };
  return [...variables].sort((a, b) => rank(a) - rank(b));
}

function csvValue(term: ResultTerm): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** The datatype of a plain literal, which the result formats leave unwritten. */
export const XSD_STRING = `${XSD}string`;
/** Literals TSV may write in Turtle's short form, when their lexical form is that form. */
const TURTLE_SHORT_FORMS: Readonly<Record<string, RegExp>> = {
  [`${XSD}integer`]: /^[+-]?\d+$/,
  [`${XSD}decimal`]: /^[+-]?\d*\.\d+$/,
  [`${XSD}double`]: /^[+-]?(\d+\.\d*[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d+[eE][+-]?\d+)$/,
  [`${XSD}boolean`]: /^(true|false)$/,
};

function tsvTerm(term: ResultTerm): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const text = `"${term.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
      if (term.language) return `${text}@${term.language}`;
      if (TURTLE_SHORT_FORMS[term.datatype]?.test(term.value)) return term.value;
      return term.datatype === XSD_STRING ? text : `${text}^^<${term.datatype}>`;
    }
    default:
      return '';
  }
}
