import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './linked-data-fixture.js';

// Browsers ask every site for an icon; a 404 for it is an error in the console
// of every page. Each page links to a small real icon, which is also where
// browsers look by default.

let server: TestServer;
let underPath: TestServer;
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/' });
  underPath = await createTestServer({ baseUrl: 'http://localhost:3000/osc/' });
});

const LINK = (base: string) => `<link rel="icon" href="${base}favicon.ico" type="image/x-icon" sizes="32x32">`;

describe('the icon', () => {
  it('is an ICO of one 32×32 image, cached for a week', async () => {
    const response = await request(server.app).get('/favicon.ico').buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    expect(response.headers['cache-control']).toBe('public, max-age=604800');
    const icon = response.body as Buffer;
    // ICONDIR (reserved 0, type 1 = icon, 1 image), then the entry: 32×32, 32 bits per pixel, 4264 bytes from offset 22.
    expect([...icon.subarray(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 32, 32]);
    expect(icon.readUInt16LE(12)).toBe(32);
    expect(icon.readUInt32LE(14)).toBe(4264);
    expect(icon.readUInt32LE(18)).toBe(22);
    expect(icon.byteLength).toBe(22 + 4264);
  });

  it('is served under the base when the site lives under a path', async () => {
    const response = await request(underPath.app).get('/osc/favicon.ico');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
  });

  it('allows only reading', async () => {
    const response = await request(server.app).post('/favicon.ico');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('every page links to it', () => {
  it.each(['/', '/doc/person/mark-fox', '/doc/catalog', '/sparql', '/queries', '/id/person/nobody'])('%s', async (path) => {
    const response = await request(server.app).get(path).set('Accept', 'text/html');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const head = response.text.slice(0, response.text.indexOf('</head>'));
    expect(head).toContain(LINK(server.base));
  });

  it('under the base path too', async () => {
    const response = await request(underPath.app).get('/osc/doc/person/mark-fox').set('Accept', 'text/html');
    expect(response.text).toContain(LINK('http://localhost:3000/osc/'));
  });
});
