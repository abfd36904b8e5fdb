import { QueryEngine as ComunicaEngine } from '@comunica/query-sparql';
import type { BindingsStream, QueryStringContext } from '@comunica/types';
import type { Bindings, Quad, Term, Variable } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { rdfFormatByMediaType } from '../graph/rdf-formats.js';
import type { ProtocolDataset } from './prepare-query.js';
import { QueryEvaluationError, QueryTimeoutError } from './query-errors.js';
import { batch, type QueryRunner, type RunnerSetup, type RunOptions, type RunSummary } from './query-runner.js';
import { sortColumns } from './tabular-results.js';
import { resultFormatByMediaType } from './result-formats.js';
import { writeBoolean, writeGraph, writeSolutions, type SolutionMap } from './solution-writers.js';

/**
 * Comunica's context for this endpoint: the store is the only source, and every
 * HTTP request Comunica might try (SERVICE, a FROM it decided to dereference, a
 * link it follows) fails, so the engine cannot reach the network even if a query
 * slipped past the policy in prepare-query.ts.
 */
export function offlineContext(store: Store, baseIri: string): QueryStringContext {
  return {
    sources: [store],
    baseIRI: baseIri,
    fetch: refuseFetch,
  } as QueryStringContext;
}

const refuseFetch = async (input: unknown): Promise<never> => {
  const url = typeof input === 'string' ? input : String((input as { url?: string }).url ?? input);
  throw new Error(`This endpoint makes no outbound requests (refused ${url}).`);
};

/** Runs Comunica over one store, handing its solutions or quads to solution-writers.ts as they come; one instance per thread. */
export class ComunicaRunner implements QueryRunner {
  private readonly engine = new ComunicaEngine();

  constructor(private readonly setup: RunnerSetup) {}

  /** Runs a query (already checked by prepareQuery) and yields its serialised result in chunks. */
  run(text: string, options: RunOptions): { chunks: AsyncIterable<string>; summary: RunSummary } {
    const summary: RunSummary = { truncated: false };
    return { chunks: batch(this.serialize(text, options, summary), options), summary };
  }

  // What Comunica throws is classified by whoever runs the runner (classifyEngineError).
  private async *serialize(text: string, options: RunOptions, summary: RunSummary): AsyncGenerator<string> {
    const store = options.dataset ? datasetStore(this.setup.store, options.dataset) : this.setup.store;
    const context = offlineContext(store, this.setup.baseIri);
    const result = await this.engine.query(text, context);
    switch (result.resultType) {
      case 'boolean':
        yield writeBoolean(await result.execute(), options.mediaType);
        return;
      case 'bindings': {
        if (!resultFormatByMediaType(options.mediaType)) throw new TypeError(`${options.mediaType} is not a result format`);
        const bindings = limitRows(await result.execute(), options.maxRows, summary);
        const { variables } = await result.metadata();
        const columns = sortColumns(variables, options.shape.variableOrder);
        yield* writeSolutions(options.mediaType, columns, solutionsOf(bindings, columns));
        return;
      }
      case 'quads': {
        const format = rdfFormatByMediaType(options.mediaType);
        if (!format) throw new TypeError(`${options.mediaType} is not an RDF format`);
        const stream = await result.execute();
        const quads: Quad[] = [];
        // The formats table serialises whole graphs (Turtle and RDF/XML group by subject), so the quads are
        // collected first; the row limit bounds how many.
        for await (const quad of stream as AsyncIterable<Quad>) {
          if (quads.length === options.maxRows) {
            summary.truncated = true;
            stream.destroy();
            break;
          }
          if (Date.now() > options.deadline) throw new QueryTimeoutError(options.timeLimitMs);
          quads.push(quad);
        }
        yield await writeGraph(format, quads, this.setup.prefixes);
        return;
      }
      default:
        throw new QueryEvaluationError('Only SELECT, ASK, CONSTRUCT and DESCRIBE queries are answered here.');
    }
  }
}

/**
 * A store holding exactly the query's dataset: the merge of the default graphs as
 * its default graph, and the named graphs under their names (SPARQL 1.1 §13.2).
 */
function datasetStore(source: Store, dataset: ProtocolDataset): Store {
  const store = new Store();
  for (const graph of new Set(dataset.defaultGraphs)) {
    for (const quad of source.getQuads(null, null, null, DataFactory.namedNode(graph))) {
      store.addQuad(DataFactory.quad(quad.subject, quad.predicate, quad.object));
    }
  }
  for (const graph of new Set(dataset.namedGraphs)) store.addQuads(source.getQuads(null, null, null, DataFactory.namedNode(graph)));
  return store;
}

function limitRows(stream: BindingsStream, maxRows: number, summary: RunSummary): BindingsStream {
  let rows = 0;
  // One row more than allowed is read so that truncation is known, then dropped.
  return stream.take(maxRows + 1).filter((_binding: Bindings) => {
    rows += 1;
    if (rows > maxRows) summary.truncated = true;
    return rows <= maxRows;
  });
}

async function* solutionsOf(bindings: BindingsStream, columns: readonly Variable[]): AsyncGenerator<SolutionMap> {
  for await (const binding of bindings as AsyncIterable<Bindings>) {
    yield new Map(columns.flatMap((column) => {
      const term = binding.get(column);
      return term ? [[column.value, term] as [string, Term]] : [];
    }));
  }
}
