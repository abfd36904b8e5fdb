import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { PublishedGraph } from '../store/published-graph.js';

type Manifest = PublishedGraph['manifest'];

/**
 * A weak ETag for one representation of the published graph. Weak, because
 * the bytes are generated per request and change with the content-coding that
 * compression picks (and with serialiser versions) while the graph's content
 * (contentHash) and the variant stay the same — semantic equivalence, which is
 * what a weak validator promises (RFC 9110 §8.8.1).
 */
export function weakEtag(manifest: Manifest, variant: string): string {
  return weakEtagOf(manifest.contentHash.slice(0, 32), variant);
}

/** A weak ETag naming the `version` of what a response is made from (a graph's or a history's hash) and its variant. */
export function weakEtagOf(version: string, variant: string): string {
  return `W/"${version}-${variant.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}

/**
 * A strong ETag for a response that is a function of the graph and of `parts`
 * of the request (everything that selects its bytes, content-coding included):
 * the same graph and the same parts give the same bytes, so it can be checked
 * before any work is done.
 */
export function strongEtag(manifest: Manifest, parts: readonly unknown[]): string {
  return strongEtagOf([manifest.contentHash, ...parts]);
}

/**
 * A strong ETag for a response whose bytes are a function of `parts` alone (a
 * release's or a closed page's content hash first, then what selects the
 * bytes). The static export and its njs module make the same hash.
 */
export function strongEtagOf(parts: readonly unknown[]): string {
  return `"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32)}"`;
}

/**
 * Sets ETag and Last-Modified (the build time) and answers whether the client's
 * copy is still fresh (If-None-Match, else If-Modified-Since, as Express's
 * `req.fresh` evaluates them); the caller then sends 304 instead of the body.
 */
export function setValidators(req: Request, res: Response, manifest: Manifest, etag: string): boolean {
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', new Date(manifest.builtAt).toUTCString());
  res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
  return req.fresh;
}
