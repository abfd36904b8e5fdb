import { Router } from 'express';
import type { PublishedGraph } from '../store/published-graph.js';
import { ServiceUnavailableError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';

/** `/health` for a load balancer: the graph is loaded whole (else 503), how big it is and when it was built. */
export function createHealthRouter(graph: PublishedGraph): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/health')
    .get((_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      if (graph.store.size !== graph.manifest.tripleCount) {
        throw new ServiceUnavailableError(`The loaded graph has ${graph.store.size} triples; the build recorded ${graph.manifest.tripleCount}.`);
      }
      res.json({
        status: 'ok',
        tripleCount: graph.store.size,
        builtAt: graph.manifest.builtAt,
        contentHash: graph.manifest.contentHash,
      });
    })
    .all(methodNotAllowed());
  return router;
}
