import { ComunicaRunner, type QueryRunner, type RunnerSetup } from './comunica-runner.js';
import { OxigraphRunner } from './oxigraph-runner.js';

/** The query engines that can answer behind the endpoint (SPARQL_ENGINE). */
export const ENGINE_NAMES = ['comunica', 'oxigraph'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** The runner of the named engine over the setup's store. */
export function createRunner(engine: EngineName, setup: RunnerSetup): QueryRunner {
  return engine === 'oxigraph' ? new OxigraphRunner(setup) : new ComunicaRunner(setup);
}
