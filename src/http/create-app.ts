import express, { type Express } from 'express';
import type { PublishedGraph } from '../store/published-graph.js';
import { createErrorHandler, notFound } from './error-handler.js';
import { createSparqlEndpoint, type SparqlSettings } from './sparql-endpoint.js';

/** What the app is built from; everything is injected so tests can build it without a network. */
export interface AppDependencies {
  readonly graph: PublishedGraph;
  /** The public base every IRI and link is built from (BASE_URL). */
  readonly baseUrl: string;
  /** Where errors with stacks go; defaults to stderr. */
  readonly log?: (line: string) => void;
  /** The SPARQL endpoint's engine and limits. */
  readonly sparql?: SparqlSettings;
}

/** The Express app; it never listens, so tests drive it with supertest. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'extended');
  // Route families are mounted here, one router per file of src/http/.
  app.use(new URL(deps.baseUrl).pathname, createSparqlEndpoint(deps.graph, deps.baseUrl, deps.sparql));
  app.use(notFound);
  app.use(createErrorHandler(deps.log));
  return app;
}
