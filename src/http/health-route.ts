import { Router } from 'express';
import type { PublishedGraph } from '../store/published-graph.js';
import type { QueryEngine } from '../store/query-engine.js';
import { ServiceUnavailableError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';

/**
 * `/health` for a load balancer: the graph is loaded whole (else 503), how big
 * it is and when it was built, and whether the SPARQL engine answers at full
 * strength. A degraded engine (a query worker starting in place of one that
 * failed) is still 200 with `"status":"degraded"` and the reason: documents
 * are served from the loaded graph without the engine, and SPARQL queries
 * still run (they wait for the workers that are ready), so taking the
 * instance out of rotation would only turn slower answers into none.
 */
export function createHealthRouter(graph: PublishedGraph, engine?: QueryEngine): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/health')
    .get((_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      if (graph.store.size !== graph.manifest.tripleCount) {
        throw new ServiceUnavailableError(`The loaded graph has ${graph.store.size} triples; the build recorded ${graph.manifest.tripleCount}.`);
      }
      const sparql = engine?.health?.() ?? { status: 'ok' };
      res.json({
        status: sparql.status,
        ...(sparql.reason ? { reason: sparql.reason } : {}),
        tripleCount: graph.store.size,
        builtAt: graph.manifest.builtAt,
        contentHash: graph.manifest.contentHash,
      });
    })
    .all(methodNotAllowed());
  return router;
}
