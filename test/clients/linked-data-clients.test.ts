import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';
import { expectedDescription } from '../http/linked-data-fixture.js';
import { serveGraphOnLoopback, type LoopbackGraphServer } from '../support/loopback-graph-server.js';

// Clients no one here wrote fetch resource IRIs over real HTTP, follow the
// 303 and parse what comes back: rapper (raptor2-utils), Python rdflib
// (Debian's python3-rdflib, importable from /usr/bin/python3 only) and curl.
// The graph is built for the address the server listens on, so its IRIs
// are the URLs the clients fetch.

const run = promisify(execFile);
const DEBIAN_PYTHON = '/usr/bin/python3';
const RDFLIB_FETCH = `
import sys, rdflib
rdflib.NORMALIZE_LITERALS = False  # compare lexical forms exactly
graph = rdflib.Graph()
graph.parse(sys.argv[1], format=(sys.argv[2] or None))
sys.stdout.write(graph.serialize(format="nt"))
`;

let served: LoopbackGraphServer;
let base: string;
let graph: PublishedGraph;

beforeAll(async () => {
  served = await serveGraphOnLoopback();
  ({ base, graph } = served);
});

afterAll(() => served.close());

const RESOURCES = ['id/person/ada-example', 'id/output/test-guide', 'id/catalog', 'id/organisation/test-org', 'vocab/ontology'];

/** The triples a client must end up with for a resource (hash IRIs bring their resource's document). */
function expected(path: string): string[] {
  return expectedDescription(graph.store.getQuads(null, null, null, null), `${base}${path.split('#')[0]}`);
}

describe('rapper (raptor2)', () => {
  const cases = RESOURCES.flatMap((path) => ['guess', 'turtle', 'rdfxml', 'ntriples'].map((parser) => [path, parser] as const));

  it.each(cases)('fetches %s with -i %s, follows the 303 and gets the description', async (path, parser) => {
    const { stdout } = await run('rapper', ['-q', '-i', parser, '-o', 'ntriples', `${base}${path}`], { maxBuffer: 16 << 20 });
    expect(tripleLines(parseNTriples(stdout))).toEqual(expected(path));
  });

  it('fetches a hash IRI: the distribution is in its output’s document', async () => {
    const path = 'id/output/test-report#distribution-example-archive';
    const { stdout } = await run('rapper', ['-q', '-i', 'guess', '-o', 'ntriples', `${base}${path}`], { maxBuffer: 16 << 20 });
    const lines = tripleLines(parseNTriples(stdout));
    expect(lines).toEqual(expected(path));
    expect(lines.some((line) => line.startsWith(`<${base}${path}>`))).toBe(true);
  });
});

describe('Python rdflib', () => {
  const cases = RESOURCES.flatMap((path) => ['', 'turtle', 'xml', 'nt', 'json-ld'].map((format) => [path, format] as const));

  it.each(cases)('Graph().parse(%s, format=%j) follows the 303 and gets the description', async (path, format) => {
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', RDFLIB_FETCH, `${base}${path}`, format], { maxBuffer: 16 << 20 });
    expect(tripleLines(parseNTriples(stdout))).toEqual(expected(path));
  });
});

describe('curl', () => {
  it.each(RESOURCES)("curl -L -H 'Accept: text/turtle' %s gets the Turtle description", async (path) => {
    const { stdout } = await run('curl', ['-sSfL', '-H', 'Accept: text/turtle', `${base}${path}`], { maxBuffer: 16 << 20 });
    const { Parser } = await import('n3');
    expect(tripleLines(new Parser({ format: 'text/turtle', baseIRI: base }).parse(stdout))).toEqual(expected(path));
  });

  it('a browser-like request ends on the HTML page', async () => {
    const { stdout } = await run('curl', ['-sSfL', '-H', 'Accept: text/html,application/xhtml+xml,*/*;q=0.8', '-w', '%{content_type} %{url_effective}', '-o', '/dev/null', `${base}id/person/bob`]);
    expect(stdout).toBe(`text/html; charset=utf-8 ${base}doc/person/bob.html`);
  });
});
