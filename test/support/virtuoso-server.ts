import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A Virtuoso 7 (Debian's virtuoso-opensource) on loopback with a private database folder. */
export interface VirtuosoServer {
  /** The SPARQL query endpoint. */
  readonly sparqlUrl: string;
  /** The Graph Store Protocol endpoint that asks for Digest authentication. */
  readonly graphStoreUrl: string;
  readonly user: string;
  readonly password: string;
  /** The database folder; also the only folder the bulk loader may read. */
  readonly dir: string;
  /** The virtuoso-t process, for its memory figures. */
  readonly pid: number | undefined;
  /** Runs SQL through isql-vt as the dba (the bulk loader: ld_dir, rdf_loader_run, checkpoint). */
  isql(sql: string): Promise<string>;
  /** Stops the server and deletes its database. */
  stop(): Promise<void>;
}

/** Settings of the .ini that matter for a catalogue; see the README's external-store section for why. */
export interface VirtuosoSettings {
  /** Rows one SELECT may return ([SPARQL] ResultSetMaxRows); the endpoint cuts at its own limit anyway. */
  readonly resultSetMaxRows?: number;
  /** Seconds before Virtuoso stops a query ([SPARQL] MaxQueryExecutionTime). */
  readonly maxQueryExecutionSeconds?: number;
  /** 8 KiB pages of cache ([Parameters] NumberOfBuffers); 170 000 is about 1.3 GiB. */
  readonly buffers?: number;
}

/** Starts virtuoso-t in the foreground on two free loopback ports and waits until its SPARQL endpoint answers. */
export async function startVirtuoso(settings: VirtuosoSettings = {}): Promise<VirtuosoServer> {
  const dir = await mkdtemp(join(tmpdir(), 'oscg-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  const buffers = settings.buffers ?? 20_000;
  await writeFile(
    join(dir, 'virtuoso.ini'),
    `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx

[Parameters]
; SQL and HTTP listen on loopback only.
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
; The bulk loader reads only the database folder; no OS calls from SQL.
DirsAllowed = ${dir}
AllowOSCalls = 0
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.floor(buffers * 0.75)}
; The default (10 000) fails sorted pages over large catalogues with SR353.
MaxSortedTopRows = 1000000
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 16
MaxClientConnections = 32
; Past MaxKeepAlives Virtuoso closes kept-alive connections without saying so.
MaxKeepAlives = 32
KeepAliveTimeout = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = ${settings.resultSetMaxRows ?? 100_001}
MaxQueryExecutionTime = ${settings.maxQueryExecutionSeconds ?? 30}
MaxQueryCostEstimationTime = 400
`,
  );
  const server = spawn('virtuoso-t', ['-f', '-c', join(dir, 'virtuoso.ini')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const sparqlUrl = `http://127.0.0.1:${httpPort}/sparql`;
  try {
    await waitFor(sparqlUrl, server, () => stderr);
  } catch (error) {
    server.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const isqlAs = (password: string) => async (sql: string) => (await run('isql-vt', [`127.0.0.1:${sqlPort}`, 'dba', password, `exec=${sql}`])).stdout;
  // A fresh database's dba password is "dba": replaced at once with a random one.
  const password = randomBytes(12).toString('hex');
  await isqlAs('dba')(`USER_SET_PASSWORD('dba', '${password}');`);
  return {
    sparqlUrl,
    graphStoreUrl: `http://127.0.0.1:${httpPort}/sparql-graph-crud-auth`,
    user: 'dba',
    password,
    dir,
    pid: server.pid,
    isql: isqlAs(password),
    stop: async () => {
      await stopProcess(server);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`virtuoso-t exited with ${server.exitCode}: ${log().slice(-2000)}`);
    try {
      if ((await fetch(`${url}?query=${encodeURIComponent('ASK {}')}`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error(`Virtuoso did not answer at ${url} within 2 minutes: ${log().slice(-2000)}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}
