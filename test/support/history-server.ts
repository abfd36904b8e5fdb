import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { buildDist } from '../../src/build/build-dist.js';
import type { RequestListener } from 'node:http';
import { createApp, withReplay } from '../../src/http/create-app.js';
import { createCaches } from '../../src/http/caches.js';
import { ReleaseQueryEngines } from '../../src/history/release-engines.js';
import { ReleaseHistory, type ReleaseGraph } from '../../src/history/release-history.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/store/engine-setup.js';
import { loadPublishedGraph, type PublishedGraph } from '../../src/store/published-graph.js';
import { embeddedEngine } from './embedded-engine.js';
import { makeFixtureHistory, type FixtureHistory } from './fixture-history.js';
import { runEngineFor } from './run-engine.js';

/** The fixture history served: its checkout, its releases, the current graph (the last commit's) and the app. */
export interface HistoryServer {
  readonly fixture: FixtureHistory;
  readonly history: ReleaseHistory;
  readonly graph: PublishedGraph;
  readonly app: Express;
  /** What a server listens with: the replay in front of `app`. */
  readonly listener: RequestListener;
  readonly base: string;
  readonly errorLog: string[];
  /** Stops the engines over past releases. */
  close(): Promise<void>;
}

/** Builds the fixture history's last commit as dist/, opens its releases and makes the app serving both, SPARQL `release` included. */
export async function createHistoryServer(
  options: {
    readonly baseUrl?: string;
    readonly timemapPageSize?: number;
    readonly changesPageSize?: number;
    readonly whatsNewPageSize?: number;
    /** A fixture checkout to serve (one a test has added commits to) instead of a new one. */
    readonly fixture?: FixtureHistory;
  } = {},
): Promise<HistoryServer> {
  const baseUrl = options.baseUrl ?? 'http://localhost:3000/';
  const fixture = options.fixture ?? (await makeFixtureHistory());
  const outDir = join(await mkdtemp(join(tmpdir(), 'oscg-history-dist-')), 'dist');
  await buildDist({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, outDir, baseUrl });
  const graph = await loadPublishedGraph(outDir);
  const cacheDir = join(await mkdtemp(join(tmpdir(), 'oscg-history-cache-')), 'releases');
  const history = await ReleaseHistory.open({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, baseUrl, cacheDir, current: graph });
  // On the calling thread, as the app tests' main engine is: a worker pool per release takes seconds to start under tsx.
  // test/history/release-engines.test.ts runs the server's pool (createReleaseQueryEngine) itself.
  const releases = new ReleaseQueryEngines(history, (release) => releaseEngineInProcess(release, baseUrl));
  const errorLog: string[] = [];
  const caches = createCaches(() => undefined);
  const app = createApp({
    caches,
    graph,
    baseUrl,
    history,
    timemapPageSize: options.timemapPageSize,
    changesPageSize: options.changesPageSize,
    whatsNewPageSize: options.whatsNewPageSize,
    accessLog: () => undefined,
    log: (line) => errorLog.push(line),
    sparql: { engine: runEngineFor(graph), releases },
  });
  return { fixture, history, graph, app, listener: withReplay(caches.replay, app), base: baseUrl, errorLog, close: () => releases.close() };
}

/** An engine over a release's graph on the calling thread: the run's embedded engine (never an external store, which holds only the current graph). */
export function releaseEngineInProcess(graph: ReleaseGraph, baseUrl: string): InProcessEngine {
  return new InProcessEngine({ engine: embeddedEngine(), store: graph.store, endpointIri: new IriScheme(baseUrl).sparql, prefixes: graph.release.prefixes, limits: DEFAULT_QUERY_LIMITS });
}
