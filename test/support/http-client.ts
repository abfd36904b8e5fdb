import { Agent, request as httpRequest } from 'node:http';

/** A response as a client got it: status, headers (lower-case names), and the body's bytes as sent (never decompressed). */
export interface Fetched {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** The body as UTF-8 text. */
  readonly text: string;
}

/** One request: a method (GET by default) and headers, nothing added but Host. */
export interface FetchInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends a request to a path of one server. */
export type Fetch = (path: string, init?: FetchInit) => Promise<Fetched>;

/**
 * A plain HTTP/1.1 client for a server on loopback: it sends exactly the
 * headers given (no Accept or Accept-Encoding of its own) and keeps the body's
 * bytes, so the Express server and nginx are asked and read the same way.
 */
export function httpClient(origin: string): Fetch {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const url = new URL(origin);
  const once = (path: string, init: FetchInit): Promise<Fetched> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: url.hostname, port: url.port, method: init.method ?? 'GET', path, headers: { ...init.headers }, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
          resolve({ status: response.statusCode ?? 0, headers, body, text: body.toString('utf8') });
        });
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  // A kept-alive connection the server closed as it was reused (Node closes idle ones after 5 s): sent again, once.
  return (path, init = {}) => once(path, init).catch((error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? once(path, init) : Promise.reject(error)));
}
