import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';

// The dumps read back by Python rdflib (Debian's python3-rdflib, the parser
// Python harvesters use), which must find exactly the graph's triples. The
// graph has no blank nodes (test/graph/rdf-formats.test.ts checks), so equal
// sets of triples are isomorphic graphs.

const DEBIAN_PYTHON = '/usr/bin/python3';
const RDFLIB_TO_NTRIPLES = `
import sys, rdflib
rdflib.NORMALIZE_LITERALS = False  # compare lexical forms exactly
graph = rdflib.Graph()
graph.parse(sys.argv[1], format=sys.argv[2])
sys.stdout.write(graph.serialize(format="nt"))
`;

let graph: PublishedGraph;
let expected: string[];
beforeAll(async () => {
  graph = await buildTestGraph();
  expected = tripleLines(graph.store.getQuads(null, null, null, null));
});

describe('the dumps, read by Python rdflib', () => {
  it.each([
    ['ttl', 'turtle'],
    ['rdf', 'xml'],
    ['nt', 'nt'],
  ])('graph.%s parsed by Python rdflib holds the graph', (extension, rdflibFormat) => {
    const ntriples = execFileSync(DEBIAN_PYTHON, ['-c', RDFLIB_TO_NTRIPLES, join(graph.distDir, `graph.${extension}`), rdflibFormat], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(tripleLines(parseNTriples(ntriples))).toEqual(expected);
  });
});
