import * as oxigraph from 'oxigraph';
import type { Quad, Term, Variable } from '@rdfjs/types';
import { DataFactory, Writer, type Store } from 'n3';
import { rdfFormatByMediaType } from '../graph/rdf-formats.js';
import { batch, type QueryRunner, type RunnerSetup, type RunOptions, type RunSummary } from './query-runner.js';
import { resultFormatByMediaType } from './result-formats.js';
import { writeBoolean, writeGraph, writeSolutions } from './solution-writers.js';
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
    const input = data instanceof SharedArrayBuffer ? slices(data) : typeof data === 'string' ? data : nquadsOf(data);
    this.store.load(input, { format: 'application/n-quads', lenient: true, no_transaction: true });
  }

  /** Runs a query (already checked by prepareQuery) and yields its serialised result in chunks. */
  run(text: string, options: RunOptions): { chunks: AsyncIterable<string>; summary: RunSummary } {
    const summary: RunSummary = { truncated: false };
    return { chunks: batch(this.serialize(text, options, summary), options), summary };
  }

  private async *serialize(text: string, options: RunOptions, summary: RunSummary): AsyncGenerator<string> {
    const projected = options.shape.variables.map((name) => DataFactory.variable(name));
    const result = this.evaluate(text, options);
    if (typeof result === 'boolean') {
      yield writeBoolean(result, options.mediaType);
      return;
    }
    if (!Array.isArray(result)) throw new TypeError('Oxigraph returned an unexpected result.');
    const rows = result.slice(0, options.maxRows);
    summary.truncated = result.length > options.maxRows;
    if (result.length > 0 && !(result[0] instanceof Map)) {
      const format = rdfFormatByMediaType(options.mediaType);
      if (!format) throw new TypeError(`${options.mediaType} is not an RDF format`);
      yield await writeGraph(format, (rows as Quad[]).map(toN3Quad), this.setup.prefixes);
      return;
    }
    const solutions = rows as Map<string, Term>[];
    if (!resultFormatByMediaType(options.mediaType)) {
      const rdf = rdfFormatByMediaType(options.mediaType);
      if (rdf) {
        // An empty CONSTRUCT result cannot be told from an empty SELECT by its shape.
        yield await writeGraph(rdf, [], this.setup.prefixes);
        return;
      }
      throw new TypeError(`${options.mediaType} is not a result format`);
    }
    // `SELECT *` projects no variables by name: the columns are those the solutions bind.
    const columns = projected.length > 0 ? projected : allVariables(solutions);
    try {
      yield* writeSolutions(options.mediaType, sortColumns(columns, options.shape.variableOrder), solutions);
    } finally {
      freeTerms(result as Map<string, Term>[]);
    }
  }

  private evaluate(text: string, options: RunOptions): ReturnType<oxigraph.Store['query']> {
    const dataset = options.dataset
      ? {
          default_graph: options.dataset.defaultGraphs.map((graph) => oxigraph.namedNode(graph)),
          named_graphs: options.dataset.namedGraphs.map((graph) => oxigraph.namedNode(graph)),
        }
      : { use_default_graph_as_union: false };
    // What Oxigraph throws is classified by whoever runs the runner (classifyEngineError).
    return this.store.query(text, { base_iri: this.setup.baseIri, ...dataset });
  }
}

/** Bytes read into Oxigraph at a time when it loads from shared bytes. */
const LOAD_SLICE_BYTES = 4 * 1024 * 1024;

/**
 * The shared bytes as views of LOAD_SLICE_BYTES, which Oxigraph parses as one
 * stream. Decoding them to one string first cost each worker a string as large
 * as the file: at 10 000 datasets (108 MB of N-Triples) a worker grew by 582 MiB
 * instead of 380 MiB, and peaked 210 MiB higher while loading.
 */
function* slices(bytes: SharedArrayBuffer): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += LOAD_SLICE_BYTES) {
    yield new Uint8Array(bytes, offset, Math.min(LOAD_SLICE_BYTES, bytes.byteLength - offset));
  }
}

function nquadsOf(store: Store): string {
  return new Writer({ format: 'N-Quads' }).quadsToString(store.getQuads(null, null, null, null));
}

/**
 * Gives back the WebAssembly memory of a result's terms as soon as they are
 * written. Each is a wasm-bindgen object that otherwise waits for V8's
 * FinalizationRegistry, whose bookkeeping outlives the query and fills the old
 * generation; under the worker's heap cap V8 grows that generation by small
 * steps, so contributors-by-role made the worker run a full collection every
 * fifty queries or so. Freed, those collections take a quarter of the time or less.
 * Each solution holds its own term objects, so none is freed twice.
 */
function freeTerms(solutions: readonly Map<string, Term>[]): void {
  for (const solution of solutions) for (const term of solution.values()) (term as Term & { free?(): void }).free?.();
}

function allVariables(solutions: readonly Map<string, Term>[]): Variable[] {
  const names = new Set<string>();
  for (const solution of solutions) for (const name of solution.keys()) names.add(name);
  return [...names].map((name) => DataFactory.variable(name));
}

function toN3Term(term: Term): Term {
  switch (term.termType) {
    case 'NamedNode':
      return DataFactory.namedNode(term.value);
    case 'BlankNode':
      return DataFactory.blankNode(term.value);
    case 'Literal':
      return DataFactory.literal(term.value, term.language || DataFactory.namedNode(term.datatype.value));
    default:
      return DataFactory.defaultGraph();
  }
}

function toN3Quad(quad: Quad): Quad {
  return DataFactory.quad(toN3Term(quad.subject) as never, toN3Term(quad.predicate) as never, toN3Term(quad.object) as never);
}
