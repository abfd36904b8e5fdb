import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standaloneNginxConfig } from '../../src/export/nginx-config.js';
import type { SiteTable } from '../../src/export/site-table.js';

/** Debian's nginx, started on loopback with an export's generated configuration. */
export interface NginxServer {
  /** `http://127.0.0.1:{port}`. */
  readonly origin: string;
  readonly port: number;
  /** nginx's error log, for a failing test to show. */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx unprivileged, in the foreground, on 127.0.0.1 (`port`, or a free
 * one), serving `exportDir` with the configuration `oscg export` generates; its
 * pid file, logs and temporary folders are in a folder of its own.
 */
export async function startNginx(exportDir: string, options: { port?: number; workers?: number } = {}): Promise<NginxServer> {
  const table = JSON.parse(await readFile(join(exportDir, 'nginx/site.json'), 'utf8')) as SiteTable;
  const runtime = await mkdtemp(join(tmpdir(), 'oscg-nginx-'));
  // Started as root, nginx's workers run as an unprivileged user, which writes its temporary files here.
  await chmod(runtime, 0o777);
  const port = options.port ?? (await freePort());
  const config = join(runtime, 'nginx.conf');
  await writeFile(config, standaloneNginxConfig(table, { root: exportDir, listen: `127.0.0.1:${port}`, runtime, workers: options.workers ?? 1 }));
  const child: ChildProcess = spawn('nginx', ['-p', runtime, '-c', config, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const started = Date.now();
  while (!(await accepting(port))) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}${await readFile(join(runtime, 'error.log'), 'utf8').catch(() => '')}`);
    if (Date.now() - started > 20_000) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${port} within 20 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    errorLog: () => readFile(join(runtime, 'error.log'), 'utf8').catch(() => ''),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
