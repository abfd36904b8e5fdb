import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGunzip } from 'node:zlib';
import compression from 'compression';
import express, { type Response } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { sendQueryStream } from '../../src/http/sparql-response.js';
import type { QueryResultStream } from '../../src/store/query-engine.js';

const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

/**
 * Streams the chunks `chunksFor(res)` gives as a SPARQL result (through the
 * compression middleware with `compressed`) to a slow reader that pauses after
 * every chunk, so the server meets backpressure again and again; resolves with
 * the bytes read and the process warnings seen meanwhile.
 */
async function streamToSlowReader(chunksFor: (res: Response) => AsyncIterable<string>, compressed: boolean): Promise<{ bytes: number; warnings: string[] }> {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  const app = express();
  if (compressed) app.use(compression());
  app.get('/', (req, res) => {
    const stream: QueryResultStream = { truncated: false, cancel: () => {}, [Symbol.asyncIterator]: () => chunksFor(res)[Symbol.asyncIterator]() };
    void sendQueryStream(req, res, stream, { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8' }, 10, false);
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const bytes = await new Promise<number>((resolve, reject) => {
    get(`http://127.0.0.1:${port}/`, { headers: { 'Accept-Encoding': compressed ? 'gzip' : 'identity' } }, (response) => {
      if (compressed) expect(response.headers['content-encoding']).toBe('gzip');
      let read = 0;
      const body = compressed ? response.pipe(createGunzip()) : response;
      body.on('data', (chunk: Buffer) => {
        read += chunk.length;
        body.pause();
        setTimeout(() => body.resume(), 1);
      });
      body.on('end', () => resolve(read));
    }).on('error', reject);
  });
  process.off('warning', onWarning);
  return { bytes, warnings };
}

describe('streaming a large SPARQL result', () => {
  it('keeps a bounded number of close and error listeners on the response, however many chunks wait for drain', async () => {
    const most = { close: 0, error: 0 };
    // 200 chunks of 64 KiB: far more than the socket buffers, so most writes wait for drain.
    const { bytes, warnings } = await streamToSlowReader(async function* (res) {
      for (let i = 0; i < 200; i += 1) {
        most.close = Math.max(most.close, res.listenerCount('close'));
        most.error = Math.max(most.error, res.listenerCount('error'));
        yield 'x'.repeat(64 * 1024);
      }
    }, false);
    expect(bytes).toBe(200 * 64 * 1024);
    expect(most.close).toBeLessThanOrEqual(3);
    expect(most.error).toBeLessThanOrEqual(2);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('leaves no drain listeners piling up behind the compression middleware', async () => {
    // Text that does not compress (random), so the gzip stream meets backpressure as the socket does.
    const { bytes, warnings } = await streamToSlowReader(async function* () {
      for (let i = 0; i < 100; i += 1) yield Array.from({ length: 64 * 1024 }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join('');
    }, true);
    expect(bytes).toBe(100 * 64 * 1024);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
