import type { RequestListener } from 'node:http';
import express, { type Express } from 'express';
import { IriScheme } from '../graph/iri-scheme.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { ignoreMalformedWeights } from './accept-header.js';
import { createAccessLog, stdoutAccessLog, type AccessLogSink } from './access-log.js';
import { createCatalogRouter } from './catalog-routes.js';
import { compressionPolicy } from './compression-policy.js';
import { corsPolicy } from './cors-policy.js';
import { createDiscoveryRouter } from './discovery-routes.js';
import { createDumpRouter } from './dump-routes.js';
import { createErrorHandler, notFound } from './error-handler.js';
import { createFaviconRouter } from './favicon.js';
import { createHealthRouter } from './health-route.js';
import { createHomeRouter } from './home-route.js';
import { createOaiRouter, type OaiEndpointSettings } from './oai-routes.js';
import { createResourceRouter } from './resource-routes.js';
import type { RepresentationTable } from './representations.js';
import { createCaches, type Caches } from './caches.js';
import type { ResponseReplay } from './response-replay.js';
import { createQueryPageOnly, createSparqlEndpoint, type SparqlSettings } from './sparql-endpoint.js';
import type { ReleaseHistory } from '../history/release-history.js';
import { createHistoryRouter } from './history-routes.js';
import { lazyReleaseChanges } from '../history/release-changes.js';
import { createStreamRouter } from './stream-routes.js';
import { createWhatsNewRouter } from './whats-new-routes.js';

/** What the app is built from; everything is injected so tests can build it without a network. */
export interface AppDependencies {
  readonly graph: PublishedGraph;
  /** The public base every IRI and link is built from (BASE_URL). */
  readonly baseUrl: string;
  /** Where errors with stacks go; defaults to stderr. */
  readonly log?: (line: string) => void;
  /** Where the one-JSON-line-per-request access log goes; defaults to stdout. */
  readonly accessLog?: AccessLogSink;
  /** The SPARQL endpoint's engine and limits; without them the app has no /sparql, /queries or /openapi.json. */
  readonly sparql?: SparqlSettings;
  /** Datasets per page of /catalog (CATALOG_PAGE_SIZE); tests use a tiny one. */
  readonly catalogPageSize?: number;
  /** The representations documents are offered in; the default table unless a test adds a format. */
  readonly representations?: RepresentationTable;
  /** The caches (createCaches); without them the app records nothing for replay and its routers keep pages of their own. */
  readonly caches?: Caches;
  /** The published states of the graph (src/history); with it the app answers Memento (TimeGates, TimeMaps, mementos) and /releases. */
  readonly history?: ReleaseHistory;
  /** Mementos per TimeMap page (TIMEMAP_PAGE_SIZE); tests use a tiny one. */
  readonly timemapPageSize?: number;
  /** The OAI-PMH repository's administrator addresses and page size (OAI_ADMIN_EMAIL, OAI_PAGE_SIZE); without them /oai says it is not enabled. */
  readonly oai?: OaiEndpointSettings;
  /** Members per page of the change stream (CHANGES_PAGE_SIZE); tests use a tiny one. */
  readonly changesPageSize?: number;
  /** Releases per "what's new" page; tests use a tiny one. */
  readonly whatsNewPageSize?: number;
  /**
   * The site's URLs when its SPARQL endpoint is elsewhere or absent (IriScheme's
   * `sparqlEndpoint`; a static export's): pages point there, and /sparql only
   * has the query page and service description. Built from baseUrl when absent.
   */
  readonly site?: IriScheme;
}

/** The Express app alone, without replay in front; it never listens, so tests drive it with supertest. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'extended');
  // Every route lives under the public base's path, so BASE_URL=https://host/osc/ serves /osc/id/...
  const iris = deps.site ?? new IriScheme(deps.baseUrl);
  const basePath = iris.basePath;
  const accessLog = deps.accessLog ?? stdoutAccessLog;
  app.use(createAccessLog(accessLog));
  // The recorder sits above compression so that it records the bytes compression writes (see tapResponseBody).
  const caches = deps.caches;
  if (caches) app.use(caches.replay.recorder());
  app.use(ignoreMalformedWeights);
  app.use(corsPolicy());
  app.use(compressionPolicy());
  // Route families are mounted here, one router per file of src/http/.
  const pages = caches?.pages;
  // What changed in each release: computed once, when the stream, "what's new" or an incremental harvest first needs it.
  const changes = deps.history ? lazyReleaseChanges(deps.history, iris) : undefined;
  app.use(basePath, createHomeRouter({ ...deps, pages }));
  app.use(basePath, createHealthRouter(deps.graph, deps.sparql?.engine));
  app.use(basePath, createResourceRouter({ ...deps, pages }));
  app.use(basePath, createDumpRouter(deps));
  if (deps.sparql) app.use(basePath, createSparqlEndpoint(deps.graph, deps.baseUrl, { resultCache: caches?.results, ...deps.sparql, oaiPmh: deps.oai !== undefined }));
  else if (!iris.hasOwnSparqlEndpoint) app.use(basePath, createQueryPageOnly(deps.graph, iris));
  app.use(basePath, createCatalogRouter({ ...deps, changes }));
  app.use(basePath, createOaiRouter(deps));
  app.use(basePath, createDiscoveryRouter(deps));
  app.use(basePath, createFaviconRouter(iris));
  if (deps.history) app.use(basePath, createHistoryRouter({ ...deps, history: deps.history, pages }));
  if (deps.history && changes) {
    app.use(basePath, createStreamRouter({ ...deps, history: deps.history, changes, pages }));
    app.use(basePath, createWhatsNewRouter({ ...deps, history: deps.history, changes, pages }));
  }
  app.use(notFound);
  app.use(createErrorHandler({ log: deps.log, baseUrl: deps.baseUrl, site: iris }));
  return app;
}

/**
 * The server's request listener: a response the app has recorded is replayed
 * before Express (whose request set-up and router walk alone cost more than
 * writing recorded bytes), every other request goes to the app, which records
 * what it may replay. A plain function, so nothing of Express is patched.
 */
export function createRequestListener(deps: AppDependencies): RequestListener {
  const caches = deps.caches ?? createCaches(deps.accessLog ?? stdoutAccessLog);
  return withReplay(caches.replay, createApp({ ...deps, caches }));
}

/** Puts `replay` in front of `app`: the one place where a request is answered by one or the other. */
export function withReplay(replay: ResponseReplay, app: RequestListener): RequestListener {
  return (req, res) => {
    if (!replay.answer(req, res)) app(req, res);
  };
}
