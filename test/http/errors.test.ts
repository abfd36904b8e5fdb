import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE_DATA, type TestServer } from './linked-data-fixture.js';

// Errors are negotiated problem details (RFC 9457) or an HTML page, never a
// stack trace; a bad request never takes the server down.

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
});

/** [request, what the client sends as Accept, status, Content-Type]. */
const NEGOTIATED_ERRORS: readonly [string, string | undefined, number, string][] = [
  ['/id/person/nobody', undefined, 404, 'application/problem+json'],
  ['/id/person/nobody', 'text/turtle', 404, 'application/problem+json'],
  ['/id/person/nobody', 'application/json', 404, 'application/json'],
  ['/id/person/nobody', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 404, 'text/html'],
  ['/doc/organisation/nobody', 'text/html', 404, 'text/html'],
  ['/doc/catalog', 'image/png', 406, 'application/problem+json'],
  ['/dump', 'text/html', 406, 'text/html'],
];

describe('error responses', () => {
  it.each(NEGOTIATED_ERRORS)('%s (Accept: %s) → %i as %s', async (path, accept, status, mediaType) => {
    const call = request(server.app).get(path);
    const response = await (accept === undefined ? call : call.set('Accept', accept));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    expect(response.headers.vary).toMatch(/\bAccept\b/);
    if (mediaType === 'text/html') {
      expect(response.text).toContain(`<h1>${status} `);
      expect(response.text).toContain(`href="${server.base}"`);
    } else {
      expect(JSON.parse(response.text)).toMatchObject({ type: 'about:blank', status, instance: path });
    }
  });

  it('406 lists the formats on offer, in the body and the detail', async () => {
    const response = await request(server.app).get('/doc/person/bob').set('Accept', 'application/pdf');
    expect(response.status).toBe(406);
    expect(response.body.available).toEqual(['text/html', 'text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml', 'application/n-quads', 'application/trig']);
    expect(response.body.detail).toContain('application/pdf');
    const dump = await request(server.app).get('/dump').set('Accept', 'application/pdf');
    expect(dump.body.available).toEqual(['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml']);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s on a read-only route is 405 with Allow', async (method) => {
    for (const path of ['/', '/id/person/bob', '/doc/person/bob.ttl', '/dump', '/dump.ttl', '/health', '/vocab/ontology']) {
      const response = await request(server.app)[method.toLowerCase() as 'post'](path).set('Accept', 'application/problem+json').send('<> <> <> .');
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(response.body).toMatchObject({ status: 405, allowed: ['GET', 'HEAD', 'OPTIONS'] });
    }
  });

  it('a POST changes nothing', async () => {
    const before = server.graph.store.size;
    await request(server.app).post('/id/person/bob').set('Content-Type', 'text/turtle').send(`<${server.base}id/person/bob> <http://schema.org/name> "Changed" .`);
    expect(server.graph.store.size).toBe(before);
    const after = await request(server.app).get('/doc/person/bob.nt');
    expect(after.text).not.toContain('Changed');
  });
});

describe('bad requests', () => {
  it.each([
    ['/id/%E0%A4%A', 400],
    ['/doc/person/%', 400],
    ['/doc/person/bob?format=', 400],
    ['/doc/person/bob?format[]=ttl', 400],
    ['/doc/person/bob?format[a]=ttl', 400],
    ['/dump.ttl?format=exe', 400],
    ['/dump.exe', 404],
    ['/dump.json', 404],
    ['/dump.', 404],
  ])('%s → %i, the server keeps serving', async (path, status) => {
    const response = await request(server.app).get(path).set('Accept', 'application/problem+json');
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const healthy = await request(server.app).get('/doc/person/bob.ttl');
    expect(healthy.status).toBe(200);
  });

  it.each([
    ['Accept', 'text/html;q=abc, */*;;;'],
    ['Accept', 'a/b;x="unterminated'],
    ['Accept', ','.repeat(5000)],
    ['Accept-Language', 'fr;q=nope,,,;'],
    ['If-None-Match', '"unterminated'],
    ['If-Modified-Since', 'not a date'],
  ])('a malformed %s header (%s) gets an answer, not a crash', async (name, value) => {
    const response = await request(server.app).get('/doc/person/bob').set(name, value);
    expect([200, 406]).toContain(response.status);
    const healthy = await request(server.app).get('/health');
    expect(healthy.status).toBe(200);
  });

  it('no response ever carries a stack trace, and client errors are not logged as failures', async () => {
    const responses = await Promise.all(
      ['/id/%E0%A4%A', '/id/x', '/doc/x.ttl', '/dump.exe'].map((path) => request(server.app).get(path).set('Accept', 'text/html')),
    );
    for (const response of responses) {
      expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
      expect(response.text).not.toContain('node_modules');
    }
    expect(server.errorLog).toEqual([]);
  });
});
