import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Loads dist/graph.nt and dist/manifest.json, as written by the build. */
export async function loadPublishedGraph(distDir: string): Promise<PublishedGraph> {
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as BuildManifest;
  const bytes = await readFile(join(distDir, 'graph.nt'));
  const ntriples = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(ntriples).set(bytes);
  const store = await parseNTriplesInto(new Store(), bytes.toString('utf8'));
  return { store, manifest, distDir, ntriples };
}
