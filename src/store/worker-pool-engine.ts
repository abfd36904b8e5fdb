import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Writer } from 'n3';
import { defaultEngine } from './create-runner.js';
import { policyFor, type EngineSetup } from './engine-setup.js';
import { createQueryPreparer, type PrepareOptions, type PreparedQuery, type ProtocolDataset, type QueryShape } from './prepare-query.js';
import { QueryBusyError, QueryEvaluationError, QueryTimeoutError, TRANSFERABLE_ERRORS } from './query-errors.js';
import type { QueryEngine, QueryLimits, QueryOptions, QueryResultStream } from './query-engine.js';
import type { WorkerJob, WorkerMessage, WorkerSetup } from './query-worker.js';
import { workerModule } from './worker-module.js';
import { PushedResultStream } from './result-stream.js';

/** Sizing of the pool. */
export interface PoolOptions {
  /** Worker threads; defaults to the number of cores. */
  readonly workers?: number;
  /** Queries that may wait for a free worker before new ones are refused; defaults to 8 per worker. */
  readonly maxWaiting?: number;
  /**
   * The graph as N-Triples bytes holding the same triples as the store (the
   * published graph's): shared with every worker, instead of this thread
   * writing the store out as N-Quads and copying that text to each.
   */
  readonly ntriples?: SharedArrayBuffer;
}

/** How many workers exist, how many are running a query, how many queries wait, and how many workers were replaced. */
export interface PoolStats {
  readonly workers: number;
  readonly busy: number;
  readonly waiting: number;
  readonly replaced: number;
}

interface Job {
  readonly id: number;
  readonly text: string;
  readonly mediaType: string;
  readonly dataset?: ProtocolDataset;
  readonly shape: QueryShape;
  readonly stream: PushedResultStream;
  resolve(stream: QueryResultStream): void;
  reject(error: Error): void;
  settled: boolean;
}

interface PoolWorker {
  readonly thread: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * Comunica in a pool of worker threads, so a CPU-heavy query never blocks the
 * event loop; a query over its time limit has its worker terminated (which really
 * stops it) and a fresh worker takes its place.
 */
export class WorkerPoolEngine implements QueryEngine {
  readonly limits: QueryLimits;
  private readonly preparer: (text: string, options?: PrepareOptions) => PreparedQuery;
  private readonly workerSetup: WorkerSetup;
  private readonly size: number;
  private readonly maxWaiting: number;
  private readonly workers = new Set<PoolWorker>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private replaced = 0;
  private closed = false;

  constructor(setup: EngineSetup, options: PoolOptions = {}) {
    this.limits = setup.limits;
    this.preparer = createQueryPreparer(policyFor(setup));
    const graph = options.ntriples ? { ntriples: options.ntriples } : { nquads: new Writer({ format: 'N-Quads' }).quadsToString(setup.store.getQuads(null, null, null, null)) };
    this.workerSetup = { ...graph, baseIri: setup.endpointIri, prefixes: { ...setup.prefixes }, engine: setup.engine ?? defaultEngine() };
    this.size = Math.max(1, options.workers ?? availableParallelism());
    this.maxWaiting = options.maxWaiting ?? this.size * 8;
    for (let i = 0; i < this.size; i += 1) this.spawn();
  }

  /** Parses and checks a query without running it. */
  prepare(text: string, options: PrepareOptions = {}): PreparedQuery {
    return this.preparer(text, options);
  }

  /** Runs a query on the next free worker; resolves at its first output. */
  query(text: string, options: QueryOptions): Promise<QueryResultStream> {
    if (this.closed) return Promise.reject(new Error('The query engine is closed.'));
    let prepared: PreparedQuery;
    try {
      prepared = this.prepare(text, options);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(new QueryBusyError(`All ${this.size} query workers are busy and ${this.waiting.length} queries are waiting; try again shortly.`));
    }
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const job: Job = {
        id,
        text: prepared.text,
        mediaType: options.mediaType,
        dataset: prepared.dataset,
        shape: { form: prepared.form, variables: prepared.variables, variableOrder: prepared.variableOrder },
        stream: new PushedResultStream(() => this.cancel(job)),
        resolve,
        reject,
        settled: false,
      };
      this.waiting.push(job);
      this.dispatch();
    });
  }

  /** Counts for tests and monitoring. */
  stats(): PoolStats {
    const all = [...this.workers];
    return { workers: all.length, busy: all.filter((worker) => worker.job).length, waiting: this.waiting.length, replaced: this.replaced };
  }

  /** Terminates every worker; waiting and running queries fail. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('The query engine was closed.');
    for (const job of this.waiting.splice(0)) this.finish(job, error);
    const threads = [...this.workers].map((worker) => {
      if (worker.job) this.finish(worker.job, error);
      clearTimeout(worker.timer);
      return worker.thread.terminate();
    });
    this.workers.clear();
    await Promise.all(threads);
  }

  private spawn(): void {
    const thread = new Worker(workerScript(), { workerData: this.workerSetup });
    const worker: PoolWorker = { thread, ready: false };
    this.workers.add(worker);
    thread.on('message', (message: WorkerMessage) => this.receive(worker, message));
    thread.on('error', (error) => this.lose(worker, new Error(`A query worker failed: ${error.message}`)));
    thread.on('exit', () => this.lose(worker, new Error('A query worker stopped unexpectedly.')));
  }

  private receive(worker: PoolWorker, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      worker.ready = true;
      this.dispatch();
      return;
    }
    const job = worker.job;
    if (!job || job.id !== message.id) return;
    switch (message.kind) {
      case 'chunk':
        job.stream.push(message.text);
        this.settle(job);
        return;
      case 'end':
        job.stream.end(message.truncated);
        this.settle(job);
        this.release(worker);
        return;
      case 'error':
        this.finish(job, rebuildError(message.name, message.message, this.limits.timeLimitMs));
        this.release(worker);
    }
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      if (!worker.ready || worker.job) continue;
      const job = this.waiting.shift();
      if (!job) return;
      worker.job = job;
      const started = Date.now();
      const message: WorkerJob = {
        id: job.id,
        text: job.text,
        options: { mediaType: job.mediaType, dataset: job.dataset, shape: job.shape, maxRows: this.limits.maxRows, deadline: started + this.limits.timeLimitMs, timeLimitMs: this.limits.timeLimitMs },
      };
      worker.timer = setTimeout(() => this.replace(worker, new QueryTimeoutError(this.limits.timeLimitMs)), this.limits.timeLimitMs);
      worker.thread.postMessage(message);
    }
  }

  private settle(job: Job): void {
    if (job.settled) return;
    job.settled = true;
    job.resolve(job.stream);
  }

  private finish(job: Job, error: Error): void {
    if (job.settled) {
      job.stream.fail(error);
    } else {
      job.settled = true;
      job.reject(error);
    }
  }

  private release(worker: PoolWorker): void {
    clearTimeout(worker.timer);
    worker.job = undefined;
    this.dispatch();
  }

  private cancel(job: Job): void {
    const queued = this.waiting.indexOf(job);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      return;
    }
    const worker = [...this.workers].find((candidate) => candidate.job === job);
    // Terminating is the only way to stop a query that is busy computing.
    if (worker) this.replace(worker, new Error('The query was cancelled.'));
  }

  /** Terminates a worker (stopping its query for good) and starts another in its place. */
  private replace(worker: PoolWorker, error: Error): void {
    if (!this.workers.delete(worker)) return;
    clearTimeout(worker.timer);
    if (worker.job) this.finish(worker.job, error);
    void worker.thread.terminate();
    this.replaced += 1;
    if (!this.closed) this.spawn();
  }

  private lose(worker: PoolWorker, error: Error): void {
    if (this.workers.has(worker)) this.replace(worker, error);
  }
}

function rebuildError(name: string, message: string, timeLimitMs: number): Error {
  if (name === 'QueryTimeoutError') return new QueryTimeoutError(timeLimitMs);
  const ErrorClass = TRANSFERABLE_ERRORS[name as keyof typeof TRANSFERABLE_ERRORS];
  if (ErrorClass) return new ErrorClass(message);
  // Anything else went wrong inside Comunica while evaluating: the query's problem, not the server's.
  return new QueryEvaluationError(`The query could not be evaluated: ${message.split('\n')[0]}`);
}

/** The query worker beside this module: its TypeScript when this runs from src/, so tests never run a stale lib/. */
function workerScript(): URL {
  return workerModule(import.meta.url, 'query-worker');
}
