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
}

/** Loads dist/graph.nt and dist/manifest.json, as written by the build. */
export async function loadPublishedGraph(distDir: string): Promise<PublishedGraph> {
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as BuildManifest;
  const ntriples = await readFile(join(distDir, 'graph.nt'), 'utf8');
  const store = await parseNTriplesInto(new Store(), ntriples);
  return { store, manifest, distDir };
}
