import { Parser, Store } from 'n3';
import { ComunicaRunner } from './comunica-runner.js';
import type { QueryRunner, RunnerSetup } from './query-runner.js';
import { OxigraphRunner } from './oxigraph-runner.js';
import type { ExternalStore } from './external-store.js';
import { RemoteStoreRunner } from './remote-store-runner.js';

/** The engines that run inside this process, over the graph in memory. */
export const EMBEDDED_ENGINES = ['comunica', 'oxigraph'] as const;
export type EmbeddedEngineName = (typeof EMBEDDED_ENGINES)[number];

/** The query engines that can answer behind the endpoint: an embedded one, or an external store over HTTP. */
export const ENGINE_NAMES = [...EMBEDDED_ENGINES, 'external'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Oxigraph, the faster of the two in the benchmark (see the README). */
export const DEFAULT_ENGINE: EmbeddedEngineName = 'oxigraph';

/**
 * The runner of the named engine over a graph given as an n3 store, as N-Quads
 * text, or as N-Triples bytes shared between threads; Oxigraph loads text and
 * bytes directly, without a copy through N3. The external engine needs the
 * external store it forwards to.
 */
export function createRunner(
  engine: EngineName,
  graph: Store | string | SharedArrayBuffer,
  setup: Omit<RunnerSetup, 'store'> & { readonly external?: ExternalStore; readonly contentHash?: string },
): QueryRunner {
  if (engine === 'oxigraph') return new OxigraphRunner(graph, setup);
  const data = graph instanceof SharedArrayBuffer ? Buffer.from(graph).toString('utf8') : graph;
  if (engine === 'external') {
    if (!setup.external) throw new Error('The external engine needs an external store: the URL of its SPARQL endpoint.');
    return new RemoteStoreRunner(data, setup, setup.external, setup.contentHash);
  }
  const store = typeof data === 'string' ? new Store(new Parser({ format: 'application/n-quads' }).parse(data)) : data;
  return new ComunicaRunner({ ...setup, store });
}
