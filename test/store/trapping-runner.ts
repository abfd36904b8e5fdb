// A runner for the pool's tests, loaded by its workers (which run src/ through
// tsx under vitest, so this TypeScript and the engine of src/): the real engine, until a query holds the literal
// "trap this worker". From then on every query fails as a trapped WebAssembly
// instance does, the way Oxigraph fails after a hostile query, until the worker
// is replaced.
import { createRunner as createEngineRunner } from '../../src/store/create-runner.js';

export function createRunner(...args: Parameters<typeof createEngineRunner>): ReturnType<typeof createEngineRunner> {
  const runner = createEngineRunner(...args);
  let trapped = false;
  return {
    run(text: string, options: Parameters<ReturnType<typeof createEngineRunner>['run']>[1]) {
      if (text.includes('"trap this worker"')) trapped = true;
      if (!trapped) return runner.run(text, options);
      const chunks = (async function* () {
        throw new WebAssembly.RuntimeError('memory access out of bounds');
      })();
      return { chunks, summary: { truncated: false } };
    },
  };
}
