import { parentPort, workerData } from 'node:worker_threads';
import type { RunOptions } from './query-runner.js';
import { createRunner, type EngineName } from './create-runner.js';

/** What the pool hands a worker when it starts it. */
export interface WorkerSetup {
  /** The graph as N-Quads text, or… */
  readonly nquads?: string;
  /** …N-Triples bytes (N-Triples is N-Quads) shared by every worker, so the text is not copied to each. */
  readonly ntriples?: SharedArrayBuffer;
  readonly baseIri: string;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly engine: EngineName;
}

/** One query sent to a worker. */
export interface WorkerJob {
  readonly id: number;
  readonly text: string;
  readonly options: RunOptions;
}

/** What a worker sends back: readiness, chunks of output, the end, or an error by class name. */
export type WorkerMessage =
  | { readonly kind: 'ready'; readonly module: string }
  | { readonly kind: 'chunk'; readonly id: number; readonly text: string }
  | { readonly kind: 'end'; readonly id: number; readonly truncated: boolean }
  | { readonly kind: 'error'; readonly id: number; readonly name: string; readonly message: string };

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const nquads = setup.ntriples ? Buffer.from(setup.ntriples).toString('utf8') : (setup.nquads ?? '');
  const runner = createRunner(setup.engine, nquads, { baseIri: setup.baseIri, prefixes: setup.prefixes });
  const send = (message: WorkerMessage) => port.postMessage(message);
  port.on('message', async (job: WorkerJob) => {
    try {
      const { chunks, summary } = runner.run(job.text, job.options);
      for await (const text of chunks) send({ kind: 'chunk', id: job.id, text });
      send({ kind: 'end', id: job.id, truncated: summary.truncated });
    } catch (error) {
      send({ kind: 'error', id: job.id, name: (error as Error).name, message: (error as Error).message });
    }
  });
  send({ kind: 'ready', module: import.meta.url });
}
