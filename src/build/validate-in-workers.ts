import { Worker } from 'node:worker_threads';
import { Writer } from 'n3';
import { workerModule } from '../store/worker-module.js';
import type { ShaclJob, ShaclWorkerMessage, ShaclWorkerSetup } from './shacl-worker.js';
import { batchIndexes, collectResults, splitsByFocusNode, type GraphValidation, type ShapeResult, type ShapesGraph } from './validate-graph.js';

/**
 * The validator allocates short-lived objects at a great rate; with a worker's
 * default young generation, validating 10 000 datasets took 72 s in one worker,
 * with 128 MiB about 30 s (measured with one worker).
 */
const YOUNG_GENERATION_MB = 128;

/** How validation is spread over threads. */
export interface WorkerValidationOptions {
  /** Worker threads, each holding its own copy of the graph. */
  readonly workers: number;
  /** Batches of focus nodes per shapes graph. */
  readonly batches: number;
  /** Called after each (shapes graph, batch) unit is done. */
  readonly onUnit?: () => void;
}

/** The number of (shapes graph, batch) units validateInWorkers will run, for progress. */
export function validationUnits(shapesGraphs: readonly ShapesGraph[], batches: number): number {
  return shapesGraphs.reduce((sum, shapes) => sum + batchIndexes(splitsByFocusNode(shapes.quads), batches).length, 0);
}

/**
 * Validates the N-Triples file `graphFile` in worker threads that take
 * (shapes graph, batch of focus nodes) units from one queue: the same results
 * as validateGraph in the main thread, on every core, while the main thread
 * is free to write the dumps.
 */
export async function validateInWorkers(graphFile: string, shapesGraphs: readonly ShapesGraph[], options: WorkerValidationOptions): Promise<GraphValidation> {
  const queue: ShaclJob[] = shapesGraphs.flatMap((shapes, index) => batchIndexes(splitsByFocusNode(shapes.quads), options.batches).map((batch) => ({ shapes: index, batch })));
  const setup: ShaclWorkerSetup = {
    graphFile,
    shapes: shapesGraphs.map((shapes) => ({ source: shapes.source, ntriples: new Writer({ format: 'N-Triples' }).quadsToString([...shapes.quads]) })),
    batches: options.batches,
  };
  const results: ShapeResult[] = [];
  const threads: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = queue.length;
      if (pending === 0) return resolve();
      const fail = (error: Error) => reject(error);
      for (let i = 0; i < Math.min(options.workers, queue.length); i += 1) {
        const thread = new Worker(workerScript(), { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
        threads.push(thread);
        const next = () => {
          const job = queue.shift();
          if (job) thread.postMessage(job);
        };
        thread.on('message', (message: ShaclWorkerMessage) => {
          if (message.kind === 'error') return fail(new Error(`SHACL validation failed in a worker: ${message.message}`));
          if (message.kind === 'results') {
            for (const result of message.results) results.push(result);
            options.onUnit?.();
            pending -= 1;
            if (pending === 0) return resolve();
          }
          next();
        });
        thread.on('error', fail);
        thread.on('exit', (code) => {
          if (pending > 0) fail(new Error(`A SHACL validation worker stopped (exit code ${code}).`));
        });
      }
    });
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return collectResults(results);
}

/** The SHACL worker beside this module: its TypeScript when this runs from src/, so tests never run a stale lib/. */
function workerScript(): URL {
  return workerModule(import.meta.url, 'shacl-worker');
}
