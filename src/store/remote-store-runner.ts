import { createHash } from 'node:crypto';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser as TriplesParser, Writer, type Store } from 'n3';
import { rdfFormatByMediaType } from '../graph/rdf-formats.js';
import type { ExternalStore } from './external-store.js';
import { sendGraph } from './graph-store-client.js';
import { batch, type QueryRunner, type RunnerSetup, type RunOptions, type RunSummary } from './query-runner.js';
import { QueryEvaluationError, QueryTimeoutError, StoreUnavailableError } from './query-errors.js';
import { writeBoolean, writeGraph, writeSolutions } from './solution-writers.js';
import { toSolution, type SparqlJson } from './sparql-json.js';
import { sortColumns } from './tabular-results.js';

/**
 * A graph name no store holds: the dataset of a query that must see no named
 * graphs, or only graphs this publisher does not have, so the other graphs of a
 * shared store (Virtuoso's own system graphs among them) stay out of reach.
 */
const NO_GRAPH = 'urn:x-oscg:no-graph';

/**
 * Forwards checked queries to an external SPARQL 1.1 store over HTTP, with the
 * published graph as the default graph and no named graphs. The store answers
 * in SPARQL JSON or N-Triples and the result is written here, so the row limit,
 * the result formats and their details are the same as with the embedded
 * engines. Nothing blocks the event loop but parsing the answer, so it needs no
 * worker thread.
 */
export class RemoteStoreRunner implements QueryRunner {
  /** The named graph in the store that holds the published graph. */
  readonly graph: string;
  private readonly tripleCount: number;
  private loading: Promise<void> | undefined;

  /**
   * `data` is the published graph (default graph only), as an n3 store or
   * N-Quads text; `contentHash` its SHA-256 from the manifest, which names its
   * graph in the store. The graph is written out as text only to be loaded.
   */
  constructor(
    private readonly data: Store | string,
    private readonly setup: Omit<RunnerSetup, 'store'>,
    private readonly store: ExternalStore,
    contentHash?: string,
  ) {
    this.tripleCount = typeof data === 'string' ? countLines(data) : data.size;
    const base = setup.baseIri.replace(/sparql$/, '');
    this.graph = store.graph ?? `${base}graph/${(contentHash ?? createHash('sha256').update(this.ntriples()).digest('hex')).slice(0, 16)}`;
    // Loading starts now, so the store is ready by the first query; a failure is reported to that query, which tries again.
    this.ready().catch(() => {});
  }

  /** Resolves once the store holds the graph: loaded through the Graph Store Protocol, or checked to be there. */
  ready(): Promise<void> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** Runs a query (already checked by prepareQuery) and yields its serialised result in chunks. */
  run(text: string, options: RunOptions): { chunks: AsyncIterable<string>; summary: RunSummary } {
    const summary: RunSummary = { truncated: false };
    return { chunks: batch(this.serialize(text, options, summary), options), summary };
  }

  private async *serialize(text: string, options: RunOptions, summary: RunSummary): AsyncGenerator<string> {
    const { form } = options.shape;
    await withinDeadline(this.ready(), options);
    const graphs = options.dataset
      ? // The published graph has no named graphs, so every graph a dataset names is empty here too.
        { default: [NO_GRAPH], named: [NO_GRAPH] }
      : { default: [this.graph], named: [NO_GRAPH] };
    if (form === 'construct' || form === 'describe') {
      const format = rdfFormatByMediaType(options.mediaType);
      if (!format) throw new Error(`${options.mediaType} is not an RDF format`);
      const quads = await this.fetchTriples(text, graphs, options);
      summary.truncated = quads.length > options.maxRows;
      yield await writeGraph(format, quads.slice(0, options.maxRows), this.setup.prefixes);
      return;
    }
    const answer = await this.fetchJson(text, graphs, options);
    if (form === 'ask') {
      yield writeBoolean(askValue(answer), options.mediaType);
      return;
    }
    const bindings = answer.results?.bindings ?? [];
    summary.truncated = bindings.length > options.maxRows;
    const solutions = bindings.slice(0, options.maxRows).map(toSolution);
    const variables = (answer.head?.vars ?? []).map((name) => DataFactory.variable(name));
    const columns = sortColumns(variables, options.shape.variableOrder);
    yield* writeSolutions(options.mediaType, columns, solutions);
  }

  private async load(): Promise<void> {
    if (this.store.graphStore) {
      // A graph named after its content that already holds every triple need not be sent again (a restart, another
      // instance). Otherwise its triples are merged in rather than replaced, so a reader of the same graph (another
      // instance, loading at the same moment) never sees it emptied; without blank nodes a merge is idempotent.
      const contentNamed = this.store.graph === undefined;
      if (contentNamed && (await this.storedTripleCount()) === this.tripleCount) return;
      const ntriples = this.ntriples();
      const method = contentNamed && !ntriples.includes('_:') ? 'POST' : 'PUT';
      try {
        await sendGraph(this.store.graphStore, this.graph, ntriples, method);
      } catch (error) {
        throw new StoreUnavailableError(`The graph could not be loaded into the SPARQL store: ${(error as Error).message}`);
      }
      return;
    }
    const stored = await this.storedTripleCount();
    if (stored === 0) {
      throw new StoreUnavailableError(
        `The SPARQL store at ${this.store.endpoint} holds no graph <${this.graph}>: load dist/graph.nt into it (see the README), or set SPARQL_GRAPH_STORE so the server loads it.`,
      );
    }
  }

  private ntriples(): string {
    return typeof this.data === 'string' ? this.data : new Writer({ format: 'N-Triples' }).quadsToString(this.data.getQuads(null, null, null, null));
  }

  private async storedTripleCount(): Promise<number> {
    const answer = await this.fetchJson(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${this.graph}> { ?s ?p ?o } }`, { default: [], named: [] }, { deadline: Date.now() + 60_000, timeLimitMs: 60_000 });
    return Number(answer.results?.bindings[0]?.n?.value ?? 0);
  }

  private async fetchJson(text: string, graphs: Graphs, options: Pick<RunOptions, 'deadline' | 'timeLimitMs'>): Promise<SparqlJson> {
    const response = await this.post(text, graphs, 'application/sparql-results+json', options);
    try {
      return (await response.json()) as SparqlJson;
    } catch (error) {
      throw asStoreError(error, options, this.store.endpoint);
    }
  }

  private async fetchTriples(text: string, graphs: Graphs, options: RunOptions): Promise<Quad[]> {
    const response = await this.post(text, graphs, 'application/n-triples', options);
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      throw asStoreError(error, options, this.store.endpoint);
    }
    if (!['application/n-triples', 'text/turtle', 'text/plain', 'application/n-quads'].includes(mediaType)) {
      throw new QueryEvaluationError(`The SPARQL store answered a graph query in ${mediaType || 'an unnamed format'}, not N-Triples or Turtle.`);
    }
    return new TriplesParser({ format: mediaType === 'application/n-quads' ? 'N-Quads' : 'Turtle' }).parse(body);
  }

  private async post(text: string, graphs: Graphs, accept: string, options: Pick<RunOptions, 'deadline' | 'timeLimitMs'>): Promise<Response> {
    const form = new URLSearchParams({ query: text });
    for (const graph of graphs.default) form.append('default-graph-uri', graph);
    for (const graph of graphs.named) form.append('named-graph-uri', graph);
    const send = () =>
      fetch(this.store.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: accept },
        body: form,
        signal: AbortSignal.timeout(Math.max(1, options.deadline - Date.now())),
      });
    let response: Response;
    try {
      response = await send().catch((error: unknown) => {
        // A store may close an idle kept-alive connection just as it is reused (Virtuoso does past its MaxKeepAlives);
        // a query changes nothing, so it is sent once more on a fresh connection.
        if (!isClosedConnection(error)) throw error;
        return send();
      });
    } catch (error) {
      throw asStoreError(error, options, this.store.endpoint);
    }
    if (response.ok) return response;
    const detail = (await response.text().catch(() => '')).split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
    if (response.status >= 502) throw new StoreUnavailableError(`The SPARQL store at ${this.store.endpoint} answered ${response.status}${detail ? `: ${detail}` : ''}.`);
    if (/timed? ?out|S1T00/i.test(detail)) throw new QueryTimeoutError(options.timeLimitMs);
    throw new QueryEvaluationError(`The SPARQL store could not evaluate the query: ${detail || `HTTP ${response.status}`}`);
  }
}

interface Graphs {
  readonly default: readonly string[];
  readonly named: readonly string[];
}

/** An ASK answer; Virtuoso 7 answers some ASK queries as one row with a `__ASK_RETVAL` of 0 or 1 instead of a boolean. */
function askValue(answer: SparqlJson): boolean {
  if (typeof answer.boolean === 'boolean') return answer.boolean;
  const row = answer.results?.bindings[0];
  const value = row ? Object.values(row)[0]?.value : undefined;
  if (value === '1' || value === 'true') return true;
  if (value === undefined || value === '0' || value === 'false') return false;
  throw new QueryEvaluationError('The SPARQL store gave an ASK answer that is neither true nor false.');
}

function asStoreError(error: unknown, options: Pick<RunOptions, 'timeLimitMs'>, endpoint: string): Error {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return new QueryTimeoutError(options.timeLimitMs);
  const cause = (error as { cause?: Error }).cause;
  return new StoreUnavailableError(`The SPARQL store at ${endpoint} did not answer: ${cause?.message ?? (error as Error).message}.`);
}

function isClosedConnection(error: unknown): boolean {
  const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/** Waits for a promise no longer than the query may run. */
async function withinDeadline<T>(promise: Promise<T>, options: Pick<RunOptions, 'deadline' | 'timeLimitMs'>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new QueryTimeoutError(options.timeLimitMs)), Math.max(0, options.deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
