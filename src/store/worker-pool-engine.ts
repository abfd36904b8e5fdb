import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Writer } from 'n3';
import { policyFor, type EngineSetup } from './engine-setup.js';
import type { PrepareOptions, PreparedQuery, ProtocolDataset, QueryShape } from './prepare-query.js';
import { QueryParser } from './query-parser.js';
import { EngineFailureError, QueryBusyError, QueryTimeoutError, TooManyLongQueriesError, rebuildError } from './query-errors.js';
import type { EngineHealth, QueryEngine, QueryLimits, QueryOptions, QueryResultStream } from './query-engine.js';
import type { WorkerJob, WorkerMessage, WorkerSetup } from './query-worker.js';
import { workerModule } from './worker-module.js';
import { PushedResultStream } from './result-stream.js';

/** Sizing and timing of the pool. */
export interface PoolOptions {
  /**
   * How many queries may run long at once; defaults to the number of cores. One
   * more query may run, so a worker is always left for short queries, and one
   * more worker waits started, to take over at once when one is replaced.
   */
  readonly workers?: number;
  /** Queries that may wait for a free worker before new ones are refused; defaults to 8 per worker. */
  readonly maxWaiting?: number;
  /**
   * The graph as N-Triples bytes holding the same triples as the store (the
   * published graph's): shared with every worker, instead of this thread
   * writing the store out as N-Quads and copying that text to each.
   */
  readonly ntriples?: SharedArrayBuffer;
  /** After this many milliseconds a running query counts as long; defaults to LONG_AFTER_MS. */
  readonly longAfterMs?: number;
  /** A worker whose memory grew by more than this many bytes since it started is replaced after its query; defaults to RECYCLE_GROWTH_BYTES. */
  readonly recycleGrowthBytes?: number;
  /** A module whose `createRunner` the workers use instead of the engine's: how tests inject a failing engine. */
  readonly runnerModule?: URL;
}

/** A query running longer than this (ms) is long: at most `workers` of them run at once. */
export const LONG_AFTER_MS = 1000;

/**
 * A worker that grew by more than this since it started is replaced once its
 * query ends: Oxigraph's WebAssembly memory never shrinks, and a JavaScript
 * heap that grew for one big result is rarely given back to the system.
 */
export const RECYCLE_GROWTH_BYTES = 128 * 1024 * 1024;

/**
 * A worker's JavaScript heap may hold its graph (Comunica's n3 store takes about
 * five times the N-Triples bytes; WebAssembly memory is not on this heap) and
 * this much more for a query: a query needing more stops its worker
 * (ERR_WORKER_OUT_OF_MEMORY, an engine failure) instead of growing the process.
 */
export const QUERY_HEAP_MB = 256;

/** Counts for tests, monitoring and /health; `replaced` counts workers replaced for any reason, `recycled` those replaced for their memory. */
export interface PoolStats {
  readonly workers: number;
  readonly ready: number;
  readonly busy: number;
  readonly long: number;
  readonly waiting: number;
  readonly replaced: number;
  readonly recycled: number;
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
  started?: number;
  long?: boolean;
}

interface PoolWorker {
  readonly thread: Worker;
  ready: boolean;
  /** Its memory when it became ready: growth is measured from there. */
  baseMemory?: number;
  job?: Job;
  timers: NodeJS.Timeout[];
  /** When it last took a query (a count of queries handed out), 0 before its first. */
  lastUsed: number;
}

/**
 * An embedded engine (Oxigraph or Comunica) in a pool of worker threads, so a
 * CPU-heavy query never blocks the event loop. Three rules keep it answering:
 *
 * - A query over its time limit has its worker terminated (which really stops
 *   it) and a fresh worker takes its place.
 * - Fair scheduling: `workers` + 1 queries run at once, and at most `workers`
 *   of them may be long (running over longAfterMs); a query that turns long
 *   while `workers` others are is stopped (TooManyLongQueriesError, 503). So
 *   at any time some query slot is free or running a query younger than
 *   longAfterMs, and a query that needs less than longAfterMs waits at most
 *   about longAfterMs for each query ahead of it in the line, however many
 *   runaways run. One more worker than queries is kept started, so a stopped
 *   query's slot is taken at once rather than after a worker's start-up
 *   (seconds for Comunica on a busy machine).
 * - A worker whose engine failed (a WebAssembly trap, a bug: EngineFailureError)
 *   or whose memory grew past recycleGrowthBytes is replaced before it takes
 *   another query.
 */
export class WorkerPoolEngine implements QueryEngine {
  readonly limits: QueryLimits;
  private readonly parser: QueryParser;
  private readonly workerSetup: WorkerSetup;
  private readonly size: number;
  private readonly maxWaiting: number;
  private readonly longAfterMs: number;
  private readonly recycleGrowthBytes: number;
  private readonly heapLimitMb: number;
  private readonly workers = new Set<PoolWorker>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private handedOut = 0;
  private replaced = 0;
  private recycled = 0;
  private closed = false;
  /**
   * Workers still to start at start-up. They start one after another, each
   * once the one before is ready: loading the graph, Oxigraph holds about twice
   * what it keeps, so four workers loading 100 000 datasets at once took the
   * server past 16 GiB, still growing, on a 24 GiB machine, where one at a
   * time stays near what they hold after; and the first worker answers
   * queries after one load instead of after all of them, which share the cores.
   */
  private unstarted: number;

  constructor(setup: EngineSetup, options: PoolOptions = {}) {
    this.limits = setup.limits;
    this.parser = new QueryParser(policyFor(setup));
    const graph = options.ntriples ? { ntriples: options.ntriples } : { nquads: new Writer({ format: 'N-Quads' }).quadsToString(setup.store.getQuads(null, null, null, null)) };
    this.workerSetup = { ...graph, baseIri: setup.endpointIri, prefixes: { ...setup.prefixes }, engine: setup.engine, runnerModule: options.runnerModule?.href };
    this.size = Math.max(1, options.workers ?? availableParallelism());
    this.maxWaiting = options.maxWaiting ?? this.size * 8;
    this.longAfterMs = options.longAfterMs ?? LONG_AFTER_MS;
    this.recycleGrowthBytes = options.recycleGrowthBytes ?? RECYCLE_GROWTH_BYTES;
    const graphBytes = options.ntriples?.byteLength ?? graph.nquads?.length ?? 0;
    this.heapLimitMb = QUERY_HEAP_MB + Math.ceil((8 * graphBytes) / 2 ** 20);
    this.unstarted = this.size + 1;
    this.spawn();
  }

  /** Parses and checks a query without running it (a long one in the parse thread). */
  prepare(text: string, options: PrepareOptions = {}): Promise<PreparedQuery> {
    return this.parser.prepare(text, options);
  }

  /** Runs a query on the next free worker; resolves at its first output. */
  async query(text: string, options: QueryOptions): Promise<QueryResultStream> {
    if (this.closed) throw new Error('The query engine is closed.');
    const prepared = await this.prepare(text, options);
    if (this.waiting.length >= this.maxWaiting) {
      throw new QueryBusyError(`All ${this.workers.size} query workers are busy and ${this.waiting.length} queries are waiting; try again shortly.`);
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
    return {
      workers: all.length,
      ready: all.filter((worker) => worker.ready).length,
      busy: all.filter((worker) => worker.job).length,
      long: all.filter((worker) => worker.job?.long).length,
      waiting: this.waiting.length,
      replaced: this.replaced,
      recycled: this.recycled,
    };
  }

  /** Degraded while fewer workers than configured are ready: at start-up, and while a replaced one starts. */
  health(): EngineHealth {
    const ready = this.stats().ready;
    const configured = this.size + 2;
    if (ready === configured) return { status: 'ok' };
    return { status: 'degraded', reason: `${ready} of ${configured} SPARQL query workers are ready; the others are starting (at start-up, or in place of one that failed, ran out of time or grew too large).` };
  }

  /** Terminates every worker; waiting and running queries fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.parser.close();
    const error = new Error('The query engine was closed.');
    for (const job of this.waiting.splice(0)) this.finish(job, error);
    const threads = [...this.workers].map((worker) => {
      if (worker.job) this.finish(worker.job, error);
      worker.timers.forEach(clearTimeout);
      return worker.thread.terminate();
    });
    this.workers.clear();
    await Promise.all(threads);
  }

  private spawn(): void {
    const thread = new Worker(workerScript(), { workerData: this.workerSetup, resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb } });
    const worker: PoolWorker = { thread, ready: false, timers: [], lastUsed: 0 };
    this.workers.add(worker);
    thread.on('message', (message: WorkerMessage) => this.receive(worker, message));
    thread.on('error', (error) => this.lose(worker, new EngineFailureError(error)));
    thread.on('exit', (code) => this.lose(worker, new EngineFailureError(new Error(`A query worker stopped unexpectedly (exit code ${code}).`))));
  }

  private receive(worker: PoolWorker, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      worker.ready = true;
      worker.baseMemory = message.memoryBytes;
      if (this.unstarted > 0 && !this.closed) {
        this.unstarted -= 1;
        this.spawn();
      }
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
        if (message.text !== undefined) job.stream.push(message.text);
        job.stream.end(message.truncated);
        this.settle(job);
        this.release(worker, message.memoryBytes);
        return;
      case 'error': {
        const error = rebuildError(message.error, this.limits.timeLimitMs);
        this.finish(job, error);
        worker.job = undefined;
        // An engine that failed may be corrupt (a trapped WebAssembly instance fails every later query): it takes no other.
        if (error instanceof EngineFailureError) this.replace(worker);
        else this.release(worker, message.memoryBytes);
      }
    }
  }

  /**
   * Hands waiting queries to idle workers, the most recently used first.
   * Taking idle workers in turn instead doubled the time of queries sent one
   * after another (measured on 2 cores): each worker then sat idle between its
   * queries, and an idle thread answers slower than a busy one. Workers that
   * never took a query come last, the oldest first: one just started in place
   * of another is the slowest of all at its first query (with Comunica, slow
   * enough to count as long).
   */
  private dispatch(): void {
    let running = this.stats().busy;
    const spawnOrder = [...this.workers];
    const idle = spawnOrder
      .filter((worker) => worker.ready && !worker.job)
      .sort((a, b) => b.lastUsed - a.lastUsed || spawnOrder.indexOf(a) - spawnOrder.indexOf(b));
    for (const worker of idle) {
      if (running > this.size) return;
      const job = this.waiting.shift();
      if (!job) return;
      running += 1;
      worker.job = job;
      this.handedOut += 1;
      worker.lastUsed = this.handedOut;
      job.started = Date.now();
      const message: WorkerJob = {
        id: job.id,
        text: job.text,
        options: { mediaType: job.mediaType, dataset: job.dataset, shape: job.shape, maxRows: this.limits.maxRows, deadline: job.started + this.limits.timeLimitMs, timeLimitMs: this.limits.timeLimitMs },
      };
      worker.timers = [
        setTimeout(() => this.turnLong(worker, job), this.longAfterMs),
        setTimeout(() => this.replace(worker, new QueryTimeoutError(this.limits.timeLimitMs)), this.limits.timeLimitMs),
      ];
      worker.thread.postMessage(message);
    }
  }

  /** A query has run for longAfterMs: it joins the long ones, or is stopped if `size` already are, so one worker stays for short queries. */
  private turnLong(worker: PoolWorker, job: Job): void {
    if (worker.job !== job) return;
    const others = [...this.workers].filter((candidate) => candidate.job?.long).map((candidate) => candidate.job!);
    if (others.length < this.size) {
      job.long = true;
      return;
    }
    // The first of the others ends at the latest at its time limit.
    const firstEnd = Math.min(...others.map((other) => other.started! + this.limits.timeLimitMs));
    const retryAfterSeconds = Math.max(1, Math.ceil((firstEnd - Date.now()) / 1000));
    const error = new TooManyLongQueriesError(
      `Too many long-running queries at once: this one ran over ${this.longAfterMs / 1000} s while ${others.length} others already had, and one query worker is kept for short queries. Try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
    this.replace(worker, error);
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

  /** Frees a worker after its query; one that grew too large is replaced instead. */
  private release(worker: PoolWorker, memoryBytes: number): void {
    worker.timers.forEach(clearTimeout);
    worker.job = undefined;
    if (memoryBytes - (worker.baseMemory ?? memoryBytes) > this.recycleGrowthBytes) {
      this.recycled += 1;
      this.replace(worker);
      return;
    }
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

  /** Terminates a worker (stopping its query, if any, with `error`) and starts another in its place. */
  private replace(worker: PoolWorker, error?: Error): void {
    if (!this.workers.delete(worker)) return;
    worker.timers.forEach(clearTimeout);
    if (worker.job && error) this.finish(worker.job, error);
    void worker.thread.terminate();
    this.replaced += 1;
    if (!this.closed) this.spawn();
    // A job may wait for a worker that is still ready.
    this.dispatch();
  }

  private lose(worker: PoolWorker, error: Error): void {
    if (this.workers.has(worker)) this.replace(worker, error);
  }
}

/** The query worker beside this module: its TypeScript when this runs from src/, so tests never run a stale lib/. */
function workerScript(): URL {
  return workerModule(import.meta.url, 'query-worker');
}
