import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectRefusal } from '../../src/http/connect-method.js';
import { createTestServer, type TestServer } from './linked-data-fixture.js';

// Node gives CONNECT to the server's 'connect' event, not to the app; with no
// listener the connection is closed without a response.

let server: TestServer;
let http: Server;
const accessLog: string[] = [];

beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/' });
  http = createServer(server.app);
  http.on('connect', createConnectRefusal((line) => accessLog.push(line)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
});

/** Sends `head` on a raw socket and returns everything received until the server closes the connection. */
function exchange(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((http.address() as AddressInfo).port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
    socket.write(head);
  });
}

describe('CONNECT', () => {
  it('gets a 405 problem document with Allow, and the connection closed', async () => {
    const raw = await exchange('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\nX-Request-Id: proxy-test-1\r\n\r\n');
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    const lines = head.split('\r\n');
    expect(lines[0]).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(lines).toContain('Allow: GET, HEAD, OPTIONS');
    expect(lines).toContain('Content-Type: application/problem+json; charset=utf-8');
    expect(lines).toContain('Connection: close');
    expect(lines).toContain('X-Request-Id: proxy-test-1');
    expect(JSON.parse(body)).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: 'CONNECT is not allowed here; use GET, HEAD, OPTIONS.',
      allowed: ['GET', 'HEAD', 'OPTIONS'],
    });
    expect(JSON.parse(accessLog.at(-1)!)).toMatchObject({ method: 'CONNECT', path: 'example.org:443', status: 405, requestId: 'proxy-test-1' });
  });

  it('leaves the server answering other requests', async () => {
    await exchange('CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n');
    const raw = await exchange('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(raw.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
  });
});
