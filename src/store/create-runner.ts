import { Parser, Store } from 'n3';
import { ComunicaRunner } from './comunica-runner.js';
import type { QueryRunner, RunnerSetup } from './query-runner.js';
import { OxigraphRunner } from './oxigraph-runner.js';

/** The query engines that can answer behind the endpoint (SPARQL_ENGINE). */
export const ENGINE_NAMES = ['comunica', 'oxigraph'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Oxigraph, the faster of the two in the benchmark (see the README). */
export const DEFAULT_ENGINE: EngineName = 'oxigraph';

/**
 * The engine of a setup that names none: SPARQL_ENGINE if set (so the whole test
 * suite can be run against either engine), else DEFAULT_ENGINE.
 */
export function defaultEngine(): EngineName {
  const named = process.env.SPARQL_ENGINE;
  return (ENGINE_NAMES as readonly string[]).includes(named ?? '') ? (named as EngineName) : DEFAULT_ENGINE;
}

/**
 * The runner of the named engine over a graph given as an n3 store or as
 * N-Quads text; Oxigraph loads text directly, without a copy through N3.
 */
export function createRunner(engine: EngineName, graph: Store | string, setup: Omit<RunnerSetup, 'store'>): QueryRunner {
  if (engine === 'oxigraph') return new OxigraphRunner(graph, setup);
  const store = typeof graph === 'string' ? new Store(new Parser({ format: 'application/n-quads' }).parse(graph)) : graph;
  return new ComunicaRunner({ ...setup, store });
}
