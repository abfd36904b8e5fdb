import { get, type Server } from 'node:http';
import { createGunzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { sendQueryStream } from '../../src/http/sparql-response.js';
import type { QueryResultStream } from '../../src/store/query-engine.js';

let server: Server | undefined;
let compressed: Server | undefined;
afterAll(() => {
  server?.close();
  compressed?.close();
});

describe('streaming a large SPARQL result', () => {
  it('keeps a bounded number of close and error listeners on the response, however many chunks wait for drain', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const most = { close: 0, error: 0 };
    const app = express();
    app.get('/', (req, res) => {
      // 200 chunks of 64 KiB: far more than the socket buffers, so most writes wait for drain.
      const stream: QueryResultStream = {
        truncated: false,
        cancel: () => {},
        async *[Symbol.asyncIterator]() {
          for (let i = 0; i < 200; i += 1) {
            most.close = Math.max(most.close, res.listenerCount('close'));
            most.error = Math.max(most.error, res.listenerCount('error'));
            yield 'x'.repeat(64 * 1024);
          }
        },
      };
      void sendQueryStream(req, res, stream, { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8' }, 10, false);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const received = await new Promise<number>((resolve, reject) => {
      get(`http://127.0.0.1:${port}/`, (response) => {
        let bytes = 0;
        // A slow reader: the server meets backpressure again and again.
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          response.pause();
          setTimeout(() => response.resume(), 1);
        });
        response.on('end', () => resolve(bytes));
      }).on('error', reject);
    });
    process.off('warning', onWarning);
    expect(received).toBe(200 * 64 * 1024);
    expect(most.close).toBeLessThanOrEqual(3);
    expect(most.error).toBeLessThanOrEqual(2);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('leaves no drain listeners piling up behind the compression middleware', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const app = express();
    app.use(compression());
    app.get('/', (req, res) => {
      // Text that does not compress (random), so the gzip stream meets backpressure as the socket does.
      const stream: QueryResultStream = {
        truncated: false,
        cancel: () => {},
        async *[Symbol.asyncIterator]() {
          for (let i = 0; i < 100; i += 1) yield Array.from({ length: 64 * 1024 }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join('');
        },
      };
      void sendQueryStream(req, res, stream, { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8' }, 10, false);
    });
    compressed = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => compressed!.once('listening', resolve));
    const { port } = compressed.address() as AddressInfo;
    const received = await new Promise<number>((resolve, reject) => {
      get(`http://127.0.0.1:${port}/`, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
        expect(response.headers['content-encoding']).toBe('gzip');
        let bytes = 0;
        const text = response.pipe(createGunzip());
        text.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          text.pause();
          setTimeout(() => text.resume(), 1);
        });
        text.on('end', () => resolve(bytes));
      }).on('error', reject);
    });
    process.off('warning', onWarning);
    expect(received).toBe(100 * 64 * 1024);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
