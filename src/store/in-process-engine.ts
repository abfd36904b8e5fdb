import type { QueryRunner } from './query-runner.js';
import { createRunner } from './create-runner.js';
import { policyFor, type EngineSetup } from './engine-setup.js';
import type { PrepareOptions, PreparedQuery } from './prepare-query.js';
import { QueryParser } from './query-parser.js';
import { classifyEngineError } from './query-errors.js';
import type { QueryEngine, QueryLimits, QueryOptions, QueryResultStream } from './query-engine.js';
import { PushedResultStream } from './result-stream.js';

/**
 * An engine on the calling thread. For Comunica and Oxigraph the time limit is
 * only checked between chunks of output, so a heavy query can still hold the
 * event loop: use them here for tests and the conformance runner, and
 * WorkerPoolEngine for a public server. The external store's runner only waits
 * on HTTP, so a server runs it here.
 */
export class InProcessEngine implements QueryEngine {
  readonly limits: QueryLimits;
  private readonly parser: QueryParser;
  private readonly runner: QueryRunner;

  constructor(setup: EngineSetup) {
    this.limits = setup.limits;
    this.parser = new QueryParser(policyFor(setup));
    this.runner = createRunner(setup.engine, setup.store, { baseIri: setup.endpointIri, prefixes: setup.prefixes, external: setup.external, contentHash: setup.contentHash });
  }

  /** Parses and checks a query without running it. */
  prepare(text: string, options: PrepareOptions = {}): Promise<PreparedQuery> {
    return this.parser.prepare(text, options);
  }

  /** Runs a query; resolves at its first output. */
  async query(text: string, options: QueryOptions): Promise<QueryResultStream> {
    const prepared = await this.prepare(text, options);
    let cancelled = false;
    const stream = new PushedResultStream(() => (cancelled = true));
    const { chunks, summary } = this.runner.run(prepared.text, {
      mediaType: options.mediaType,
      maxRows: this.limits.maxRows,
      deadline: Date.now() + this.limits.timeLimitMs,
      timeLimitMs: this.limits.timeLimitMs,
      dataset: prepared.dataset,
      shape: prepared,
    });
    const iterator = chunks[Symbol.asyncIterator]();
    const first = await iterator.next().catch((error: unknown) => {
      throw classifyEngineError(error);
    });
    if (first.done) {
      stream.end(summary.truncated);
      return stream;
    }
    stream.push(first.value);
    void (async () => {
      try {
        for (let next = await iterator.next(); !next.done && !cancelled; next = await iterator.next()) stream.push(next.value);
        if (cancelled) await iterator.return?.();
        stream.end(summary.truncated);
      } catch (error) {
        stream.fail(classifyEngineError(error));
      }
    })();
    return stream;
  }

  /** Nothing to stop: queries run on the caller's thread. */
  async close(): Promise<void> {
    await this.parser.close();
  }
}
