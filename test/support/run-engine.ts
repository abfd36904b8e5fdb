import { DEFAULT_ENGINE, ENGINE_NAMES, type EngineName } from '../../src/store/create-runner.js';
import { readExternalStore } from '../../src/cli/config.js';
import type { ExternalStore } from '../../src/store/external-store.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/store/engine-setup.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import type { QueryLimits } from '../../src/store/query-engine.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';

/**
 * The engine this test run uses: SPARQL_ENGINE (so `npm run test:comunica` runs
 * the suites on Comunica), else the external store when SPARQL_ENDPOINT is set,
 * else the default. Only test support reads these here; the server reads them
 * in src/cli/config.ts.
 */
export function runEngine(): { readonly engine: EngineName; readonly external?: ExternalStore } {
  const named = process.env.SPARQL_ENGINE;
  const external = readExternalStore(process.env);
  if ((ENGINE_NAMES as readonly string[]).includes(named ?? '')) return { engine: named as EngineName, external };
  return external ? { engine: 'external', external } : { engine: DEFAULT_ENGINE };
}

/** The run's engine on the calling thread over a built graph, for apps under test that query /sparql. */
export function runEngineFor(graph: PublishedGraph, limits: QueryLimits = DEFAULT_QUERY_LIMITS): InProcessEngine {
  return new InProcessEngine({
    ...runEngine(),
    store: graph.store,
    endpointIri: new IriScheme(graph.manifest.baseUrl).sparql,
    prefixes: graph.manifest.prefixes,
    limits,
    contentHash: graph.manifest.contentHash,
  });
}
