import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Everything here is public and read-only, so any origin may read it
 * (`Access-Control-Allow-Origin: *`, no credentials). POST is allowed for the
 * SPARQL protocol; preflight requests are answered here for every route.
 */
export function corsPolicy(): RequestHandler {
  return cors({
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    exposedHeaders: ['ETag', 'Link', 'Location', 'Content-Location', 'Allow', 'Memento-Datetime'],
    maxAge: 86_400,
  });
}
