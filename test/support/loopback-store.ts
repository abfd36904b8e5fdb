import type { AddressInfo } from 'node:net';
import express from 'express';
import { DataFactory, Store } from 'n3';
import { createErrorHandler } from '../../src/http/error-handler.js';
import { createSparqlEndpoint } from '../../src/http/sparql-endpoint.js';
import { InProcessEngine } from '../../src/store/in-process-engine.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import type { QueryLimits } from '../../src/store/query-engine.js';

/** A SPARQL 1.1 protocol server on loopback, for the external-store engine to query. */
export interface LoopbackStore {
  /** `http://127.0.0.1:{port}/`; its endpoint is `${url}sparql`. */
  readonly url: string;
  /** Stops the server and its engine. */
  close(): Promise<void>;
}

/**
 * This project's own endpoint with Oxigraph, holding the graph's triples in the
 * named graph `graphIri` the way a shared store would, on a free loopback port.
 * Its row limit is lifted so that it never cuts what the engine under test asks.
 */
export async function startLoopbackStore(graph: PublishedGraph, graphIri: string, limits: QueryLimits): Promise<LoopbackStore> {
  const named = new Store(graph.store.getQuads(null, null, null, null).map((quad) => DataFactory.quad(quad.subject, quad.predicate, quad.object, DataFactory.namedNode(graphIri))));
  const engine = new InProcessEngine({ store: named, endpointIri: 'http://store.test/sparql', prefixes: {}, limits: { ...limits, maxRows: 100_000 }, engine: 'oxigraph' });
  const app = express();
  app.use(createSparqlEndpoint({ ...graph, store: named }, 'http://store.test/', { engine }));
  app.use(createErrorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await engine.close();
    },
  };
}
