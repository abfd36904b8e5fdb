import { createServer, request as send, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ResponseReplay, markReplayable } from '../../src/http/response-replay.js';
import { close, createTestServer, FIXTURE_DATA, listen, type TestServer } from './linked-data-fixture.js';

// The replay in front of Express answers a request the full stack has already
// answered with the same status, headers and bytes, and nothing else.

let server: TestServer;
let http: { server: Server; origin: string };
type Dispatch = { handle: (...args: unknown[]) => void };
let routerCalls: { mock: { calls: unknown[] } };
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
  http = await listen(server.listener);
  // Every request that the replay does not answer goes through Express's router.
  routerCalls = vi.spyOn(server.app.router as unknown as Dispatch, 'handle');
});
afterAll(() => close(http.server));

const DOCUMENT = '/doc/output/test-guide';

interface WireResponse {
  readonly status: number;
  /** Raw header names and values as received, without Date (the clock's). */
  readonly headers: string[];
  readonly body: Buffer;
}

function wire(origin: string, method: string, path: string, headers: Record<string, string> = {}): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = send(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = res.rawHeaders;
        const pairs = raw.flatMap((name, index) => (index % 2 === 0 && name.toLowerCase() !== 'date' ? [`${name}: ${raw[index + 1]}`] : []));
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends the same request twice: the full stack answers the first, the replay the second (Express's router is not reached). */
async function twice(method: string, path: string, headers: Record<string, string> = {}): Promise<[WireResponse, WireResponse, number]> {
  const first = await wire(http.origin, method, path, headers);
  const before = routerCalls.mock.calls.length;
  const second = await wire(http.origin, method, path, headers);
  return [first, second, routerCalls.mock.calls.length - before];
}

const header = (response: WireResponse, name: string) =>
  response.headers.find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}: `))?.slice(name.length + 2);

describe('a replayed response', () => {
  it.each<[string, string, string, Record<string, string>, number, string]>([
    ['Turtle by Accept', 'GET', DOCUMENT, { Accept: 'text/turtle' }, 200, 'text/turtle; charset=utf-8'],
    ['JSON-LD by Accept, gzip', 'GET', DOCUMENT, { Accept: 'application/ld+json', 'Accept-Encoding': 'gzip' }, 200, 'application/ld+json; charset=utf-8'],
    ['JSON-LD expanded profile', 'GET', DOCUMENT, { Accept: 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"' }, 200, 'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"; charset=utf-8'],
    ['HTML in French, brotli', 'GET', DOCUMENT, { Accept: 'text/html', 'Accept-Language': 'fr', 'Accept-Encoding': 'br' }, 200, 'text/html; charset=utf-8'],
    ['HTML in English, gzip or deflate', 'GET', DOCUMENT, { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'Accept-Encoding': 'gzip, deflate' }, 200, 'text/html; charset=utf-8'],
    ['?format=ntriples, gzip', 'GET', `${DOCUMENT}?format=ntriples`, { 'Accept-Encoding': 'gzip' }, 200, 'application/n-triples; charset=utf-8'],
    ['.rdf extension', 'GET', `${DOCUMENT}.rdf`, {}, 200, 'application/rdf+xml; charset=utf-8'],
    ['?lang=fr page, brotli', 'GET', `${DOCUMENT}.html?lang=fr`, { 'Accept-Encoding': 'br' }, 200, 'text/html; charset=utf-8'],
    ['HEAD, gzip asked', 'HEAD', DOCUMENT, { Accept: 'text/turtle', 'Accept-Encoding': 'gzip' }, 200, 'text/turtle; charset=utf-8'],
    ['HEAD of a page', 'HEAD', `${DOCUMENT}.html`, { 'Accept-Language': 'fr' }, 200, 'text/html; charset=utf-8'],
    ['303 from a resource IRI', 'GET', '/id/output/test-guide', { Accept: 'text/turtle' }, 303, 'text/plain; charset=utf-8'],
    ['303 keeping ?lang=', 'GET', '/id/person/bob?lang=fr', { Accept: 'text/html' }, 303, 'text/plain; charset=utf-8'],
    ['home page in French, gzip', 'GET', '/', { Accept: 'text/html', 'Accept-Language': 'fr-CA,fr;q=0.9', 'Accept-Encoding': 'gzip' }, 200, 'text/html; charset=utf-8'],
    ['home page, no preference', 'GET', '/', {}, 200, 'text/html; charset=utf-8'],
    ['home page to RDF clients', 'GET', '/', { Accept: 'text/turtle' }, 303, 'text/plain; charset=utf-8'],
    ['catalogue for a harvester', 'GET', '/catalog', { Accept: '*/*', 'Accept-Encoding': 'gzip' }, 200, 'text/turtle; charset=utf-8'],
    ['catalogue page in JSON-LD, modified since', 'GET', '/catalog.jsonld?modified_since=2020-01-01', {}, 200, 'application/ld+json; charset=utf-8'],
    ['catalogue page for people', 'GET', '/catalog', { Accept: 'text/html', 'Accept-Language': 'fr' }, 200, 'text/html; charset=utf-8'],
  ])('%s: same status, headers and bytes as the full stack', async (_label, method, path, headers, status, contentType) => {
    const [first, second, reachedRouter] = await twice(method, path, headers);
    expect(reachedRouter).toBe(0);
    expect(first.status).toBe(status);
    expect(header(first, 'Content-Type')).toBe(contentType);
    expect(second.status).toBe(first.status);
    expect(second.headers).toEqual(first.headers);
    expect(second.body.equals(first.body)).toBe(true);
    if (method === 'HEAD') expect(second.body.byteLength).toBe(0);
  });

  it.each([
    ['If-None-Match', (response: WireResponse) => ({ 'If-None-Match': header(response, 'ETag')! })],
    ['If-Modified-Since', (response: WireResponse) => ({ 'If-Modified-Since': header(response, 'Last-Modified')! })],
  ])('304 on %s: the same as the full stack', async (_name, validator) => {
    for (const [path, headers] of [[`${DOCUMENT}.ttl`, {}], [DOCUMENT, { Accept: 'text/html', 'Accept-Encoding': 'gzip' }], ['/', { 'Accept-Language': 'fr' }]] as const) {
      const fresh = await wire(http.origin, 'GET', path, headers);
      const [first, second, reachedRouter] = await twice('GET', path, { ...headers, ...validator(fresh) });
      expect(first.status).toBe(304);
      expect(reachedRouter).toBe(0);
      expect(second.headers).toEqual(first.headers);
      expect(second.body.byteLength).toBe(0);
    }
  });

  it('is logged like the full stack’s: method, path, status, bytes and a request id of its own', async () => {
    await twice('GET', `${DOCUMENT}.jsonld?log=1`, { 'Accept-Encoding': 'gzip' });
    const [full, replayed] = server.accessLog.slice(-2).map((line) => JSON.parse(line) as Record<string, unknown>);
    const { time: _t1, ms: _m1, requestId: id1, ...fullEntry } = full!;
    const { time: _t2, ms: _m2, requestId: id2, ...replayedEntry } = replayed!;
    expect(replayedEntry).toEqual(fullEntry);
    // Each request has its own id, replayed or not.
    expect(id1).toMatch(/^[0-9a-f-]{36}$/);
    expect(id2).toMatch(/^[0-9a-f-]{36}$/);
    expect(id2).not.toBe(id1);
    expect(fullEntry).toMatchObject({ method: 'GET', path: `${DOCUMENT}.jsonld`, status: 200 });
  });
});

describe('the replay never answers with another representation', () => {
  it('a different Accept, Accept-Encoding or Accept-Language gets its own response', async () => {
    const turtle = await wire(http.origin, 'GET', DOCUMENT, { Accept: 'text/turtle', 'Accept-Encoding': 'gzip' });
    await wire(http.origin, 'GET', DOCUMENT, { Accept: 'text/turtle', 'Accept-Encoding': 'gzip' });
    const plain = await wire(http.origin, 'GET', DOCUMENT, { Accept: 'text/turtle' });
    const jsonLd = await wire(http.origin, 'GET', DOCUMENT, { Accept: 'application/ld+json', 'Accept-Encoding': 'gzip' });
    expect(header(turtle, 'Content-Encoding')).toBe('gzip');
    expect(header(plain, 'Content-Encoding')).toBeUndefined();
    expect(plain.body.toString('utf8')).toContain('@prefix');
    expect(header(jsonLd, 'Content-Type')).toBe('application/ld+json; charset=utf-8');
    const english = await wire(http.origin, 'GET', `${DOCUMENT}.html`, { 'Accept-Language': 'en' });
    const french = await wire(http.origin, 'GET', `${DOCUMENT}.html`, { 'Accept-Language': 'fr' });
    expect(header(english, 'Content-Language')).toBe('en');
    expect(header(french, 'Content-Language')).toBe('fr');
  });

  it('an old validator is not answered with 304 once it no longer matches, and a matching one is', async () => {
    const stale = await wire(http.origin, 'GET', `${DOCUMENT}.nt`, { 'If-None-Match': 'W/"not-the-graph-turtle"' });
    const again = await wire(http.origin, 'GET', `${DOCUMENT}.nt`, { 'If-None-Match': 'W/"not-the-graph-turtle"' });
    expect([stale.status, again.status]).toEqual([200, 200]);
    const current = await wire(http.origin, 'GET', `${DOCUMENT}.nt`, { 'If-None-Match': header(stale, 'ETag')! });
    expect(current.status).toBe(304);
    const noCache = await wire(http.origin, 'GET', `${DOCUMENT}.nt`, { 'If-None-Match': header(stale, 'ETag')!, 'Cache-Control': 'no-cache' });
    expect(noCache.status).toBe(200);
  });

  it.each<[string, string, string, Record<string, string>, number]>([
    ['an unknown document', 'GET', '/doc/output/no-such-output', { Accept: 'text/turtle' }, 404],
    ['an unknown resource', 'GET', '/id/person/nobody', {}, 404],
    ['an unacceptable type', 'GET', DOCUMENT, { Accept: 'image/png' }, 406],
    ['an unknown format', 'GET', `${DOCUMENT}?format=png`, {}, 400],
    ['a catalogue page past the last', 'GET', '/catalog?page=99', {}, 404],
    ['another method', 'POST', DOCUMENT, {}, 405],
    ['a preflight', 'OPTIONS', DOCUMENT, { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' }, 204],
    ['the health check', 'GET', '/health', {}, 200],
    ['a dump', 'GET', '/dump.nt', {}, 200],
  ])('%s is answered by the full stack every time', async (_label, method, path, headers, status) => {
    const [first, second, reachedRouter] = await twice(method, path, headers);
    expect([first.status, second.status]).toEqual([status, status]);
    expect(reachedRouter).toBe(1);
  });

  it('each app replays only what it answered itself', async () => {
    const other = await createTestServer({ baseUrl: 'http://example.org/osc/', dataDir: FIXTURE_DATA });
    const otherHttp = await listen(other.listener);
    try {
      await wire(http.origin, 'GET', '/doc/output/test-guide.ttl');
      const response = await wire(otherHttp.origin, 'GET', '/doc/output/test-guide.ttl');
      expect(response.status).toBe(404);
      const moved = await wire(otherHttp.origin, 'GET', '/osc/doc/output/test-guide.ttl');
      expect(moved.body.toString('utf8')).toContain('<http://example.org/osc/id/output/test-guide>');
    } finally {
      await close(otherHttp.server);
    }
  });
});

describe('ResponseReplay', () => {
  /** A tiny app whose marked route sends `size` bytes per path, recorded by a replay bounded to `maxBytes`. */
  async function tinyApp(maxBytes: number) {
    const replay = new ResponseReplay(() => {}, maxBytes);
    const app = express();
    app.use(replay.recorder());
    let renders = 0;
    app.get('/bytes/:size', (req, res) => {
      markReplayable(res);
      renders++;
      res.type('text/plain').send('x'.repeat(Number(req.params.size)));
    });
    app.get('/unmarked', (_req, res) => {
      renders++;
      res.send('not marked');
    });
    const listener = createServer((req, res) => {
      if (!replay.answer(req, res)) app(req, res);
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => listener.once('listening', resolve));
    return { replay, origin: `http://127.0.0.1:${(listener.address() as AddressInfo).port}`, server: listener, renders: () => renders };
  }

  it('stays within its byte bound, dropping the least recently used responses', async () => {
    const tiny = await tinyApp(10_000);
    try {
      for (let size = 1000; size < 4000; size += 100) await wire(tiny.origin, 'GET', `/bytes/${size}`);
      expect(tiny.replay.size).toBeGreaterThan(0);
      expect(tiny.replay.size).toBeLessThanOrEqual(10_000);
      // The latest one is still held, the first was dropped.
      const rendered = tiny.renders();
      await wire(tiny.origin, 'GET', '/bytes/3900');
      expect(tiny.renders()).toBe(rendered);
      await wire(tiny.origin, 'GET', '/bytes/1000');
      expect(tiny.renders()).toBe(rendered + 1);
    } finally {
      await close(tiny.server);
    }
  });

  it('keeps no response larger than its whole bound, and nothing unmarked', async () => {
    const tiny = await tinyApp(1000);
    try {
      await wire(tiny.origin, 'GET', '/bytes/5000');
      await wire(tiny.origin, 'GET', '/unmarked');
      await wire(tiny.origin, 'GET', '/unmarked');
      expect(tiny.replay.size).toBe(0);
      expect(tiny.renders()).toBe(3);
    } finally {
      await close(tiny.server);
    }
  });
});
