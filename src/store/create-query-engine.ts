import { IriScheme } from '../graph/iri-scheme.js';
import { DEFAULT_ENGINE, type EngineName } from './create-runner.js';
import type { ExternalStore } from './external-store.js';
import { InProcessEngine } from './in-process-engine.js';
import type { PublishedGraph } from './published-graph.js';
import type { QueryEngine, QueryLimits } from './query-engine.js';
import { WorkerPoolEngine } from './worker-pool-engine.js';

/** The parsed SPARQL settings an engine is chosen and built from (src/cli/config.ts's SparqlConfig). */
export interface EngineConfig extends QueryLimits {
  /** Which engine answers: Oxigraph or Comunica in worker threads, or an external store over HTTP. */
  readonly engine: EngineName;
  /** The store the external engine forwards to; required when engine is `external`. */
  readonly external?: ExternalStore;
  /** Worker threads of an embedded engine; 0 or absent means one per core. */
  readonly workers?: number;
}

/**
 * The one place that turns the configuration into the engine behind /sparql:
 * an external store only costs the server HTTP waits, so it runs on the main
 * thread; the embedded engines run in a pool of worker threads, which share
 * the bytes the store was parsed from rather than receive a copy each.
 */
export function createQueryEngine(config: EngineConfig, graph: PublishedGraph): QueryEngine {
  const { engine, external, workers, ...limits } = config;
  const setup = {
    store: graph.store,
    endpointIri: new IriScheme(graph.manifest.baseUrl).sparql,
    prefixes: graph.manifest.prefixes,
    limits: pickLimits(limits),
    engine,
    external,
    contentHash: graph.manifest.contentHash,
  };
  if (engine === 'external') return new InProcessEngine(setup);
  return new WorkerPoolEngine(setup, { ntriples: graph.ntriples, ...(workers ? { workers } : {}) });
}

/** Only the query limits, so that other settings passed along (the body size) do not reach the engine. */
function pickLimits(limits: QueryLimits & Record<string, unknown>): QueryLimits {
  const { timeLimitMs, maxRows, maxQueryLength, maxNesting, maxUnions, maxLiteralLength, maxTriplePatterns, maxExpressionDepth, maxPathSteps, maxArguments } = limits;
  return { timeLimitMs, maxRows, maxQueryLength, maxNesting, maxUnions, maxLiteralLength, maxTriplePatterns, maxExpressionDepth, maxPathSteps, maxArguments };
}

/** A graph other than the published one that queries may run against: a past release's (src/history). */
export interface QueryableGraph {
  readonly store: PublishedGraph['store'];
  readonly ntriples: SharedArrayBuffer;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly baseUrl: string;
}

/**
 * The engine for one past release's graph (SPARQL's `release` parameter): the
 * configured embedded engine with the same limits, in a pool of one worker
 * (three threads: one for a long query, one for short ones, one spare), so a
 * query on an old graph cannot block the event loop either. An external store
 * holds only the current graph, so with one the release is queried with the
 * embedded default.
 */
export function createReleaseQueryEngine(config: EngineConfig, graph: QueryableGraph): QueryEngine {
  const { engine, external: _external, workers: _workers, ...limits } = config;
  const setup = {
    store: graph.store,
    endpointIri: new IriScheme(graph.baseUrl).sparql,
    prefixes: graph.prefixes,
    limits: pickLimits(limits),
    engine: engine === 'external' ? DEFAULT_ENGINE : engine,
  };
  return new WorkerPoolEngine(setup, { ntriples: graph.ntriples, workers: 1 });
}
