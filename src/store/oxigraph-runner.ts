import * as oxigraph from 'oxigraph';
import { DataFactory, Parser as TriplesParser, Writer, type Store } from 'n3';
import { rdfFormatByMediaType } from '../graph/rdf-formats.js';
import { batch, type QueryRunner, type RunnerSetup, type RunOptions, type RunSummary } from './query-runner.js';
import { sharedByteSlices } from './published-graph.js';
import { resultFormatByMediaType } from './result-formats.js';
import { writeBoolean, writeGraph, writeSolutions, type SolutionMap } from './solution-writers.js';
import { toSolution, type SparqlJson } from './sparql-json.js';
import { sortColumns } from './tabular-results.js';

/**
 * Oxigraph (its WebAssembly build, in-process) over a copy of the graph. It
 * answers a query synchronously and whole, so rows past the limit are cut from
 * its answer before solution-writers.ts writes them; the query text goes to it
 * unchanged (rewriting it with sparqljs broke valid queries). Like Comunica it
 * runs in a worker thread, whose termination stops a query over its time
 * limit. Its JavaScript build has no HTTP client: SERVICE and FROM can never
 * reach the network.
 */
export class OxigraphRunner implements QueryRunner {
  private readonly store = new oxigraph.Store();

  /** `data` is the graph as an n3 store, as N-Quads text, or as the N-Triples bytes the pool shares with its workers. */
  constructor(data: Store | string | SharedArrayBuffer, private readonly setup: Omit<RunnerSetup, 'store'>) {
    const input = data instanceof SharedArrayBuffer ? sharedByteSlices(data) : typeof data === 'string' ? data : nquadsOf(data);
    this.store.load(input, { format: 'application/n-quads', lenient: true, no_transaction: true });
  }

  /** Runs a query (already checked by prepareQuery) and yields its serialised result in chunks. */
  run(text: string, options: RunOptions): { chunks: AsyncIterable<string>; summary: RunSummary } {
    const summary: RunSummary = { truncated: false };
    return { chunks: batch(this.serialize(text, options, summary), options), summary };
  }

  private async *serialize(text: string, options: RunOptions, summary: RunSummary): AsyncGenerator<string> {
    const { form } = options.shape;
    if (form === 'ask') {
      const result = this.evaluate(text, options);
      if (typeof result !== 'boolean') throw new TypeError('Oxigraph returned an unexpected result.');
      yield writeBoolean(result, options.mediaType);
      return;
    }
    if (form === 'construct' || form === 'describe') {
      const format = rdfFormatByMediaType(options.mediaType);
      if (!format) throw new TypeError(`${options.mediaType} is not an RDF format`);
      const quads = new TriplesParser({ format: 'N-Triples' }).parse(this.evaluate(text, options, 'application/n-triples') as string);
      summary.truncated = quads.length > options.maxRows;
      yield await writeGraph(format, quads.slice(0, options.maxRows), this.setup.prefixes);
      return;
    }
    if (!resultFormatByMediaType(options.mediaType)) throw new TypeError(`${options.mediaType} is not a result format`);
    const answer = JSON.parse(this.evaluate(text, options, 'application/sparql-results+json') as string) as SparqlJson;
    const bindings = answer.results?.bindings ?? [];
    summary.truncated = bindings.length > options.maxRows;
    const solutions = bindings.slice(0, options.maxRows).map(toSolution);
    // `SELECT *` projects no variables by name: the columns are those the solutions bind.
    const projected = options.shape.variables;
    const columns = (projected.length > 0 ? projected : boundVariables(solutions)).map((name) => DataFactory.variable(name));
    yield* writeSolutions(options.mediaType, sortColumns(columns, options.shape.variableOrder), solutions);
  }

  /**
   * Runs the query; with `resultsFormat`, Oxigraph writes the result itself and
   * hands over one string. Reading a result's terms one by one instead took
   * a call into WebAssembly and a new string for each property of each term,
   * and a wasm-bindgen object per term that lived until V8's FinalizationRegistry
   * came by: three quarters of the cost of a 20-triple CONSTRUCT, and the worker's
   * collections after every query. The text is read back here (N-Triples,
   * SPARQL JSON) so that solution-writers.ts still writes every engine's bytes.
   */
  private evaluate(text: string, options: RunOptions, resultsFormat?: string): ReturnType<oxigraph.Store['query']> {
    const dataset = options.dataset
      ? {
          default_graph: options.dataset.defaultGraphs.map((graph) => oxigraph.namedNode(graph)),
          named_graphs: options.dataset.namedGraphs.map((graph) => oxigraph.namedNode(graph)),
        }
      : { use_default_graph_as_union: false };
    // What Oxigraph throws is classified by whoever runs the runner (classifyEngineError).
    return this.store.query(text, { base_iri: this.setup.baseIri, ...dataset, ...(resultsFormat ? { results_format: resultsFormat } : {}) });
  }
}

function nquadsOf(store: Store): string {
  return new Writer({ format: 'N-Quads' }).quadsToString(store.getQuads(null, null, null, null));
}

function boundVariables(solutions: readonly SolutionMap[]): string[] {
  const names = new Set<string>();
  for (const solution of solutions) for (const name of solution.keys()) names.add(name);
  return [...names];
}
