import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDependencies } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { join } from 'node:path';
import { buildTestGraph, PROJECT_ROOT } from './build-test-graph.js';
import { runEngineFor } from './run-engine.js';

/** The app on a real loopback port, for clients no one here wrote. */
export interface LoopbackGraphServer {
  readonly server: Server;
  /** The public base, `http://127.0.0.1:{port}/{path}`. */
  readonly base: string;
  readonly graph: PublishedGraph;
  close(): Promise<void>;
}

/**
 * Listens first, then builds the graph for that address (the port is part of
 * every IRI the graph mints, and clients follow those IRIs), then serves it.
 */
export async function serveGraphOnLoopback(path = '', options: Partial<AppDependencies> = {}): Promise<LoopbackGraphServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${path}`;
  // The fixture data set, not data/: the clients' tests must not change when data/ is edited.
  const graph = await buildTestGraph({ baseUrl: base, dataDir: join(PROJECT_ROOT, 'test/fixtures/valid-data') });
  server.on('request', createApp({ graph, baseUrl: base, accessLog: () => {}, sparql: { engine: runEngineFor(graph) }, ...options }));
  return {
    server,
    base,
    graph,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
