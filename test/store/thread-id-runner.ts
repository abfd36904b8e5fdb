// A runner for the pool's tests, loaded by its workers: the real engine, except
// that a query holding the literal "which worker" is answered with the worker's
// thread id alone, so a test can see which worker took each query.
import { threadId } from 'node:worker_threads';
import { createRunner as createEngineRunner } from '../../src/store/create-runner.js';

export function createRunner(...args: Parameters<typeof createEngineRunner>): ReturnType<typeof createEngineRunner> {
  const runner = createEngineRunner(...args);
  return {
    run(text: string, options: Parameters<ReturnType<typeof createEngineRunner>['run']>[1]) {
      if (!text.includes('"which worker"')) return runner.run(text, options);
      const chunks = (async function* () {
        yield String(threadId);
      })();
      return { chunks, summary: { truncated: false } };
    },
  };
}
