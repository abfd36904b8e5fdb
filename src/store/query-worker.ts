import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { RunOptions } from './query-runner.js';
import { createRunner, type EngineName } from './create-runner.js';
import { classifyEngineError, transferError, type TransferredError } from './query-errors.js';

/** What the pool hands a worker when it starts it. */
export interface WorkerSetup {
  /** The graph as N-Quads text, or… */
  readonly nquads?: string;
  /** …N-Triples bytes (N-Triples is N-Quads) shared by every worker, so the text is not copied to each. */
  readonly ntriples?: SharedArrayBuffer;
  readonly baseIri: string;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly engine: EngineName;
  /** The URL of a module whose `createRunner` replaces create-runner.ts's: how tests put a failing engine in a worker. */
  readonly runnerModule?: string;
}

/** One query sent to a worker. */
export interface WorkerJob {
  readonly id: number;
  readonly text: string;
  readonly options: RunOptions;
}

/**
 * What a worker sends back: readiness, chunks of output, the end (with the last chunk), or an error by
 * class name. The end and errors carry the bytes the worker's memory holds, so
 * the pool can replace a worker that a big result has left large.
 */
export type WorkerMessage =
  | { readonly kind: 'ready'; readonly module: string; readonly memoryBytes: number }
  | { readonly kind: 'chunk'; readonly id: number; readonly text: string }
  | { readonly kind: 'end'; readonly id: number; readonly text?: string; readonly truncated: boolean; readonly memoryBytes: number }
  | { readonly kind: 'error'; readonly id: number; readonly error: TransferredError; readonly memoryBytes: number };

/**
 * The worker's own memory: its JavaScript heap and what lives outside it
 * (array buffers, WebAssembly memory, which never shrinks once grown). The
 * process's RSS would count every thread. Read from V8's heap statistics (the
 * heapTotal and external of process.memoryUsage()), which take a tenth of the
 * time: memoryUsage also reads the RSS from /proc, once for every query.
 */
export function workerMemoryBytes(): number {
  const heap = getHeapStatistics();
  return heap.total_heap_size + heap.external_memory;
}

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  // The shared bytes go to the runner as they are: Oxigraph parses them without a string copy of the graph per worker.
  const graph = setup.ntriples ?? setup.nquads ?? '';
  const create: typeof createRunner = setup.runnerModule ? (await import(setup.runnerModule)).createRunner : createRunner;
  const runner = create(setup.engine, graph, { baseIri: setup.baseIri, prefixes: setup.prefixes });
  const send = (message: WorkerMessage) => port.postMessage(message);
  port.on('message', async (job: WorkerJob) => {
    try {
      const { chunks, summary } = runner.run(job.text, job.options);
      // Each chunk is held until the next one comes, so the last goes with the end: a result of one chunk
      // (most are) is one message, and the main thread is woken once for it instead of twice.
      let held: string | undefined;
      for await (const text of chunks) {
        if (held !== undefined) send({ kind: 'chunk', id: job.id, text: held });
        held = text;
      }
      send({ kind: 'end', id: job.id, text: held, truncated: summary.truncated, memoryBytes: workerMemoryBytes() });
    } catch (error) {
      send({ kind: 'error', id: job.id, error: transferError(classifyEngineError(error)), memoryBytes: workerMemoryBytes() });
    }
  });
  send({ kind: 'ready', module: import.meta.url, memoryBytes: workerMemoryBytes() });
}
