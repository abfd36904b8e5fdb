import { DEFAULT_ENGINE, type EmbeddedEngineName } from '../../src/store/create-runner.js';
import { runEngine } from './run-engine.js';

/**
 * The engine for tests of the worker pool: the run's engine, or the embedded
 * default in the external-store run, since a server never puts an external
 * store in the pool (its time limit is tested in remote-store-runner.test.ts).
 */
export function embeddedEngine(): EmbeddedEngineName {
  const { engine } = runEngine();
  return engine === 'external' ? DEFAULT_ENGINE : engine;
}
