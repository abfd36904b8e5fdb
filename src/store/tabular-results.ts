import type { BindingsStream } from '@comunica/types';
import type { Term, Variable } from '@rdfjs/types';

// CSV and TSV as the SPARQL 1.1 Query Results CSV and TSV Formats
// Recommendation says, for every engine (through solution-writers.ts): no
// engine's own serialiser is used, Comunica 4.5's for one writes IRIs in CSV
// in angle brackets (section 3.2 wants bare strings) and drops TSV's `?`.

/** One solution: the term bound to each variable, if any. */
export interface Solution {
  get(variable: Variable): Term | undefined;
}

/** The tabular result formats this writer produces. */
export type TabularFormat = 'csv' | 'tsv';

/** Writes SELECT results as SPARQL CSV (RFC 4180 quoting, CRLF) or TSV (terms in Turtle syntax). */
export async function* writeTabularResults(variables: readonly Variable[], bindings: BindingsStream | AsyncIterable<Solution>, format: TabularFormat): AsyncGenerator<string> {
  const csv = format === 'csv';
  yield `${variables.map((variable) => (csv ? csvField(variable.value) : `?${variable.value}`)).join(csv ? ',' : '\t')}${csv ? '\r\n' : '\n'}`;
  for await (const binding of bindings as AsyncIterable<Solution>) {
    const cells = variables.map((variable) => {
      const term = binding.get(variable);
      if (!term) return '';
      return csv ? csvField(csvValue(term)) : tsvTerm(term);
    });
    yield `${cells.join(csv ? ',' : '\t')}${csv ? '\r\n' : '\n'}`;
  }
}

/** The variables sorted by their place in `order` (a prepared query's variableOrder); unknown ones last. */
export function sortColumns(variables: readonly Variable[], order: readonly string[]): Variable[] {
  const rank = (variable: Variable) => {
    const index = order.indexOf(variable.value);
    return index === -1 ? order.length : index;
  };
  return [...variables].sort((a, b) => rank(a) - rank(b));
}

function csvValue(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;
/** Literals TSV may write in Turtle's short form, when their lexical form is that form. */
const TURTLE_SHORT_FORMS: Readonly<Record<string, RegExp>> = {
  [`${XSD}integer`]: /^[+-]?\d+$/,
  [`${XSD}decimal`]: /^[+-]?\d*\.\d+$/,
  [`${XSD}double`]: /^[+-]?(\d+\.\d*[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d+[eE][+-]?\d+)$/,
  [`${XSD}boolean`]: /^(true|false)$/,
};

function tsvTerm(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const text = `"${term.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
      if (term.language) return `${text}@${term.language}`;
      if (TURTLE_SHORT_FORMS[term.datatype.value]?.test(term.value)) return term.value;
      return term.datatype.value === XSD_STRING ? text : `${text}^^<${term.datatype.value}>`;
    }
    default:
      return '';
  }
}
