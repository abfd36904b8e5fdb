import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { CanonicalHash, canonicalGraph } from '../../src/graph/canonical-graph.js';
import { sortQuads } from '../../src/graph/rdf-formats.js';

const parse = (turtle: string) => new Parser({ baseIRI: 'http://example.org/' }).parse(turtle);

const AUTHORS = `
  @prefix bibo: <http://purl.org/ontology/bibo/> .
  <output> <http://purl.org/dc/terms/title> "A report"@en ;
    bibo:authorList ( <alice> <bob> ) .
`;

describe('canonicalGraph', () => {
  it('gives the same text and hash for the same graph, whatever its blank node labels', async () => {
    const first = parse(AUTHORS);
    // The same list written with explicit, differently named blank nodes, in another order.
    const second = parse(`
      @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
      _:tail rdf:first <bob> ; rdf:rest rdf:nil .
      <output> <http://purl.org/ontology/bibo/authorList> _:head ; <http://purl.org/dc/terms/title> "A report"@en .
      _:head rdf:first <alice> ; rdf:rest _:tail .
    `);
    const [a, b] = [await canonicalGraph(first), await canonicalGraph(second)];
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toEqual(a);
    expect(a.tripleCount).toBe(first.length);
    expect(a.nquads).toContain('_:c14n0');
  });

  it('gives another hash when one literal, one list order or one triple differs', async () => {
    const base = (await canonicalGraph(parse(AUTHORS))).hash;
    const variants = [
      AUTHORS.replace('"A report"@en', '"A report"@fr'),
      AUTHORS.replace('( <alice> <bob> )', '( <bob> <alice> )'),
      `${AUTHORS} <output> a <Report> .`,
    ];
    for (const variant of variants) expect((await canonicalGraph(parse(variant))).hash).not.toBe(base);
  });

  it('writes N-Triples that read back as the same graph, one sorted line per triple', async () => {
    const quads = parse(AUTHORS);
    const { nquads } = await canonicalGraph(quads);
    const lines = nquads.trimEnd().split('\n');
    expect(lines).toEqual([...lines].sort());
    expect(isomorphic(new Parser({ format: 'application/n-triples' }).parse(nquads), quads)).toBe(true);
  });
});

describe('CanonicalHash, computed while the graph streams by', () => {
  it('gives canonicalGraph\'s hash for triples in sortQuads order, whatever subject IRIs are prefixes of others', async () => {
    // <x> sorts after <x#a>, <x-1> and <x/b> once written as N-Quads lines, and before <x?c>.
    const turtle = ['x', 'x#a', 'x#a-1', 'x-1', 'x-10', 'x/b', 'x?c', 'x1', 'y', 'y#z'].map((name, index) => `<http://e.org/${name}> <http://e.org/p> "${index}", <http://e.org/${name}> ; <http://e.org/q> "v\\"\\n${name}"@en .`).join('\n');
    const quads = sortQuads(new Parser().parse(turtle));
    const expected = await canonicalGraph(quads);
    for (const size of [1, 3, quads.length]) {
      const streamed = new CanonicalHash();
      for (let start = 0; start < quads.length; start += size) streamed.add(quads.slice(start, start + size));
      expect(streamed.finish()).toEqual({ hash: expected.hash, tripleCount: expected.tripleCount });
    }
  });

  it('refuses a graph with blank nodes, which it cannot label canonically', () => {
    expect(() => new CanonicalHash().add(new Parser().parse('_:b <http://e.org/p> "1" .'))).toThrow(/blank node/);
  });
});
