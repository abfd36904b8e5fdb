import { Worker } from 'node:worker_threads';
import { checkQueryText, prepareQuery, type PrepareOptions, type PreparedQuery, type QueryBindings, type QueryPolicy } from './prepare-query.js';
import type { ParseAnswer, ParseJob, PlainTerm } from './parse-worker.js';
import { measureQuery } from './measure-query.js';
import { QueryRefusedError, QuerySyntaxError } from './query-errors.js';
import { workerModule } from './worker-module.js';

/** How the parser splits its work. */
export interface QueryParserOptions {
  /** Texts at least this long, or nesting brackets at least `threadFromDepth` deep, are parsed in the parse thread; the others, which parse in a few milliseconds at most, in place. */
  readonly threadFrom?: number;
  readonly threadFromDepth?: number;
  /** A parse in the thread that takes longer than this is stopped (the thread replaced) and the query refused. */
  readonly timeLimitMs?: number;
  /** Prepared queries remembered, least recently used dropped first. */
  readonly capacity?: number;
}

interface Pending {
  readonly job: ParseJob;
  readonly resolve: (prepared: PreparedQuery) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Prepares queries (prepareQuery: parse and policy) without blocking the event
 * loop on a slow one. sparqljs takes up to about 100 ms of CPU for a
 * 10 000-character query even within the syntax limits; on the main thread that
 * is 100 ms in which no other request is answered. Long or deeply nested texts
 * go to one parse thread instead, one at a time, the others are parsed in place
 * (a round trip to the thread would cost more than the parse), and every result
 * is remembered, since the HTTP layer prepares a query to choose its format and
 * the engine again to run it, and harvesters repeat queries.
 */
export class QueryParser {
  private readonly threadFrom: number;
  private readonly threadFromDepth: number;
  private readonly timeLimitMs: number;
  private readonly capacity: number;
  private readonly remembered = new Map<string, PreparedQuery>();
  private readonly queue: Pending[] = [];
  private current?: { readonly pending: Pending; readonly timer: NodeJS.Timeout };
  private thread?: Worker;
  private threadReady = false;
  private nextId = 1;
  private threadParses = 0;

  constructor(private readonly policy: QueryPolicy, options: QueryParserOptions = {}) {
    this.threadFrom = options.threadFrom ?? 1_000;
    this.threadFromDepth = options.threadFromDepth ?? 8;
    this.timeLimitMs = options.timeLimitMs ?? 5_000;
    this.capacity = options.capacity ?? 256;
  }

  /** Parses and checks a query; rejects with a QuerySyntaxError or QueryRefusedError. */
  async prepare(text: string, options: PrepareOptions = {}): Promise<PreparedQuery> {
    const key = JSON.stringify([text, options.dataset ?? null, options.bindings ?? null]);
    const known = this.remembered.get(key);
    if (known) {
      // Re-inserted so the map's order is least recently used first.
      this.remembered.delete(key);
      this.remembered.set(key, known);
      return known;
    }
    let prepared: PreparedQuery;
    if (this.isQuick(text)) {
      prepared = prepareQuery(text, this.policy, options);
    } else {
      // What needs no parser is refused here, at once, without a trip to the thread.
      checkQueryText(text, this.policy);
      prepared = await this.inThread(text, options);
    }
    this.remembered.set(key, prepared);
    if (this.remembered.size > this.capacity) this.remembered.delete(this.remembered.keys().next().value!);
    return prepared;
  }

  /**
   * Whether a text parses in a few milliseconds at most, so that a round trip
   * to the thread would cost more than it saves: short and shallow. sparqljs
   * is slow on nested groups (60 of them: about 18 ms however short the text)
   * and on length (9,000 characters: 27 to 64 ms), measured on the 2-core
   * development machine.
   */
  private isQuick(text: string): boolean {
    return text.length < this.threadFrom && measureQuery(text).depth < this.threadFromDepth;
  }

  /** How many queries were handed to the parse thread, for tests and monitoring. */
  get parsedInThread(): number {
    return this.threadParses;
  }

  /** Stops the parse thread; parses waiting or in progress fail. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    const error = new Error('The query parser was closed.');
    if (this.current) this.finish(this.current.pending, error);
    for (const pending of this.queue.splice(0)) pending.reject(error);
    await thread?.terminate();
  }

  private inThread(text: string, options: PrepareOptions): Promise<PreparedQuery> {
    const job: ParseJob = { id: this.nextId++, text, dataset: options.dataset, bindings: options.bindings && plainBindings(options.bindings) };
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /**
   * Sends the next waiting query once the thread is ready and idle. One at a
   * time, so the time limit measures that query's parse alone, not the time
   * the thread took to start or the queries ahead of it.
   */
  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const thread = this.threadFor();
    if (!this.threadReady) return;
    const pending = this.queue.shift()!;
    this.current = { pending, timer: setTimeout(() => this.stopOverrun(), this.timeLimitMs) };
    this.threadParses += 1;
    thread.postMessage(pending.job);
  }

  private threadFor(): Worker {
    if (this.thread) return this.thread;
    this.threadReady = false;
    const thread = new Worker(workerModule(import.meta.url, 'parse-worker'), { workerData: this.policy });
    thread.unref();
    thread.on('message', (answer: ParseAnswer) => {
      if (this.thread === thread) this.receive(answer);
    });
    thread.on('error', (error) => {
      if (this.thread === thread) this.replaceThread(new Error(`The query parse thread failed: ${error.message}`));
    });
    thread.on('exit', () => {
      if (this.thread === thread) this.replaceThread(new Error('The query parse thread stopped unexpectedly.'));
    });
    this.thread = thread;
    return thread;
  }

  private receive(answer: ParseAnswer): void {
    if (answer.kind === 'ready') {
      this.threadReady = true;
    } else if (this.current && answer.id === this.current.pending.job.id) {
      const { pending } = this.current;
      if (answer.kind === 'prepared') {
        this.finish(pending);
        pending.resolve(answer.prepared);
      } else {
        this.finish(pending, rebuildError(answer));
      }
    }
    this.pump();
  }

  /** Ends the current parse, with an error when given one. */
  private finish(pending: Pending, error?: Error): void {
    if (this.current?.pending === pending) {
      clearTimeout(this.current.timer);
      this.current = undefined;
    }
    if (error) pending.reject(error);
  }

  /** A parse past its limit can only be stopped by ending its thread: the query is refused, the ones waiting go to a new thread. */
  private stopOverrun(): void {
    if (!this.current) return;
    this.replaceThread(new QueryRefusedError(`The query took longer than ${this.timeLimitMs / 1000} s to parse; send a shorter or simpler query.`));
  }

  /** Fails the query being parsed (the one that overran or broke the thread) and starts a new thread for the others. */
  private replaceThread(error: Error): void {
    const thread = this.thread;
    this.thread = undefined;
    if (this.current) this.finish(this.current.pending, error);
    void thread?.terminate();
    this.pump();
  }
}

/** The same error class as the thread threw, for the HTTP layer to classify; anything else stays an internal error. */
function rebuildError(answer: Extract<ParseAnswer, { kind: 'error' }>): Error {
  if (answer.name === 'QuerySyntaxError') return new QuerySyntaxError(answer.message, answer.line, answer.column);
  if (answer.name === 'QueryRefusedError') return new QueryRefusedError(answer.message);
  return new Error(`The query parse thread failed: ${answer.name}: ${answer.message}`);
}

function plainBindings(bindings: QueryBindings): Record<string, PlainTerm> {
  return Object.fromEntries(
    Object.entries(bindings).map(([name, term]) => [
      name,
      term.termType === 'Literal' ? { termType: 'Literal', value: term.value, language: term.language, datatype: term.datatype.value } : { termType: term.termType, value: term.value },
    ]),
  );
}
