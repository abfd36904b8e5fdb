import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import { Store } from 'n3';
import type { BuildManifest } from '../build/build-dist.js';
import { parseNTriplesInto } from '../graph/parse-ntriples.js';

/** The built graph as the server holds it: the triples, the build manifest and the dist/ folder. */
export interface PublishedGraph {
  readonly store: Store;
  readonly manifest: BuildManifest;
  readonly distDir: string;
  /**
   * The bytes of dist/graph.nt the store was parsed from, shared with the query
   * workers: each reads the same graph without a copy per worker, even a worker
   * started after a new build has replaced dist/.
   */
  readonly ntriples: SharedArrayBuffer;
}

/**
 * JavaScript heap the server holds per triple of the published graph, rounded
 * up: the generated catalogue of 100 000 datasets (8.09 million triples) held
 * 4 594 MiB after a full collection, once started and its first pages served
 * (595 bytes a triple: the n3 store, 3 578 MiB right after parsing, and the
 * record views and harvest records read from it).
 */
export const HEAP_BYTES_PER_TRIPLE = 600;
/**
 * The share of the heap that may hold the graph; the rest is room to collect
 * and for the caches (96 MiB). With a heap of 5 GiB for 4.6 GiB of graph, the
 * server of 100 000 datasets collected for minutes and then ran out of memory.
 */
const GRAPH_SHARE_OF_HEAP = 0.7;

/** A graph whose store would not fit this process's JavaScript heap: refused before minutes of parsing end in a crash. */
export class GraphTooLargeError extends Error {
  override readonly name = 'GraphTooLargeError';
  constructor(
    readonly tripleCount: number,
    readonly neededMiB: number,
    readonly limitMiB: number,
  ) {
    super(
      `The graph has ${tripleCount.toLocaleString('en')} triples: the server needs about ${neededMiB.toLocaleString('en')} MiB of JavaScript heap to hold it for documents and pages, and this process may use ${limitMiB.toLocaleString('en')} MiB. ` +
        `Start node with a larger heap (NODE_OPTIONS=--max-old-space-size=${heapMiBFor(tripleCount)}) on a machine with the memory for it, or serve a smaller catalogue.`,
    );
  }
}

/** The heap (MiB, whole GiB) to give node (`--max-old-space-size`) for serving a graph of `tripleCount` triples. */
export function heapMiBFor(tripleCount: number): number {
  return Math.ceil((tripleCount * HEAP_BYTES_PER_TRIPLE) / GRAPH_SHARE_OF_HEAP / 2 ** 30) * 1024;
}

/** Refuses a graph of `tripleCount` triples when its store would not fit a heap of `heapLimitBytes` (this process's, by default). */
export function checkHeapFor(tripleCount: number, heapLimitBytes = getHeapStatistics().heap_size_limit): void {
  const needed = tripleCount * HEAP_BYTES_PER_TRIPLE;
  if (needed > GRAPH_SHARE_OF_HEAP * heapLimitBytes) throw new GraphTooLargeError(tripleCount, Math.ceil(needed / 2 ** 20), Math.floor(heapLimitBytes / 2 ** 20));
}

/** Bytes read from graph.nt, and handed to the parser, at a time. */
const SLICE_BYTES = 4 * 1024 * 1024;

/**
 * Loads dist/graph.nt and dist/manifest.json, as written by the build. The
 * file is read straight into shared memory and parsed from there a slice at a
 * time: as one string, a graph of 100 000 datasets (1.1 GB of N-Triples) is
 * longer than V8 allows a string to be, and would be a second copy beside the
 * shared bytes. A graph whose store would not fit the heap is refused first
 * (GraphTooLargeError).
 */
export async function loadPublishedGraph(distDir: string): Promise<PublishedGraph> {
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as BuildManifest;
  checkHeapFor(manifest.tripleCount ?? 0);
  const ntriples = await readShared(join(distDir, 'graph.nt'));
  const store = await parseNTriplesInto(new Store(), Readable.from(sharedByteSlices(ntriples), { objectMode: false }));
  return { store, manifest, distDir, ntriples };
}

/** A whole file in a SharedArrayBuffer. */
async function readShared(path: string): Promise<SharedArrayBuffer> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    const shared = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(shared);
    for (let offset = 0; offset < size; ) {
      const { bytesRead } = await file.read(bytes, offset, Math.min(SLICE_BYTES, size - offset), offset);
      if (bytesRead === 0) throw new Error(`${path} ended at byte ${offset} of ${size} while it was read.`);
      offset += bytesRead;
    }
    return shared;
  } finally {
    await file.close();
  }
}

/**
 * The shared bytes as views of SLICE_BYTES, never one copy of the whole: how
 * the main thread parses them and each query worker loads them into Oxigraph
 * (which reads the views as one stream). Decoding them to one string first
 * cost each worker a string as large as the file: at 10 000 datasets (108 MB
 * of N-Triples) a worker grew by 582 MiB instead of 380 MiB.
 */
export function* sharedByteSlices(shared: SharedArrayBuffer): Generator<Buffer> {
  for (let offset = 0; offset < shared.byteLength; offset += SLICE_BYTES) {
    yield Buffer.from(shared, offset, Math.min(SLICE_BYTES, shared.byteLength - offset));
  }
}
