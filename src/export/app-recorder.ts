import { Agent, createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request to record: method, target (path and query, as sent) and headers. */
export interface RecordingRequest {
  readonly method: string;
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A response as the app sent it: status, headers (names as the app spelt them, in order) and body bytes. */
export interface AppResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/**
 * The Express app on a loopback port of its own, asked over real HTTP: what the
 * export records is what the server sends, headers and bytes, with nothing of
 * Express imitated. It listens on 127.0.0.1 only, for as long as the export runs.
 */
export class AppRecorder {
  private constructor(
    private readonly server: Server,
    private readonly port: number,
    private readonly agent: Agent,
  ) {}

  /** Starts `listener` on a free loopback port. */
  static async start(listener: RequestListener): Promise<AppRecorder> {
    // Kept-alive connections stay open while the export works between requests (Node closes idle ones after 5 s by default).
    const server = createServer({ keepAliveTimeout: 10 * 60_000 }, listener);
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
    return new AppRecorder(server, (server.address() as AddressInfo).port, new Agent({ keepAlive: true, maxSockets: 8 }));
  }

  /** The app's answer to one request; no Accept-Encoding is sent, so bodies come uncompressed. */
  async record(request: RecordingRequest): Promise<AppResponse> {
    try {
      return await this.send(request);
    } catch (error) {
      // A kept-alive connection the server closed as it was reused: the request never reached the app, so it is sent again.
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
      return this.send(request);
    }
  }

  private send(request: RecordingRequest): Promise<AppResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: '127.0.0.1', port: this.port, method: request.method, path: request.target, headers: { ...request.headers }, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const headers: [string, string][] = [];
            for (let index = 0; index < response.rawHeaders.length; index += 2) headers.push([response.rawHeaders[index]!, response.rawHeaders[index + 1]!]);
            resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  /** Stops listening and closes the kept-alive connections. */
  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
