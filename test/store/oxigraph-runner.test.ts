import { Readable } from 'node:stream';
import { Parser as N3Parser } from 'n3';
import { SparqlJsonParser } from 'sparqljson-parse';
import { SparqlXmlParser } from 'sparqlxml-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryRefusedError, QueryTimeoutError } from '../../src/store/query-errors.js';
import type { QueryEngine, QueryResultStream } from '../../src/store/query-engine.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import { WorkerPoolEngine } from '../../src/store/worker-pool-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { tripleLines } from '../support/compare-graphs.js';

// Oxigraph behind the same engine interface as Comunica: each answer is
// compared with Comunica's for the same query over the same graph.

const BASE = 'http://localhost:3000/';
const NAMES = 'SELECT ?person ?name WHERE { ?person a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?person';
const LIMITS = { timeLimitMs: 1500, maxRows: 20, maxQueryLength: 2000 };
let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let oxigraph: InProcessEngine;
let comunica: InProcessEngine;
let pool: WorkerPoolEngine;

async function text(engine: QueryEngine, query: string, mediaType: string): Promise<{ body: string; stream: QueryResultStream }> {
  const stream = await engine.query(query, { mediaType });
  let body = '';
  for await (const chunk of stream) body += chunk;
  return { body, stream };
}

const jsonRows = (body: string) => new SparqlJsonParser().parseJsonResults(JSON.parse(body)).map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, term.value])));

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE });
  const setup = { store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: LIMITS };
  oxigraph = new InProcessEngine({ ...setup, engine: 'oxigraph' });
  comunica = new InProcessEngine({ ...setup, engine: 'comunica' });
  pool = new WorkerPoolEngine({ ...setup, engine: 'oxigraph' }, { workers: 1 });
});

afterAll(async () => {
  await pool?.close();
});

describe('the Oxigraph engine', () => {
  it('gives the SELECT rows Comunica gives, in SPARQL JSON and XML', async () => {
    const expected = jsonRows((await text(comunica, NAMES, 'application/sparql-results+json')).body);
    expect(expected.length).toBe(7);
    expect(jsonRows((await text(oxigraph, NAMES, 'application/sparql-results+json')).body)).toEqual(expected);
    const xml = (await text(oxigraph, NAMES, 'application/sparql-results+xml')).body;
    const rows = await new Promise<Record<string, string>[]>((resolve, reject) => {
      const found: Record<string, string>[] = [];
      new SparqlXmlParser().parseXmlResultsStream(Readable.from([xml]))
        .on('data', (row: Record<string, { value: string }>) => found.push(Object.fromEntries(Object.entries(row).map(([name, term]) => [name, term.value]))))
        .on('error', reject)
        .on('end', () => resolve(found));
    });
    expect(rows).toEqual(expected);
  });

  it('writes CSV with the columns in query order', async () => {
    const csv = (await text(oxigraph, 'SELECT ?name ?person WHERE { ?person <http://xmlns.com/foaf/0.1/name> "Mark Fox" ; <http://xmlns.com/foaf/0.1/name> ?name }', 'text/csv')).body;
    expect(csv).toBe(`name,person\r\nMark Fox,${BASE}id/person/mark-fox\r\n`);
  });

  it('answers ASK', async () => {
    expect((await text(oxigraph, 'ASK { ?s a <http://www.w3.org/ns/dcat#Catalog> }', 'application/sparql-results+json')).body).toContain('"boolean":true');
    expect((await text(oxigraph, 'ASK { ?s a <http://example.org/Nothing> }', 'application/sparql-results+json')).body).toContain('"boolean":false');
  });

  it('gives the CONSTRUCT graph Comunica gives', async () => {
    const query = 'CONSTRUCT { ?s <http://schema.org/name> ?n } WHERE { ?s a <http://xmlns.com/foaf/0.1/Organization> ; <http://schema.org/name> ?n }';
    const parse = (body: string) => tripleLines(new N3Parser({ format: 'text/turtle' }).parse(body));
    const expected = parse((await text(comunica, query, 'text/turtle')).body);
    expect(expected).toHaveLength(12);
    expect(parse((await text(oxigraph, query, 'text/turtle')).body)).toEqual(expected);
  });

  it('cuts rows at the limit and says so', async () => {
    const { body, stream } = await text(oxigraph, 'SELECT * WHERE { ?s ?p ?o }', 'application/sparql-results+json');
    expect(jsonRows(body)).toHaveLength(20);
    expect(stream.truncated).toBe(true);
  });

  it('in a worker thread, stops a query over its time limit and keeps answering', async () => {
    await expect(text(pool, 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', 'application/sparql-results+json')).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(jsonRows((await text(pool, NAMES, 'application/sparql-results+json')).body)).toHaveLength(7);
  });

  it('refuses SERVICE before the query reaches Oxigraph', async () => {
    await expect(oxigraph.query('SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }', { mediaType: 'application/sparql-results+json' })).rejects.toBeInstanceOf(QueryRefusedError);
  });
});
