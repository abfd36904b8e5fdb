import { DataFactory } from 'n3';
import { BindingsFactory } from '@comunica/utils-bindings-factory';
import { describe, expect, it } from 'vitest';
import { queryShape } from '../../src/store/prepare-query.js';
import { sortColumns, writeTabularResults } from '../../src/store/tabular-results.js';

const { literal, namedNode, blankNode, variable } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

async function write(format: 'csv' | 'tsv'): Promise<string> {
  const factory = new BindingsFactory(DataFactory);
  const rows = [
    factory.bindings([[variable('s'), namedNode('http://example.org/a')], [variable('o'), literal('say "hi", then\nleave', 'en')]]),
    factory.bindings([[variable('s'), blankNode('b1')], [variable('o'), literal('42', namedNode(`${XSD}integer`))]]),
    factory.bindings([[variable('s'), namedNode('http://example.org/c')]]),
  ];
  async function* stream() { yield* rows; }
  let text = '';
  for await (const chunk of writeTabularResults([variable('s'), variable('o')], stream() as never, format)) text += chunk;
  return text;
}

describe('writeTabularResults', () => {
  it('writes CSV with bare IRIs, RFC 4180 quoting and CRLF line ends', async () => {
    expect(await write('csv')).toBe('s,o\r\nhttp://example.org/a,"say ""hi"", then\nleave"\r\n_:b1,42\r\nhttp://example.org/c,\r\n');
  });

  it('writes TSV with terms in Turtle syntax, short numbers, escaped tabs and newlines', async () => {
    expect(await write('tsv')).toBe('?s\t?o\n<http://example.org/a>\t"say \\"hi\\", then\\nleave"@en\n_:b1\t42\n<http://example.org/c>\t\n');
  });

  it('orders the columns of SELECT * by first appearance in the query', () => {
    const sorted = [variable('o'), variable('p'), variable('s')];
    const order = (text: string) => queryShape(text, 'http://localhost:3000/sparql').variableOrder;
    expect(sortColumns(sorted, order('SELECT * WHERE { ?s ?p ?o }')).map((v) => v.value)).toEqual(['s', 'p', 'o']);
    expect(sortColumns([variable('o'), variable('s')], order('SELECT ?o ?s WHERE { ?s ?p ?o }')).map((v) => v.value)).toEqual(['o', 's']);
  });
});
