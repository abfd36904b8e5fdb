// A runner for the pool's tests, loaded by its workers (so JavaScript, over the
// compiled engine in lib/): the real engine, until a query holds the literal
// "trap this worker". From then on every query fails as a trapped WebAssembly
// instance does, the way Oxigraph fails after a hostile query, until the worker
// is replaced.
import { createRunner as createEngineRunner } from '../../lib/store/create-runner.js';

export function createRunner(...args) {
  const runner = createEngineRunner(...args);
  let trapped = false;
  return {
    run(text, options) {
      if (text.includes('"trap this worker"')) trapped = true;
      if (!trapped) return runner.run(text, options);
      const chunks = (async function* () {
        throw new WebAssembly.RuntimeError('memory access out of bounds');
      })();
      return { chunks, summary: { truncated: false } };
    },
  };
}
