import { createServer, type Server } from 'node:net';

/** A TCP listener on 127.0.0.1 that counts the connections it receives, to prove nothing calls out. */
export interface LoopbackListener {
  readonly url: string;
  connections(): number;
  close(): Promise<void>;
}

/** Starts a listener on a free loopback port. */
export async function startLoopbackListener(): Promise<LoopbackListener> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    connections: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
