import { DataFactory } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareQuery, type QueryPolicy } from '../../src/store/prepare-query.js';
import { QueryParser } from '../../src/store/query-parser.js';
import { QueryRefusedError, QuerySyntaxError } from '../../src/store/query-errors.js';

const policy: QueryPolicy = { maxQueryLength: 10_000, graphs: new Set(), baseIri: 'http://example.org/sparql', maxRows: 100 };
/** A SELECT of 60 triple patterns with filters, about 3,700 characters: milliseconds for sparqljs. */
const longQuery = () => `SELECT * WHERE { ${Array.from({ length: 60 }, (_, i) => `?s <http://example.org/p${i}> ?o${i} . FILTER(?o${i} != "value ${i}")`).join(' ')} }`;

let parser: QueryParser | undefined;
afterEach(async () => {
  await parser?.close();
  parser = undefined;
});

describe('QueryParser', () => {
  it('prepares a long query in its thread exactly as prepareQuery does in place', async () => {
    parser = new QueryParser(policy, { threadFrom: 500 });
    const text = `# ${'x'.repeat(3000)}\nSELECT ?s WHERE { ?s ?p ?o }`;
    expect(await parser.prepare(text)).toEqual(prepareQuery(text, policy));
    expect(parser.parsedInThread).toBe(1);
  });

  it('leaves the event loop free while it parses a long query', async () => {
    parser = new QueryParser(policy, { threadFrom: 500 });
    const order: string[] = [];
    const parsed = parser.prepare(longQuery()).then(() => order.push('parsed'));
    setImmediate(() => order.push('event loop turned'));
    await parsed;
    expect(order).toEqual(['event loop turned', 'parsed']);
  });

  it('parses a short, shallow query in place and a deeply nested one in its thread', async () => {
    parser = new QueryParser(policy, { threadFrom: 500, threadFromDepth: 8 });
    await parser.prepare('ASK { ?s ?p ?o }');
    expect(parser.parsedInThread).toBe(0);
    await parser.prepare(`ASK { ${'{ '.repeat(8)}?s ?p ?o${' }'.repeat(8)} }`);
    expect(parser.parsedInThread).toBe(1);
  });

  it('gives back the error the thread met, with its class, text and place', async () => {
    parser = new QueryParser(policy, { threadFrom: 10 });
    const syntax = await parser.prepare('SELECT * WHERE {\n ?s ?p }').catch((error: unknown) => error);
    expect(syntax).toBeInstanceOf(QuerySyntaxError);
    expect(syntax).toMatchObject({ line: 2 });
    await expect(parser.prepare('DELETE WHERE { ?s ?p ?o }')).rejects.toThrow(QueryRefusedError);
  });

  it('binds terms through the thread as the same RDF terms', async () => {
    parser = new QueryParser(policy, { threadFrom: 10 });
    const bindings = { s: DataFactory.namedNode('http://example.org/a'), o: DataFactory.literal('chat', 'fr'), n: DataFactory.literal('3', DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#integer')) };
    const text = 'SELECT ?s ?o ?n WHERE { ?s ?p ?o }';
    expect((await parser.prepare(text, { bindings })).text).toBe(prepareQuery(text, policy, { bindings }).text);
  });

  it('refuses a parse over its time limit, and goes on answering', async () => {
    parser = new QueryParser(policy, { threadFrom: 100, timeLimitMs: 1 });
    await expect(parser.prepare(longQuery())).rejects.toThrow('The query took longer than 0.001 s to parse; send a shorter or simpler query.');
    await expect(parser.prepare('ASK { ?s ?p ?o }')).resolves.toMatchObject({ form: 'ask' });
  });

  it('refuses a text over the text limits at once, without the thread', async () => {
    parser = new QueryParser(policy, { threadFrom: 10 });
    await expect(parser.prepare(`SELECT * WHERE ${'{'.repeat(100)}${'}'.repeat(100)}`)).rejects.toThrow('The query nests brackets 100 deep at line 1, column 115; this endpoint accepts at most 64.');
    expect(parser.parsedInThread).toBe(0);
  });
});
