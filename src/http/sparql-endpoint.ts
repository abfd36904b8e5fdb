import { Router } from 'express';
import { IriScheme } from '../graph/iri-scheme.js';
import type { PublishedGraph } from '../store/published-graph.js';
import type { QueryEngine } from '../store/query-engine.js';
import { voidFigures } from '../store/service-description.js';
import { loadNamedQueries } from '../store/named-queries.js';
import { CachedQueryEngine, type ResultCacheSettings } from './cached-query-engine.js';
import { createOpenApiRouter } from './openapi.js';
import { createQueriesRouter } from './queries-router.js';
import { createQueryPageAssets, sendQueryPage } from './query-page.js';
import { createQueryPageRouter, createSparqlRouter } from './sparql-router.js';
import type { ReleaseQueryEngines } from '../history/release-engines.js';

/** How the SPARQL endpoint is set up; the engine is always given (createQueryEngine chooses the server's). */
export interface SparqlSettings {
  /** The engine behind /sparql and /queries. */
  readonly engine: QueryEngine;
  /** The largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  /** The folder of named queries (`*.rq`); by default the package's sparql/. */
  readonly queriesDir?: string;
  /** The bounds of the cache of complete results. */
  readonly resultCache?: ResultCacheSettings;
  /** Engines over past releases, for the `release` parameter (src/history); absent, the parameter is refused. */
  readonly releases?: ReleaseQueryEngines;
  /** Whether the server has an OAI-PMH repository, which the service description then names. */
  readonly oaiPmh?: boolean;
}

/** The default request body limit: a form-encoded query of the default maximum length, with room to spare. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Everything the SPARQL side serves: /sparql (query, service description, query page), /queries and /openapi.json. */
export function createSparqlEndpoint(graph: PublishedGraph, baseUrl: string, settings: SparqlSettings): Router {
  const iris = new IriScheme(baseUrl);
  const endpointIri = iris.sparql;
  const engine = new CachedQueryEngine(settings.engine, graph.manifest.contentHash, settings.resultCache);
  const queries = loadNamedQueries(settings.queriesDir);
  const router = Router();
  router.use(createQueryPageAssets(iris));
  router.use(
    createSparqlRouter({
      engine,
      site: iris,
      manifest: graph.manifest,
      figures: voidFigures(graph.store),
      oaiPmh: settings.oaiPmh ? { service: iris.oaiService, endpoint: iris.oai } : undefined,
      maxBodyBytes: settings.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      queryPage: sendQueryPage({ site: iris, prefixes: graph.manifest.prefixes, queries }),
      releases: settings.releases,
    }),
  );
  router.use(createQueriesRouter({ engine, queries, site: iris, manifest: graph.manifest }));
  router.use(createOpenApiRouter(queries, iris));
  return router;
}

/**
 * For a site whose SPARQL endpoint is elsewhere or absent (`site.sparqlEndpoint`):
 * the query page and its assets, pointing at that endpoint or saying there is
 * none, and the endpoint's service description; no queries are run here.
 */
export function createQueryPageOnly(graph: PublishedGraph, site: IriScheme): Router {
  const router = Router();
  router.use(createQueryPageAssets(site));
  router.use(
    createQueryPageRouter({
      site,
      manifest: graph.manifest,
      figures: voidFigures(graph.store),
      queryPage: sendQueryPage({ site, prefixes: graph.manifest.prefixes }),
    }),
  );
  return router;
}
