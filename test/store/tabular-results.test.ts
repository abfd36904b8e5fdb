import type { Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { queryShape } from '../../src/store/prepare-query.js';
import { writeSolutions, type SolutionMap } from '../../src/store/solution-writers.js';
import { sortColumns } from '../../src/store/tabular-results.js';

const { literal, namedNode, blankNode, variable } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const ROWS: SolutionMap[] = [
  new Map<string, Term>([['s', namedNode('http://example.org/a')], ['o', literal('say "hi", then\nleave', 'en')]]),
  new Map<string, Term>([['o', literal('42', namedNode(`${XSD}integer`))], ['s', blankNode('x1')]]),
  new Map<string, Term>([['s', namedNode('http://example.org/c')]]),
];

/** The rows written whole (as Oxigraph's are) and streamed (as Comunica's are): both must give the same text. */
async function write(format: 'csv' | 'tsv'): Promise<string> {
  const mediaType = format === 'csv' ? 'text/csv' : 'text/tab-separated-values';
  const columns = [variable('s'), variable('o')];
  let whole = '';
  for (const chunk of writeSolutions(mediaType, columns, ROWS) as Iterable<string>) whole += chunk;
  async function* stream() { yield* ROWS; }
  let streamed = '';
  for await (const chunk of writeSolutions(mediaType, columns, stream())) streamed += chunk;
  expect(streamed).toBe(whole);
  return whole;
}

describe('CSV and TSV results', () => {
  it('writes CSV with bare IRIs, RFC 4180 quoting and CRLF line ends', async () => {
    expect(await write('csv')).toBe('s,o\r\nhttp://example.org/a,"say ""hi"", then\nleave"\r\n_:b0,42\r\nhttp://example.org/c,\r\n');
  });

  it('writes TSV with terms in Turtle syntax, short numbers, escaped tabs and newlines', async () => {
    expect(await write('tsv')).toBe('?s\t?o\n<http://example.org/a>\t"say \\"hi\\", then\\nleave"@en\n_:b0\t42\n<http://example.org/c>\t\n');
  });

  it('renames blank nodes in the order they are written, whatever order the engine keeps them in', async () => {
    const rows: SolutionMap[] = [new Map<string, Term>([['b', blankNode('engine-9')], ['a', blankNode('engine-7')]]), new Map<string, Term>([['a', blankNode('engine-9')]])];
    let text = '';
    for (const chunk of writeSolutions('text/csv', [variable('a'), variable('b')], rows) as Iterable<string>) text += chunk;
    expect(text).toBe('a,b\r\n_:b0,_:b1\r\n_:b1,\r\n');
  });

  it('orders the columns of SELECT * by first appearance in the query', () => {
    const sorted = [variable('o'), variable('p'), variable('s')];
    const order = (text: string) => queryShape(text, 'http://localhost:3000/sparql').variableOrder;
    expect(sortColumns(sorted, order('SELECT * WHERE { ?s ?p ?o }')).map((v) => v.value)).toEqual(['s', 'p', 'o']);
    expect(sortColumns([variable('o'), variable('s')], order('SELECT ?o ?s WHERE { ?s ?p ?o }')).map((v) => v.value)).toEqual(['o', 's']);
  });
});
