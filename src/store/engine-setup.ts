import type { Store } from 'n3';
import type { EngineName } from './create-runner.js';
import type { ExternalStore } from './external-store.js';
import type { QueryLimits } from './query-engine.js';
import { DEFAULT_SYNTAX_LIMITS, type QueryPolicy } from './prepare-query.js';

/** What every engine is built from: the data, the endpoint's IRI and the limits. */
export interface EngineSetup {
  readonly store: Store;
  /** The endpoint's IRI, `{base}sparql`: the base of relative IRIs in queries. */
  readonly endpointIri: string;
  /** Prefixes for Turtle, RDF/XML and JSON-LD output (the manifest's). */
  readonly prefixes: Readonly<Record<string, string>>;
  readonly limits: QueryLimits;
  /** Which engine answers; chosen from the configuration by createQueryEngine. */
  readonly engine: EngineName;
  /** The store the external engine forwards to; required when engine is `external`. */
  readonly external?: ExternalStore;
  /** The graph's SHA-256 from the build manifest: names its graph in an external store (hashed again when absent). */
  readonly contentHash?: string;
}

/** The limits used when none are configured. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { timeLimitMs: 10_000, maxRows: 10_000, maxQueryLength: 10_000, ...DEFAULT_SYNTAX_LIMITS };

/**
 * The policy prepareQuery applies for this store: its named graphs are the only
 * ones FROM may name, and a query for an external store may call no extension
 * function (Virtuoso runs its SQL built-ins as `<bif:…>` functions). The
 * syntax limits and the row limit go along, the row limit so that a SELECT is
 * cut inside the engine rather than after it has built every row.
 */
export function policyFor(setup: EngineSetup): QueryPolicy {
  const graphs = new Set<string>();
  for (const graph of setup.store.getGraphs(null, null, null)) {
    if (graph.termType === 'NamedNode') graphs.add(graph.value);
  }
  // Every limit but time is the policy's: the length, the syntax limits and the row limit.
  const { timeLimitMs: _timeLimit, ...limits } = setup.limits;
  return { ...limits, graphs, baseIri: setup.endpointIri, standardFunctionsOnly: setup.engine === 'external' };
}
