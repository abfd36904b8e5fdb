import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Parser, Store } from 'n3';
import type { BuildManifest } from '../build/build-dist.js';

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

/** Bytes read from graph.nt, and handed to the parser, at a time. */
const SLICE_BYTES = 4 * 1024 * 1024;

/**
 * Loads dist/graph.nt and dist/manifest.json, as written by the build. The
 * file is read straight into shared memory and parsed from there a slice at a
 * time: as one string, a graph of 100 000 datasets (1.1 GB of N-Triples) is
 * longer than V8 allows a string to be, and would be a second copy beside the
 * shared bytes.
 */
export async function loadPublishedGraph(distDir: string): Promise<PublishedGraph> {
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as BuildManifest;
  const ntriples = await readShared(join(distDir, 'graph.nt'));
  const store = await parseSharedInto(new Store(), ntriples);
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

/** Parses N-Triples bytes into a store, keeping blank node labels; the stream decodes the slices, so a character split between two is read whole. */
function parseSharedInto(store: Store, shared: SharedArrayBuffer): Promise<Store> {
  function* slices(): Generator<Buffer> {
    for (let offset = 0; offset < shared.byteLength; offset += SLICE_BYTES) {
      yield Buffer.from(shared, offset, Math.min(SLICE_BYTES, shared.byteLength - offset));
    }
  }
  const input = Readable.from(slices(), { objectMode: false });
  return new Promise((resolve, reject) => {
    new Parser({ format: 'application/n-triples', blankNodePrefix: '' }).parse(input, (error, quad) => {
      if (error) reject(error);
      else if (quad) store.addQuad(quad);
      else resolve(store);
    });
  });
}
