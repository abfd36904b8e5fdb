import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import * as rdflib from 'rdflib';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { Quad } from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { RDF_FORMATS, rdfFormatByExtension, sortQuads, writeCompactedJsonLdInSlices } from '../../src/graph/rdf-formats.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';

// Every dump is read back by a parser other than the one that wrote it and
// must hold exactly the graph's triples. The graph has no blank nodes, so
// equal sets of triples are isomorphic graphs. The parsers here come from npm;
// Python rdflib reads the same dumps in test/clients/dumps-in-rdflib.test.ts
// (`npm run test:interop`).

/** graph.rdf (our own writer) by rdfxml-streaming-parser. */
async function readRdfXml(file: string): Promise<Quad[]> {
  const text = await readFile(file, 'utf8');
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI: pathToFileURL(file).href });
    parser.on('data', (quad: Quad) => quads.push(quad)).on('error', reject).on('end', () => resolve(quads));
    parser.end(text);
  });
}

/** graph.ttl and graph.nt (N3.js's writer) by rdflib.js's own Turtle parser; N-Triples is a subset of Turtle. */
async function readWithRdflibJs(file: string): Promise<Quad[]> {
  const store = rdflib.graph();
  rdflib.parse(await readFile(file, 'utf8'), store, pathToFileURL(file).href, 'text/turtle');
  return store.statements as unknown as Quad[];
}

let graph: PublishedGraph;
let expected: string[];
beforeAll(async () => {
  graph = await buildTestGraph();
  expected = tripleLines(graph.store.getQuads(null, null, null, null));
});

const dump = (extension: string) => join(graph.distDir, `graph.${extension}`);

describe('the dumps', () => {
  it('hold no blank nodes, so set equality is isomorphism', () => {
    expect(expected.some((line) => line.includes('_:'))).toBe(false);
    expect(expected.length).toBe(graph.manifest.tripleCount);
  });

  it('graph.rdf parsed by rdfxml-streaming-parser holds the graph', async () => {
    expect(tripleLines(await readRdfXml(dump('rdf')))).toEqual(expected);
  });

  it.each(['ttl', 'nt'])('graph.%s parsed by rdflib.js holds the graph', async (extension) => {
    expect(tripleLines(await readWithRdflibJs(dump(extension)))).toEqual(expected);
  });

  it('graph.jsonld expanded by jsonld.js holds the graph, with its context inline', async () => {
    const document = JSON.parse(await readFile(dump('jsonld'), 'utf8'));
    expect(typeof document['@context']).toBe('object');
    const nquads = (await jsonld.toRDF(document, {
      format: 'application/n-quads',
      documentLoader: async (url: string) => { throw new Error(`no remote documents: ${url}`); },
    } as never)) as unknown as string;
    expect(tripleLines(parseNTriples(nquads))).toEqual(expected);
  });

  it('graph.ttl parsed by N3.js holds the graph', async () => {
    const quads = new Parser({ format: 'text/turtle' }).parse(await readFile(dump('ttl'), 'utf8'));
    expect(tripleLines(quads)).toEqual(expected);
  });

  it('graph.nt lists one triple per line, the triples of each subject together, so diffs are reviewable', async () => {
    const lines = (await readFile(dump('nt'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(graph.manifest.tripleCount);
    const runs = lines.map((line) => line.slice(0, line.indexOf(' '))).filter((subject, index, all) => subject !== all[index - 1]);
    expect(new Set(runs).size).toBe(runs.length);
  });
});

describe('the table of RDF formats', () => {
  it('has one entry per extension and per media type', () => {
    expect(new Set(RDF_FORMATS.map((format) => format.extension)).size).toBe(RDF_FORMATS.length);
    expect(new Set(RDF_FORMATS.map((format) => format.mediaType)).size).toBe(RDF_FORMATS.length);
    expect(rdfFormatByExtension('ttl')?.mediaType).toBe('text/turtle');
    expect(rdfFormatByExtension('exe')).toBeUndefined();
  });

  it.each(RDF_FORMATS.map((format) => [format.label, format] as const))('%s writes the same text whatever order the triples come in', async (_label, format) => {
    const quads = graph.store.getQuads(null, null, null, null).slice(0, 200);
    const shuffled = [...quads].reverse();
    const options = { prefixes: graph.manifest.prefixes };
    expect(await format.serialize(shuffled, options)).toBe(await format.serialize(quads, options));
    expect(sortQuads(shuffled)).toEqual(sortQuads(quads));
  });

  it.each(RDF_FORMATS.map((format) => [format.label, format] as const))('%s writes the same text in pieces as in one go, and from sorted quads as from unsorted ones', async (_label, format) => {
    const quads = graph.store.getQuads(null, null, null, null);
    const options = { prefixes: graph.manifest.prefixes };
    let pieces = '';
    for await (const piece of format.chunks([...quads].reverse(), options)) pieces += piece;
    expect(pieces).toBe(await format.serialize(quads, options));
    expect(await format.serialize(sortQuads(quads), { ...options, sorted: true })).toBe(pieces);
  });

  it('compacts a large graph slice by slice into the same JSON-LD document as compacting it whole', async () => {
    const quads = sortQuads(graph.store.getQuads(null, null, null, null));
    const whole = await rdfFormatByExtension('jsonld')!.serialize(quads, { prefixes: graph.manifest.prefixes });
    for (const slice of [1, 7, 100]) {
      let sliced = '';
      for await (const piece of writeCompactedJsonLdInSlices(quads, graph.manifest.prefixes, slice)) sliced += piece;
      expect(sliced).toBe(whole);
    }
  });
});
