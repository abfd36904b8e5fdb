import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries a request's id, in and out. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * An incoming id is kept only if it is a short token: it is echoed in a header
 * and written to the logs, so it must not carry newlines, quotes or markup.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Where a request keeps its id: a property of its own rather than an entry in
 * a WeakMap, which cost twice what making the UUID does (every request's entry
 * is a weak one, extra work for each garbage collection).
 */
const ID = Symbol('requestId');

type IdentifiedRequest = IncomingMessage & { [ID]?: string };

/**
 * The request's id: the one a proxy in front sent in X-Request-Id if it is a
 * safe token, else a new UUID; made on first use, so the access log, the error
 * log and the error response all give the same one.
 */
export function requestIdOf(req: IncomingMessage): string {
  const identified = req as IdentifiedRequest;
  let id = identified[ID];
  if (id === undefined) {
    const incoming = req.headers['x-request-id'];
    id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    identified[ID] = id;
  }
  return id;
}
