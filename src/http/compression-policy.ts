import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';
import { RDF_FORMATS } from '../graph/rdf-formats.js';

const RDF_MEDIA_TYPES = new Set(RDF_FORMATS.map((format) => format.mediaType));

/** compression's own filter, plus the RDF media types its database does not know as compressible (N-Triples, N-Quads, TriG). */
function compressible(req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  return RDF_MEDIA_TYPES.has(type) || compression.filter(req, res);
}

/** gzip or brotli (whichever Accept-Encoding prefers) for every compressible response over 1 kB. */
export function compressionPolicy(): RequestHandler {
  return compression({ filter: compressible });
}
