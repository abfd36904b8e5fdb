import { Parser as N3Parser } from 'n3';
import { SparqlJsonParser } from 'sparqljson-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComunicaRunner } from '../../src/store/comunica-runner.js';
import { queryShape } from '../../src/store/prepare-query.js';
import { embeddedEngine } from '../support/embedded-engine.js';
import { EngineFailureError, QueryEvaluationError, QueryRefusedError, QueryTimeoutError, TooManyLongQueriesError } from '../../src/store/query-errors.js';
import type { QueryResultStream } from '../../src/store/query-engine.js';
import { WorkerPoolEngine } from '../../src/store/worker-pool-engine.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { startLoopbackListener, type LoopbackListener } from '../support/loopback-listener.js';
import { select } from '../support/select.js';

const BASE = 'http://localhost:3000/';
const HEAVY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
let graph: Awaited<ReturnType<typeof buildTestGraph>>;
let engine: WorkerPoolEngine;
let loopback: LoopbackListener;

async function readAll(stream: QueryResultStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

/** Waits, polling, until `condition` holds; fails after `ms`. */
async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function selectJson(text: string, target: WorkerPoolEngine = engine): Promise<{ rows: Record<string, string>[]; truncated: boolean }> {
  const stream = await target.query(text, { mediaType: 'application/sparql-results+json' });
  const json = JSON.parse(await readAll(stream));
  const rows = new SparqlJsonParser().parseJsonResults(json).map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name.replace(/^\?/, ''), term.value])));
  return { rows, truncated: stream.truncated };
}

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE });
  engine = new WorkerPoolEngine(
    { store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: { timeLimitMs: 1500, maxRows: 20, maxQueryLength: 2000 }, engine: embeddedEngine() },
    { workers: 2 },
  );
  loopback = await startLoopbackListener();
});

afterAll(async () => {
  await engine?.close();
  await loopback?.close();
});

describe('WorkerPoolEngine', () => {
  it('answers the same from the shared bytes of dist/graph.nt as from the store written out as N-Quads', async () => {
    const fromFile = new WorkerPoolEngine(
      { store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: { timeLimitMs: 5000, maxRows: 100_000, maxQueryLength: 2000 }, engine: embeddedEngine() },
      { workers: 1, ntriples: graph.ntriples },
    );
    try {
      const query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
      expect((await selectJson(query, fromFile)).rows).toEqual([{ n: String(graph.manifest.tripleCount) }]);
      const names = 'SELECT ?s ?name WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?s ?name';
      expect((await selectJson(names, fromFile)).rows).toEqual(await select(graph.store, names));
    } finally {
      await fromFile.close();
    }
  });

  it('answers a SELECT with the same rows Comunica gives in-process', async () => {
    const query = 'SELECT ?s ?name WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?s ?name';
    const expected = await select(graph.store, query);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(20);
    expect((await selectJson(query)).rows).toEqual(expected);
  });

  it('cuts results at the row limit and says so, and does not when under it', async () => {
    const all = await select(graph.store, 'SELECT * WHERE { ?s ?p ?o }');
    expect(all.length).toBeGreaterThan(20);
    const cut = await selectJson('SELECT * WHERE { ?s ?p ?o }');
    expect(cut.rows).toHaveLength(20);
    expect(cut.truncated).toBe(true);
    const small = await selectJson('SELECT * WHERE { ?s ?p ?o } LIMIT 5');
    expect(small.rows).toHaveLength(5);
    expect(small.truncated).toBe(false);
  });

  it('cuts CONSTRUCT output at the row limit, in a format the RDF table writes', async () => {
    const stream = await engine.query('CONSTRUCT WHERE { ?s ?p ?o }', { mediaType: 'application/n-triples' });
    const quads = new N3Parser({ format: 'application/n-triples' }).parse(await readAll(stream));
    expect(quads).toHaveLength(20);
    expect(stream.truncated).toBe(true);
  });

  it('stops a runaway query at the time limit while a cheap query completes meanwhile', async () => {
    await waitFor(() => engine.stats().ready === 4);
    const replacedBefore = engine.stats().replaced;
    let heavySettled = false;
    const heavy = engine.query(HEAVY, { mediaType: 'application/sparql-results+json' }).then(readAll).finally(() => (heavySettled = true));
    heavy.catch(() => {});
    const cheap = await selectJson('ASK { ?s ?p ?o }'.replace('ASK', 'SELECT (COUNT(*) AS ?n) WHERE'));
    expect(Number(cheap.rows[0]?.n)).toBe(graph.store.size);
    expect(heavySettled).toBe(false);
    await expect(heavy).rejects.toBeInstanceOf(QueryTimeoutError);
    // The worker running it was terminated and replaced, not left computing.
    expect(engine.stats().replaced).toBe(replacedBefore + 1);
    // Two workers for long queries, one kept for short ones and one started in reserve.
    expect(engine.stats().workers).toBe(4);
    expect((await selectJson('SELECT * WHERE { ?s ?p ?o } LIMIT 1')).rows).toHaveLength(1);
  });

  it('refuses updates and SERVICE before anything runs', async () => {
    await expect(engine.query('DELETE WHERE { ?s ?p ?o }', { mediaType: 'text/csv' })).rejects.toBeInstanceOf(QueryRefusedError);
    await expect(engine.query(`SELECT * WHERE { SERVICE <${loopback.url}> { ?s ?p ?o } }`, { mediaType: 'text/csv' })).rejects.toBeInstanceOf(QueryRefusedError);
    expect(graph.store.size).toBe(graph.build.manifest.tripleCount);
  });

  it('reports an evaluation failure as the query\'s fault', async () => {
    const failing = engine.query('SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/unknown-function>(?o)) }', { mediaType: 'text/csv' }).then(readAll);
    await expect(failing).rejects.toBeInstanceOf(QueryEvaluationError);
  });
});

describe('WorkerPoolEngine under hostile load', () => {
  const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
  const poolWith = (options: ConstructorParameters<typeof WorkerPoolEngine>[1], timeLimitMs = 1500) =>
    new WorkerPoolEngine({ store: graph.store, endpointIri: `${BASE}sparql`, prefixes: graph.manifest.prefixes, limits: { timeLimitMs, maxRows: 20, maxQueryLength: 2000 }, engine: embeddedEngine() }, options);

  it('replaces a worker whose engine trapped before it takes another query, and reports the failure as the engine\'s', async () => {
    const pool = poolWith({ workers: 2, runnerModule: new URL('./trapping-runner.ts', import.meta.url) });
    try {
      await waitFor(() => pool.stats().ready === 4);
      const trapped = await pool.query('ASK { ?s ?p "trap this worker" }', { mediaType: 'application/sparql-results+json' }).then(readAll, (error: unknown) => error);
      expect(trapped).toBeInstanceOf(EngineFailureError);
      expect((trapped as Error).message).toBe('The query engine failed while running this query; the failure has been logged.');
      expect(((trapped as Error).cause as Error).message).toBe('memory access out of bounds');
      expect(((trapped as Error).cause as Error).name).toBe('RuntimeError');
      expect(pool.stats().replaced).toBe(1);
      expect(pool.health()).toEqual({
        status: 'degraded',
        reason: '3 of 4 SPARQL query workers are ready; the others are starting (at start-up, or in place of one that failed, ran out of time or grew too large).',
      });
      await waitFor(() => pool.stats().ready === 4);
      expect(pool.health()).toEqual({ status: 'ok' });
      // The new worker, started last, counts as the most recently used: it takes the next queries.
      for (let i = 0; i < 4; i += 1) expect((await selectJson(COUNT, pool)).rows).toEqual([{ n: String(graph.store.size) }]);
    } finally {
      await pool.close();
    }
  });

  it('gives queries sent one after another to the same idle worker, and a query arriving meanwhile to another', async () => {
    // One worker for long queries: three threads, two queries at once.
    const pool = poolWith({ workers: 1, runnerModule: new URL('./thread-id-runner.ts', import.meta.url) });
    const whichWorker = async () => readAll(await pool.query('ASK { ?s ?p "which worker" }', { mediaType: 'application/sparql-results+json' }));
    try {
      await waitFor(() => pool.stats().ready === 3);
      const first = await whichWorker();
      for (let i = 0; i < 5; i += 1) expect(await whichWorker()).toBe(first);
      const [a, b] = await Promise.all([whichWorker(), whichWorker()]);
      expect(new Set([a, b]).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('starts its workers one after another, each once the one before is ready, and answers from the first', async () => {
    const pool = poolWith({ workers: 2 });
    try {
      expect(pool.stats()).toMatchObject({ workers: 1, ready: 0 });
      const started: number[] = [];
      await waitFor(() => {
        const { workers, ready } = pool.stats();
        // Never a second worker starting while another still loads.
        expect(workers - ready).toBeLessThanOrEqual(1);
        if (started.at(-1) !== workers) started.push(workers);
        return ready === 4;
      });
      expect(started).toEqual([1, 2, 3, 4]);
      expect((await selectJson(COUNT, pool)).rows).toEqual([{ n: String(graph.store.size) }]);
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker whose memory grew past the bound once its query has ended, and answers on', async () => {
    // A bound below any growth: every worker is replaced after its query.
    const pool = poolWith({ workers: 1, recycleGrowthBytes: -1 });
    try {
      await waitFor(() => pool.stats().ready === 3);
      expect((await selectJson(COUNT, pool)).rows).toEqual([{ n: String(graph.store.size) }]);
      expect(pool.stats()).toMatchObject({ recycled: 1, replaced: 1, workers: 3 });
      expect((await selectJson(COUNT, pool)).rows).toEqual([{ n: String(graph.store.size) }]);
      expect(pool.stats()).toMatchObject({ recycled: 2, replaced: 2, workers: 3 });
    } finally {
      await pool.close();
    }
  });

  it('keeps a worker for short queries: a query turning long while the others are is stopped, and an ASK completes before the runaways', async () => {
    const pool = poolWith({ workers: 2, longAfterMs: 1000 }, 8000);
    // A second before a query counts as long, eight before the limit: on a loaded machine a cold
    // worker's ASK can take a few hundred milliseconds, and must not count as long itself.
    try {
      await waitFor(() => pool.stats().ready === 4);
      const settled: string[] = [];
      const runaways = [1, 2, 3].map((n) =>
        pool
          .query(HEAVY, { mediaType: 'application/sparql-results+json' })
          .then(readAll)
          .finally(() => settled.push(`runaway ${n}`)),
      );
      runaways.forEach((runaway) => runaway.catch(() => {}));
      const stopped = await Promise.race(runaways.map((runaway) => runaway.then(() => undefined, (error: unknown) => error)));
      expect(stopped).toBeInstanceOf(TooManyLongQueriesError);
      expect((stopped as TooManyLongQueriesError).message).toMatch(
        /^Too many long-running queries at once: this one ran over 1 s while 2 others already had, and one query worker is kept for short queries\. Try again in [1-8] s\.$/,
      );
      expect((stopped as TooManyLongQueriesError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect((stopped as TooManyLongQueriesError).retryAfterSeconds).toBeLessThanOrEqual(8);
      expect(pool.stats().long).toBe(2);
      const ask = await pool.query('ASK { ?s ?p ?o }', { mediaType: 'application/sparql-results+json' }).then(readAll);
      settled.push('ask');
      expect(ask).toContain('"boolean":true');
      // The ASK came second: after the runaway that was stopped, before the two that ran to the time limit.
      expect(settled.indexOf('ask')).toBe(1);
      const outcomes = await Promise.allSettled(runaways);
      expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).name : 'answered')).sort()).toEqual(['QueryTimeoutError', 'QueryTimeoutError', 'TooManyLongQueriesError']);
    } finally {
      await pool.close();
    }
  }, 40_000);
});

describe('Comunica as configured here, without the policy in front of it', () => {
  it('makes no connection for SERVICE or FROM, even when nothing refuses the query first', async () => {
    const runner = new ComunicaRunner({ store: graph.store, baseIri: `${BASE}sparql`, prefixes: {} });
    const attempts = [
      `SELECT * WHERE { SERVICE <${loopback.url}sparql> { ?s ?p ?o } }`,
      `SELECT * FROM <${loopback.url}data.ttl> WHERE { ?s ?p ?o }`,
      `SELECT * FROM NAMED <${loopback.url}named.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }`,
      `DESCRIBE <${loopback.url}thing>`,
    ];
    for (const query of attempts) {
      const mediaType = query.startsWith('DESCRIBE') ? 'text/turtle' : 'application/sparql-results+json';
      const { chunks } = runner.run(query, { mediaType, maxRows: 10, deadline: Date.now() + 5000, timeLimitMs: 5000, shape: queryShape(query, `${BASE}sparql`) });
      try {
        for await (const chunk of chunks) void chunk;
      } catch {
        // Failing is fine; connecting is not.
      }
    }
    expect(loopback.connections()).toBe(0);
  });
});
