import { DataFactory } from 'n3';
import { Parser } from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { prepareQuery, type QueryPolicy } from '../../src/store/prepare-query.js';
import { QueryRefusedError, QuerySyntaxError } from '../../src/store/query-errors.js';

const policy: QueryPolicy = { maxQueryLength: 500, graphs: new Set(['http://example.org/g1']), baseIri: 'http://localhost:3000/sparql' };

function refusal(text: string): string {
  try {
    prepareQuery(text, policy);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryRefusedError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe('prepareQuery', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 'select'],
    ['ASK { ?s ?p ?o }', 'ask'],
    ['CONSTRUCT WHERE { ?s ?p ?o }', 'construct'],
    ['DESCRIBE <http://example.org/x>', 'describe'],
  ])('recognises the form of %s', (text, form) => {
    expect(prepareQuery(text, policy).form).toBe(form);
  });

  it.each([
    'INSERT DATA { <http://a> <http://b> <http://c> }',
    'DELETE WHERE { ?s ?p ?o }',
    'LOAD <http://example.org/data.ttl>',
    'CLEAR ALL',
    'DROP DEFAULT',
  ])('refuses the update %s as read-only', (text) => {
    expect(refusal(text)).toMatch(/SPARQL Update is not allowed: this endpoint is read-only/);
  });

  it.each([
    'SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }',
    'SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://example.org/s> { ?o ?q ?r } } }',
    'SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }',
  ])('refuses SERVICE wherever it is nested: %s', (text) => {
    expect(refusal(text)).toMatch(/^SERVICE .* is not allowed: this endpoint makes no outbound requests/);
  });

  it.each([
    ['SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }', 'FROM <http://127.0.0.1:9/data.ttl>'],
    ['SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }', 'FROM NAMED <file:///etc/passwd>'],
  ])('refuses a FROM of a graph the store does not hold: %s', (text, clause) => {
    expect(refusal(text)).toContain(`${clause} is not allowed: this endpoint never fetches or reads graphs`);
  });

  it('accepts FROM of a graph the store holds, taking it out of the text as the dataset to build', () => {
    const prepared = prepareQuery('SELECT * FROM <http://example.org/g1> WHERE { ?s ?p ?o }', policy);
    expect(prepared.dataset).toEqual({ defaultGraphs: ['http://example.org/g1'], namedGraphs: [] });
    expect((new Parser().parse(prepared.text) as { from?: unknown }).from).toBeUndefined();
  });

  it('lets the protocol dataset override FROM, even with graphs it does not hold (they are empty, never fetched)', () => {
    const prepared = prepareQuery('SELECT * FROM <http://example.org/g1> WHERE { ?s ?p ?o }', policy, {
      dataset: { defaultGraphs: ['http://example.org/g2'], namedGraphs: ['http://example.org/g3'] },
    });
    expect(prepared.dataset).toEqual({ defaultGraphs: ['http://example.org/g2'], namedGraphs: ['http://example.org/g3'] });
    expect((new Parser().parse(prepared.text) as { from?: unknown }).from).toBeUndefined();
  });

  it('refuses a protocol graph that is not an absolute IRI', () => {
    expect(() => prepareQuery('ASK {}', policy, { dataset: { defaultGraphs: ['not an iri'], namedGraphs: [] } })).toThrow(QueryRefusedError);
  });

  it('binds parameters as terms: a hostile literal stays one literal', () => {
    const hostile = '" } } ; DROP ALL ; SELECT * { "';
    const prepared = prepareQuery('SELECT ?name WHERE { ?x <http://schema.org/name> ?name }', policy, {
      bindings: { name: DataFactory.literal(hostile, 'en') },
    });
    const reparsed = new Parser().parse(prepared.text) as { where: { type: string; values?: Record<string, { value: string; language: string }>[] }[] };
    const values = reparsed.where.find((pattern) => pattern.type === 'values');
    expect(values?.values).toHaveLength(1);
    expect(values?.values?.[0]?.['?name']?.value).toBe(hostile);
    expect(values?.values?.[0]?.['?name']?.language).toBe('en');
  });

  it('refuses a query over the length limit, saying the limit', () => {
    expect(refusal(`SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(600)}`)).toMatch(/at most 500/);
  });

  it('reports the line and column of a syntax error', () => {
    try {
      prepareQuery('SELECT *\nWHERE { ?s ?p }', policy);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).line).toBe(2);
      expect((error as QuerySyntaxError).column).toBeGreaterThan(1);
      expect((error as Error).message).toMatch(/Parse error on line 2/);
    }
  });

  it.each([
    'define input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }',
    '# a comment first\nDEFINE get:soft "replace" SELECT * FROM <http://example.org/remote> WHERE { ?s ?p ?o }',
  ])('refuses a Virtuoso define pragma with its own message: %s', (text) => {
    expect(refusal(text)).toBe('Virtuoso "define" pragmas are not SPARQL and are not allowed: some make the store fetch URLs. Send the query without them.');
  });

  describe('for an external store', () => {
    const external: QueryPolicy = { ...policy, standardFunctionsOnly: true };

    it.each([
      ['SELECT (<bif:getenv>("HOME") AS ?x) WHERE {}', 'bif:getenv'],
      ['SELECT * WHERE { ?s ?p ?o FILTER(<http://www.openlinksw.com/schemas/bif#http_get>(?o)) }', 'http://www.openlinksw.com/schemas/bif#http_get'],
      ['SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o BIND(<sql:file_to_string>("/etc/passwd") AS ?x) } } }', 'sql:file_to_string'],
    ])('refuses an extension function wherever it is: %s', (text, iri) => {
      expect(() => prepareQuery(text, external)).toThrow(`The function <${iri}> is not allowed: only SPARQL's own functions and XSD casts are`);
    });

    it('accepts SPARQL built-ins and XSD casts', () => {
      const text = 'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(LCASE(STR(?o)), "city") && <http://www.w3.org/2001/XMLSchema#integer>("1") = 1) }';
      expect(prepareQuery(text, external).form).toBe('select');
    });

    it('leaves extension functions to the embedded engines, which have none that reach out', () => {
      expect(prepareQuery('SELECT (<bif:getenv>("HOME") AS ?x) WHERE {}', policy).form).toBe('select');
    });
  });
});

describe('the syntax limits, measured before parsing', () => {
  const limited: QueryPolicy = { ...policy, maxQueryLength: 20_000, maxNesting: 8, maxUnions: 3, maxLiteralLength: 20 };
  const refused = (text: string): string => {
    try {
      prepareQuery(text, limited);
    } catch (error) {
      expect(error).toBeInstanceOf(QueryRefusedError);
      return (error as Error).message;
    }
    throw new Error(`accepted: ${text}`);
  };
  const nested = (depth: number) => `SELECT * WHERE {\n ?s ?p ?o FILTER${'('.repeat(depth - 1)}?o${')'.repeat(depth - 1)} }`;
  const unions = (count: number) => `SELECT * WHERE { ${Array.from({ length: count + 1 }, () => '{ ?s ?p ?o }').join(' UNION ')} }`;
  const literal = (length: number) => `SELECT * WHERE { ?s ?p "${'x'.repeat(length)}" }`;

  it('refuses brackets nested deeper than the limit, saying how deep and where', () => {
    expect(refused(nested(9))).toBe('The query nests brackets 9 deep at line 2, column 24; this endpoint accepts at most 8.');
    expect(prepareQuery(nested(8), limited).form).toBe('select');
  });

  it('refuses more UNIONs than the limit, pointing at the first one too many', () => {
    expect(refused(unions(4))).toBe('The query has 4 UNIONs, the first one too many at line 1, column 88; this endpoint accepts at most 3.');
    expect(prepareQuery(unions(3), limited).form).toBe('select');
  });

  it('refuses a literal longer than the limit, saying where it starts', () => {
    expect(refused(literal(21))).toBe('The query has a literal of 21 characters at line 1, column 24; this endpoint accepts at most 20.');
    expect(prepareQuery(literal(20), limited).form).toBe('select');
    expect(refused(`SELECT * WHERE { ?s ?p """${'\n'.repeat(21)}""" }`)).toBe('The query has a literal of 21 characters at line 1, column 24; this endpoint accepts at most 20.');
  });

  it('does not count what strings, IRIs, comments and names hold', () => {
    const text = [
      'PREFIX ex: <http://example.org/a(b#c>',
      `SELECT ?union WHERE { ?s ex:p\\( "{{{{" , '(((', """[[[[\n]]]]""", '''UNION''' . # {{{{{{{{{{ UNION UNION UNION UNION`,
      '  ?union ex:UNION ?o FILTER(?o < 3 && ?o > 1 && LANG(?o) = "union") }',
    ].join('\n');
    expect(prepareQuery(text, limited).form).toBe('select');
  });

  it('measures the text as Oxigraph reads it too, with codepoint escapes decoded', () => {
    expect(refused(`SELECT * WHERE { ?s ?p "\\u0022 ${'{'.repeat(9)}" }`)).toMatch(/^The query nests brackets 10 deep at line 1, column 35; this endpoint accepts at most 8\.$/);
  });

  it('uses the default limits when the policy names none', () => {
    expect(() => prepareQuery(`SELECT * WHERE ${'{'.repeat(65)}${'}'.repeat(65)}`, policy)).toThrow('The query nests brackets 65 deep at line 1, column 80; this endpoint accepts at most 64.');
  });

  it('refuses 5,000 nested braces without a RangeError from a recursive walk', () => {
    const text = `SELECT * WHERE {${'{'.repeat(4980)}${'}'.repeat(4980)}}`;
    expect(() => prepareQuery(text, { ...policy, maxQueryLength: 10_000 })).toThrow('The query nests brackets 4981 deep at line 1, column 4996; this endpoint accepts at most 64.');
    // A chain of 5,000 additions is a syntax tree 5,000 deep without a bracket: the tree walks must not overflow on it.
    const deep = `SELECT * WHERE { ?s ?p ?o FILTER(${'?o + '.repeat(5000)}STRLEN(STRUUID()) > 1) }`;
    expect(prepareQuery(deep, { ...policy, maxQueryLength: 40_000, maxExpressionDepth: 10_000 }).repeatable).toBe(false);
  });

  it.each(['#x', '# only a comment\n# and another', 'PREFIX ex: <http://x/>', 'BASE <http://x/>\nPREFIX ex: <http://x/> # no query'])('refuses %j, a query with no form', (text) => {
    expect(() => prepareQuery(text, policy)).toThrow(QuerySyntaxError);
    expect(() => prepareQuery(text, policy)).toThrow('The query has no SELECT, ASK, CONSTRUCT or DESCRIBE form; it holds only a prologue or comments.');
  });
});

describe('the syntax-tree limits, measured after parsing', () => {
  const refusedBy = (text: string) => {
    try {
      prepareQuery(text, { ...policy, maxQueryLength: 10_000 });
    } catch (error) {
      expect(error).toBeInstanceOf(QueryRefusedError);
      return (error as Error).message;
    }
    return 'accepted';
  };
  it.each([
    ['an object list of 65 values', `SELECT * WHERE { ?s ?p ${Array(65).fill('1').join(', ')} }`, 'The query has 65 triple patterns in one group; this endpoint accepts at most 64.'],
    ['65 triple patterns', `SELECT * WHERE { ${Array.from({ length: 65 }, (_, i) => `?s <p> ?o${i} .`).join(' ')} }`, 'The query has 65 triple patterns in one group; this endpoint accepts at most 64.'],
    ['129 chained additions', `ASK { FILTER(${Array(130).fill('1').join(' + ')} > 0) }`, 'The query has 130 levels of nested operators and function calls (each chained operator counts, brackets or not); this endpoint accepts at most 128.'],
    ['a path of 65 steps', `SELECT * WHERE { ?s ${Array(65).fill('<p>').join('/')} ?o }`, 'The query has 65 steps in one property path; this endpoint accepts at most 64.'],
    ['65 alternative paths', `SELECT * WHERE { ?s ${Array(65).fill('<p>').join('|')} ?o }`, 'The query has 65 steps in one property path; this endpoint accepts at most 64.'],
    ['IN with 257 values', `ASK { FILTER(1 IN (${Array(257).fill('1').join(', ')})) }`, 'The query has 257 arguments to one operator or function; this endpoint accepts at most 256.'],
  ])('refuses %s, saying the limit', (_name, text, message) => {
    expect(refusedBy(text)).toBe(message);
  });

  it.each([
    ['64 values in an object list', `SELECT * WHERE { ?s ?p ${Array(64).fill('1').join(', ')} }`],
    ['100 triple patterns in separate UNION branches', Array.from({ length: 100 }, (_, i) => `{ ?s <p> ?o${i} }`).join(' UNION ').replace(/^/, 'SELECT * WHERE { ').concat(' }')],
    ['128 chained additions', `ASK { FILTER(${Array(128).fill('1').join(' + ')} > 0) }`],
    ['a path of 64 steps', `SELECT * WHERE { ?s ${Array(64).fill('<p>').join('/')} ?o }`],
    ['IN with 256 values', `ASK { FILTER(1 IN (${Array(256).fill('1').join(', ')})) }`],
  ])('accepts %s, at the limit', (_name, text) => {
    expect(refusedBy(text)).toBe('accepted');
  });
});

describe('the row cap', () => {
  const capped: QueryPolicy = { ...policy, maxRows: 100 };

  it('appends LIMIT maxRows + 1 to a SELECT without one, leaving the text as sent before it', () => {
    const text = 'SELECT * WHERE { ?s ?p ?o } # no limit';
    expect(prepareQuery(text, capped).text).toBe(`${text}\nLIMIT 101`);
    expect((new Parser().parse(prepareQuery(text, capped).text) as { limit?: number }).limit).toBe(101);
  });

  it('lowers a larger LIMIT and keeps a smaller one', () => {
    expect((new Parser().parse(prepareQuery('SELECT * WHERE { ?s ?p ?o } LIMIT 5000 OFFSET 3', capped).text) as { limit?: number; offset?: number })).toMatchObject({ limit: 101, offset: 3 });
    const small = 'SELECT * WHERE { ?s ?p ?o } LIMIT 7';
    expect(prepareQuery(small, capped).text).toBe(small);
  });

  it('puts the LIMIT before a trailing VALUES clause', () => {
    const parsed = new Parser().parse(prepareQuery('SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://example.org/a> }', capped).text) as { limit?: number; values?: unknown[] };
    expect(parsed.limit).toBe(101);
    expect(parsed.values).toHaveLength(1);
  });

  it('leaves CONSTRUCT, DESCRIBE and ASK alone: their row limit counts triples, not solutions', () => {
    for (const text of ['CONSTRUCT WHERE { ?s ?p ?o }', 'DESCRIBE ?s WHERE { ?s ?p ?o }', 'ASK { ?s ?p ?o }']) expect(prepareQuery(text, capped).text).toBe(text);
  });

  it('leaves a SELECT as sent when the policy has no row limit', () => {
    expect(prepareQuery('SELECT * WHERE { ?s ?p ?o }', policy).text).toBe('SELECT * WHERE { ?s ?p ?o }');
  });
});
