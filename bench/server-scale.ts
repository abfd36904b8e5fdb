// `tsx bench/server-scale.ts DIST DATA [OLD_CLI]`: the server's own figures on
// one built catalogue, against its fair peer (bench/oxigraph-peer-server.ts: a
// minimal node:http server around the same Oxigraph, in one worker thread, as
// ours runs it) and, when OLD_CLI names another build of `oscg` (lib/cli/main.js
// of an older commit), against that one, in the same minutes: start-up, resident
// memory at rest and at peak, the query mix's p50 sequentially in alternating
// rounds, and one multi-chunk result repeated by GET at c=16 beside a bare
// node:http server sending the same bytes. Prints a Markdown table.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { QUERY_MIX, mixQuery, percentiles } from './query-mix.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const [distDir, dataDir, oldCli] = process.argv.slice(2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 10);
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 4);
const manifest = JSON.parse(await readFile(join(distDir!, 'manifest.json'), 'utf8'));
const base: string = manifest.baseUrl;
const datasets = Number(process.env.BENCH_DATASETS ?? 10_000);

interface Running {
  readonly name: string;
  readonly process: ChildProcess;
  readonly endpoint: string;
  readonly startSeconds: number;
  readonly readySeconds: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const load = () => loadavg().map((value) => value.toFixed(1)).join(', ');

async function memory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function ask(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: 'ASK { ?s ?p ?o }' });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts `oscg serve` from `cli` and waits until /health answers, then until every query worker is ready. */
async function startOscg(name: string, cli: string, port: number): Promise<Running> {
  const started = performance.now();
  const child = spawn('node', [cli, 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: base, DATA_DIR: dataDir!, DIST_DIR: distDir!, HISTORY: 'off', SPARQL_TIME_LIMIT_MS: '20000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const health = `http://127.0.0.1:${port}/health`;
  let startSeconds = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const answer = await fetch(health).then((response) => response.json() as Promise<{ status: string }>, () => undefined);
    if (answer && !startSeconds) startSeconds = (performance.now() - started) / 1000;
    if (answer?.status === 'ok' && (await ask(`http://127.0.0.1:${port}/sparql`))) break;
    await sleep(100);
  }
  return { name, process: child, endpoint: `http://127.0.0.1:${port}/sparql`, startSeconds, readySeconds: (performance.now() - started) / 1000 };
}

async function startPeer(port: number): Promise<Running> {
  const started = performance.now();
  const child = spawn('node', ['--import', 'tsx', join(ROOT, 'bench/oxigraph-peer-server.ts'), join(distDir!, 'graph.nt'), String(port), base], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && done());
    child.once('exit', (code) => fail(new Error(`peer exited with ${code}`)));
  });
  const seconds = (performance.now() - started) / 1000;
  return { name: 'peer: node:http + Oxigraph in a worker', process: child, endpoint: `http://127.0.0.1:${port}/`, startSeconds: seconds, readySeconds: seconds };
}

async function timeQuery(endpoint: string, text: string): Promise<number> {
  const graph = /^(?:#[^\n]*\n)?\s*(DESCRIBE|CONSTRUCT)/.test(text);
  const started = performance.now();
  const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: graph ? 'text/turtle' : 'application/sparql-results+json', 'Accept-Encoding': 'identity' }, body: text });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status}`);
  return performance.now() - started;
}

async function wrk(url: string): Promise<number> {
  const { stdout } = await run('wrk', ['-t2', '-c16', `-d${WRK_SECONDS}s`, '-H', 'Accept: application/sparql-results+json', url]);
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
}

const servers: Running[] = [];
const rows: string[] = [];
const note = (line: string) => {
  rows.push(line);
  console.error(line);
};
try {
  if (oldCli) servers.push(await startOscg('before (main)', oldCli, 3511));
  servers.push(await startOscg('after (this branch)', join(ROOT, 'lib/cli/main.js'), 3512));
  servers.push(await startPeer(3513));
  const atRest = await Promise.all(servers.map((server) => memory(server.process.pid!)));
  note(`| start-up: /health / every query worker ready | ${servers.map((server) => `${server.name}: ${server.startSeconds.toFixed(1)} s / ${server.readySeconds.toFixed(1)} s`).join('; ')} |`);
  note(`| RSS at rest (all loaded) | ${servers.map((server, index) => `${server.name}: ${atRest[index]!.rss.toFixed(0)} MiB`).join('; ')} |`);

  const times = new Map<string, number[]>();
  let counter = 0;
  note(`| load average before the mix | ${load()} |`);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of Object.keys(QUERY_MIX)) {
      for (const server of servers) {
        for (let i = 0; i < PER_ROUND; i += 1) {
          const key = `${name}\t${server.name}`;
          const text = mixQuery(name, (counter += 1), datasets, base);
          times.set(key, [...(times.get(key) ?? []), await timeQuery(server.endpoint, text)]);
        }
      }
    }
  }
  note(`| load average after the mix | ${load()} |`);
  const peer = servers.at(-1)!;
  for (const name of Object.keys(QUERY_MIX)) {
    const peerP50 = percentiles(times.get(`${name}\t${peer.name}`)!).p50;
    note(`| ${name}, p50 (${ROUNDS * PER_ROUND} runs each, alternating) | ${servers.map((server) => {
      const p50 = percentiles(times.get(`${name}\t${server.name}`)!).p50;
      return `${server.name}: ${p50.toFixed(2)} ms${server === peer ? '' : ` (${(p50 / peerP50).toFixed(2)}× peer)`}`;
    }).join('; ')} |`);
  }

  // One multi-chunk result (count per publisher: one row per publisher) repeated by GET.
  const query = QUERY_MIX['count per publisher']!(1);
  const ours = servers.filter((server) => server !== peer);
  const body = Buffer.from(await (await fetch(`${ours.at(-1)!.endpoint}?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } })).arrayBuffer());
  const bare = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/sparql-results+json', 'Content-Length': body.byteLength }).end(body)).listen(3514, '127.0.0.1');
  const rps = new Map<string, number[]>();
  for (let round = 0; round < 3; round += 1) {
    for (const server of ours) rps.set(server.name, [...(rps.get(server.name) ?? []), await wrk(`${server.endpoint}?query=${encodeURIComponent(query)}`)]);
    rps.set('bare', [...(rps.get('bare') ?? []), await wrk('http://127.0.0.1:3514/')]);
  }
  bare.close();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const bareRps = median(rps.get('bare')!);
  note(`| count per publisher repeated by GET, c=16 (${body.byteLength} bytes; median of 3 runs of ${WRK_SECONDS} s, alternating) | ${ours.map((server) => `${server.name}: ${median(rps.get(server.name)!).toFixed(0)} req/s (${((median(rps.get(server.name)!) / bareRps) * 100).toFixed(0)} % of bare)`).join('; ')}; bare node:http: ${bareRps.toFixed(0)} req/s |`);

  const after = await Promise.all(servers.map((server) => memory(server.process.pid!)));
  note(`| RSS after the mix / peak | ${servers.map((server, index) => `${server.name}: ${after[index]!.rss.toFixed(0)} / ${after[index]!.peak.toFixed(0)} MiB${server === peer ? '' : ` (peak ${(after[index]!.peak / after.at(-1)!.peak).toFixed(2)}× peer)`}`).join('; ')} |`);
} finally {
  for (const server of servers) server.process.kill();
}
console.log(`| measure | figures |\n|---|---|\n${rows.join('\n')}`);
