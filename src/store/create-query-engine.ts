import { IriScheme } from '../graph/iri-scheme.js';
import type { EngineName } from './create-runner.js';
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
