import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { WorkerPoolEngine } from '../../src/store/worker-pool-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { FIXTURE_DATA } from '../http/linked-data-fixture.js';
import { ask, select } from '../support/select.js';
import { embeddedEngine } from '../support/embedded-engine.js';

const run = promisify(execFile);
/** Debian's python3-sparqlwrapper is importable only by the system interpreter. */
const PYTHON = '/usr/bin/python3';
const NAMES = 'SELECT ?person ?name WHERE { ?person a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?person';

let server: Server;
let engine: WorkerPoolEngine;
let endpoint: string;
let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let expected: Record<string, string>[];

beforeAll(async () => {
  // The graph is built for the address the server really listens on, so IRIs and the endpoint agree.
  const probe = (await import('node:net')).createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  const base = `http://127.0.0.1:${port}/`;
  graph = await buildTestGraph({ baseUrl: base, dataDir: FIXTURE_DATA });
  engine = new WorkerPoolEngine({ engine: embeddedEngine(), store: graph.store, endpointIri: `${base}sparql`, prefixes: graph.manifest.prefixes, limits: { timeLimitMs: 10_000, maxRows: 10_000, maxQueryLength: 10_000 } }, { workers: 2 });
  const app = createApp({ graph, baseUrl: base, log: () => {}, accessLog: () => {}, sparql: { engine } } as Parameters<typeof createApp>[0]);
  server = app.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `${base}sparql`;
  expected = await select(graph.store, NAMES);
  expect(expected.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await engine?.close();
});

const SPARQLWRAPPER_SCRIPT = `
import json, sys
from SPARQLWrapper import SPARQLWrapper, JSON, XML
endpoint, query, method, form = sys.argv[1:5]
client = SPARQLWrapper(endpoint)
client.setQuery(query)
client.setMethod(method)
if form == 'json':
    client.setReturnFormat(JSON)
    result = client.query().convert()
    if 'boolean' in result:
        print(json.dumps(result['boolean']))
    else:
        print(json.dumps([{k: v['value'] for k, v in row.items()} for row in result['results']['bindings']]))
else:
    client.setReturnFormat(XML)
    doc = client.query().convert()
    booleans = doc.getElementsByTagName('boolean')
    if booleans:
        print(json.dumps(booleans[0].firstChild.data.strip() == 'true'))
    else:
        rows = []
        for result in doc.getElementsByTagName('result'):
            row = {}
            for binding in result.getElementsByTagName('binding'):
                node = [n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE][0]
                row[binding.getAttribute('name')] = node.firstChild.data if node.firstChild else ''
            rows.append(row)
        print(json.dumps(rows))
`;

async function sparqlWrapper(query: string, method: 'GET' | 'POST', form: 'json' | 'xml'): Promise<unknown> {
  const { stdout } = await run(PYTHON, ['-c', SPARQLWRAPPER_SCRIPT, endpoint, query, method, form]);
  return JSON.parse(stdout);
}

describe('Python SPARQLWrapper', () => {
  it.each([
    ['GET', 'json'],
    ['GET', 'xml'],
    ['POST', 'json'],
    ['POST', 'xml'],
  ] as const)('gets the right rows by %s in %s', async (method, form) => {
    expect(await sparqlWrapper(NAMES, method, form)).toEqual(expected);
  });

  it.each(['json', 'xml'] as const)('gets the right ASK answers in %s', async (form) => {
    const yes = 'ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }';
    const no = 'ASK { ?s a <http://example.org/NoSuchClass> }';
    expect(await sparqlWrapper(yes, 'GET', form)).toBe(await ask(graph.store, yes));
    expect(await sparqlWrapper(no, 'GET', form)).toBe(await ask(graph.store, no));
  });
});

describe('roqet -p (rasqal)', () => {
  it('gets the right rows of a SELECT', async () => {
    const { stdout } = await run('roqet', ['-p', endpoint, '-e', NAMES]);
    // roqet prints one "row: [person=uri<…>, name=string("…"@en)]" line per solution.
    const rows = stdout
      .split('\n')
      .filter((line) => line.startsWith('row: '))
      .map((line) => {
        const match = /person=uri<([^>]*)>, name=string\("((?:[^"\\]|\\.)*)"/.exec(line);
        if (!match) throw new Error(`unexpected roqet row: ${line}`);
        // roqet writes non-ASCII characters as \uXXXX escapes, which JSON string syntax decodes.
        return { person: match[1], name: JSON.parse(`"${match[2]}"`) as string };
      });
    expect(rows).toEqual(expected);
  });
});
