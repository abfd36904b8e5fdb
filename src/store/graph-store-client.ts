import { createHash, randomBytes } from 'node:crypto';
import type { GraphStoreTarget } from './external-store.js';

/** The store refused or failed a Graph Store Protocol request. */
export class GraphStoreError extends Error {
  override readonly name = 'GraphStoreError';
}

/**
 * Sends N-Triples text to one named graph of a store with the Graph Store
 * Protocol (`?graph=`): PUT replaces the graph, POST merges into it.
 * Credentials are sent only when the store asks for them.
 */
export async function sendGraph(target: GraphStoreTarget, graph: string, ntriples: string, method: 'PUT' | 'POST'): Promise<void> {
  const url = new URL(target.url);
  url.searchParams.set('graph', graph);
  const send = (authorization?: string) =>
    fetch(url, { method, headers: { 'Content-Type': 'application/n-triples', ...(authorization ? { Authorization: authorization } : {}) }, body: ntriples });
  let response = await send();
  if (response.status === 401 && target.user !== undefined) {
    const challenge = response.headers.get('www-authenticate') ?? '';
    await response.arrayBuffer();
    response = await send(authorizationFor(challenge, method, url, target.user, target.password ?? ''));
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
    throw new GraphStoreError(`${method} ${url.href} answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * The Authorization header answering a Basic or Digest challenge. Digest (RFC
 * 7616, MD5, qop=auth) is written here because fetch has none and Virtuoso's
 * authenticated Graph Store endpoint asks for it; it is a few hashes, not worth a
 * dependency.
 */
export function authorizationFor(challenge: string, method: string, url: URL, user: string, password: string, cnonce = randomBytes(8).toString('hex')): string {
  const scheme = challenge.trim().split(/\s+/)[0]?.toLowerCase();
  if (scheme === 'basic') return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  if (scheme !== 'digest') throw new GraphStoreError(`The graph store asks for "${challenge}" authentication; only Basic and Digest are supported.`);
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]*))/g)].map((match) => [match[1]!.toLowerCase(), match[2] ?? match[3] ?? '']));
  if (params.algorithm && params.algorithm.toUpperCase() !== 'MD5') throw new GraphStoreError(`The graph store asks for Digest with ${params.algorithm}; only MD5 is supported.`);
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const uri = `${url.pathname}${url.search}`;
  const ha1 = md5(`${user}:${params.realm ?? ''}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const qop = params.qop?.split(',').map((value) => value.trim()).includes('auth') ? 'auth' : undefined;
  const nc = '00000001';
  const response = qop ? md5(`${ha1}:${params.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${params.nonce}:${ha2}`);
  const fields = [`username="${user}"`, `realm="${params.realm ?? ''}"`, `nonce="${params.nonce ?? ''}"`, `uri="${uri}"`, `response="${response}"`, 'algorithm=MD5'];
  if (qop) fields.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (params.opaque !== undefined) fields.push(`opaque="${params.opaque}"`);
  return `Digest ${fields.join(', ')}`;
}
