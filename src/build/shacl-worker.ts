import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { Store } from 'n3';
import { parseNTriplesInto } from '../graph/parse-ntriples.js';
import { FocusBatches, ShapesValidator, type ShapeResult } from './validate-graph.js';

/** What the pool hands a validation worker: where the graph is, the shapes (as N-Triples) and how the focus nodes are split. */
export interface ShaclWorkerSetup {
  readonly graphFile: string;
  readonly shapes: readonly { readonly source: string; readonly ntriples: string }[];
  readonly batches: number;
}

/** One unit of work: a shapes graph and a batch of focus nodes (-1: all at once). */
export interface ShaclJob {
  readonly shapes: number;
  readonly batch: number;
}

/** What a validation worker sends back. */
export type ShaclWorkerMessage =
  /** `module`: the URL of the worker's own code, so tests can tell src/ from a compiled lib/. */
  | { readonly kind: 'ready'; readonly module: string }
  | { readonly kind: 'results'; readonly results: readonly ShapeResult[] }
  | { readonly kind: 'error'; readonly message: string };

const port = parentPort;
if (port) {
  const setup = workerData as ShaclWorkerSetup;
  const send = (message: ShaclWorkerMessage) => port.postMessage(message);
  try {
    const graph = await parseNTriplesInto(new Store(), await readFile(setup.graphFile, 'utf8'));
    const batches = new FocusBatches(graph, setup.batches);
    const validators: ShapesValidator[] = [];
    for (const { source, ntriples } of setup.shapes) validators.push(new ShapesValidator({ source, quads: (await parseNTriplesInto(new Store(), ntriples)).getQuads(null, null, null, null) }));
    port.on('message', async (job: ShaclJob) => {
      try {
        send({ kind: 'results', results: await validators[job.shapes]!.validate(batches, job.batch) });
      } catch (error) {
        send({ kind: 'error', message: (error as Error).message });
      }
    });
    send({ kind: 'ready', module: import.meta.url });
  } catch (error) {
    send({ kind: 'error', message: (error as Error).message });
  }
}
