import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RDF_FORMATS } from '../../src/graph/rdf-formats.js';
import type { EngineName } from '../../src/store/create-runner.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import type { QueryLimits } from '../../src/store/query-engine.js';
import { RESULT_FORMATS } from '../../src/store/result-formats.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { startLoopbackStore, type LoopbackStore } from '../support/loopback-store.js';

// The same query must give the same bytes whatever engine answers it: Oxigraph,
// Comunica, and an external store (this project's endpoint on loopback, holding
// the graph in a named graph). Every runner hands its solutions or quads to
// solution-writers.ts, which is what this checks.

const BASE = 'http://localhost:3000/';
const STORE_GRAPH = 'http://store.test/graph/oscg';
const LIMITS: QueryLimits = { timeLimitMs: 10_000, maxRows: 1000, maxQueryLength: 5000 };
const PREFIXES = 'PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ';

const SELECTS: Readonly<Record<string, string>> = {
  'IRIs and literals of every kind': `${PREFIXES} SELECT ?s ?o (DATATYPE(?o) AS ?type) WHERE { ?s dct:modified|dct:date|dct:title ?o FILTER(!CONTAINS(STR(?s), "#")) } ORDER BY STR(?s) STR(?o)`,
  'language-tagged literals': `${PREFIXES} SELECT ?d ?title (LANG(?title) AS ?lang) WHERE { ?d a dcat:Dataset ; dct:title ?title FILTER(LANG(?title) != "") } ORDER BY ?d STR(?title) ?lang`,
  'typed literals and unbound columns': `${PREFIXES} SELECT ?d ?n ?when ?missing WHERE { ?d a dcat:Dataset OPTIONAL { ?d dct:nothing ?missing } BIND(STRDT("7", xsd:integer) AS ?n) BIND("2024-01-02"^^xsd:date AS ?when) } ORDER BY ?d`,
  // (Comunica evaluates BNODE() again where a later BIND copies it, so one blank node per row is compared.)
  'blank nodes': `${PREFIXES} SELECT ?d ?b WHERE { ?d a dcat:Dataset BIND(BNODE() AS ?b) } ORDER BY ?d`,
  'special characters': `SELECT ?text WHERE { VALUES ?text { "a \\"quoted\\", comma" "tab\\there" "line\\nbreak" "<&>" } } ORDER BY ?text`,
};
const ASKS = [`${PREFIXES} ASK { ?s a dcat:Catalog }`, `${PREFIXES} ASK { ?s a <http://example.org/Nothing> }`];
const CONSTRUCTS: Readonly<Record<string, string>> = {
  'IRIs and literals': `${PREFIXES} CONSTRUCT { ?d dct:title ?title ; a dcat:Dataset } WHERE { ?d a dcat:Dataset ; dct:title ?title }`,
  // Oxigraph hands its graph over as N-Triples text, read back before it is written: escapes must survive the trip.
  'special characters, languages and datatypes': `${PREFIXES} CONSTRUCT { ?d <http://example.org/note> ?text } WHERE { ?d a dcat:Dataset VALUES ?text { "a \\"quoted\\", comma" "tab\\there" "line\\nbreak" "<&> \\u00e9 \\U0001F600 \\\\" "colour"@en "7"^^xsd:integer } }`,
};

let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let store: LoopbackStore;
let engines: Record<EngineName, InProcessEngine>;

function engineOf(engine: EngineName, endpoint?: string): InProcessEngine {
  return new InProcessEngine({
    store: graph.store,
    endpointIri: `${BASE}sparql`,
    prefixes: graph.manifest.prefixes,
    limits: LIMITS,
    engine,
    external: endpoint ? { endpoint, graph: STORE_GRAPH } : undefined,
  });
}

async function answer(engine: InProcessEngine, query: string, mediaType: string): Promise<string> {
  const stream = await engine.query(query, { mediaType });
  let body = '';
  for await (const chunk of stream) body += chunk;
  return body;
}

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE });
  store = await startLoopbackStore(graph, STORE_GRAPH, LIMITS);
  engines = { oxigraph: engineOf('oxigraph'), comunica: engineOf('comunica'), external: engineOf('external', `${store.url}sparql`) };
});

afterAll(async () => {
  await Promise.all(Object.values(engines ?? {}).map((engine) => engine.close()));
  await store?.close();
});

/** Every engine's answer, and the first one's, to compare the others with. */
async function everyEngine(query: string, mediaType: string): Promise<{ expected: string; answers: Record<string, string> }> {
  const answers: Record<string, string> = {};
  for (const [name, engine] of Object.entries(engines)) answers[name] = await answer(engine, query, mediaType);
  const expected = answers.oxigraph!;
  return { expected, answers };
}

describe('every engine writes the same bytes', () => {
  const selectCases = Object.entries(SELECTS).flatMap(([label, query]) => RESULT_FORMATS.map((format) => [label, format.name, query, format.mediaType] as const));
  it.each(selectCases)('SELECT with %s, in %s', async (_label, _format, query, mediaType) => {
    const { expected, answers } = await everyEngine(query, mediaType);
    expect(expected.split('\n').length).toBeGreaterThan(2);
    expect(answers).toEqual({ oxigraph: expected, comunica: expected, external: expected });
  });

  const askCases = ASKS.flatMap((query) => RESULT_FORMATS.map((format) => [query, format.name, format.mediaType] as const));
  it.each(askCases)('%s, in %s', async (query, _format, mediaType) => {
    const { expected, answers } = await everyEngine(query, mediaType);
    expect(answers).toEqual({ oxigraph: expected, comunica: expected, external: expected });
  });

  const constructCases = Object.entries(CONSTRUCTS).flatMap(([label, query]) => RDF_FORMATS.map((format) => [label, format.name, query, format.mediaType] as const));
  it.each(constructCases)('CONSTRUCT with %s, in %s', async (_label, _format, query, mediaType) => {
    const { expected, answers } = await everyEngine(query, mediaType);
    expect(expected.length).toBeGreaterThan(100);
    expect(answers).toEqual({ oxigraph: expected, comunica: expected, external: expected });
  });
});
