import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDist, type BuildResult } from '../../src/build/build-dist.js';
import type { Kind } from '../../src/kinds/kind.js';
import { loadPublishedGraph, type PublishedGraph } from '../../src/store/published-graph.js';

/** The project's root folder. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** Options of a test build; by default the project's own data/ and vocab/. */
export interface TestBuildOptions {
  readonly baseUrl?: string;
  readonly dataDir?: string;
  readonly vocabDir?: string;
  /** Folder of the official DCAT-AP 3 shapes to validate against too; by default the project's shapes alone. */
  readonly dcatApDir?: string;
  /** The kinds of thing to read; every kind of the project by default. */
  readonly kinds?: readonly Kind<unknown>[];
}

/** Builds the graph into a fresh temporary dist/ and loads it as the server would. */
export async function buildTestGraph(options: TestBuildOptions = {}): Promise<PublishedGraph & { build: BuildResult }> {
  const outDir = join(await mkdtemp(join(tmpdir(), 'oscg-test-')), 'dist');
  const build = await buildDist({
    dataDir: options.dataDir ?? join(PROJECT_ROOT, 'data'),
    vocabDir: options.vocabDir ?? join(PROJECT_ROOT, 'vocab'),
    outDir,
    baseUrl: options.baseUrl ?? 'http://localhost:3000/',
    kinds: options.kinds,
    dcatApDir: options.dcatApDir,
  });
  return { ...(await loadPublishedGraph(outDir)), build };
}
