// `npm run bench`: build time and memory, server start-up, resource-document
// throughput against a bare node:http server, and SPARQL latency and throughput
// through the endpoint against its peers (Oxigraph in-process, Virtuoso 7
// queried directly), per catalogue size. Every load runs on loopback and is
// bounded in time; results go to bench/results/ as a Markdown table. Then the
// soak: the server's memory over five minutes of mixed load, in its own file;
// `BENCH_ONLY=soak npm run bench` runs the soak alone (about six minutes).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { heapMiBFor } from '../src/store/published-graph.js';
import { startVirtuoso } from '../test/support/virtuoso-server.js';
import { startNginx } from '../test/support/nginx-server.js';
import { generateCatalogue } from './generate-catalogue.js';
import { QUERY_MIX, mixQuery, percentiles } from './query-mix.js';
import { soak, type SoakResult } from './soak.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench/.work');
const CLI = join(ROOT, 'lib/cli/main.js');
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 5);
const SPARQL_RUNS = Number(process.env.BENCH_SPARQL_RUNS ?? 20);
const SPARQL_LOAD_SECONDS = Number(process.env.BENCH_SPARQL_LOAD_SECONDS ?? 5);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
/** The largest catalogue exported for the nginx rows: an export records every variant of every document (minutes and gigabytes at 10 000 datasets). */
const EXPORT_MAX_DATASETS = Number(process.env.BENCH_EXPORT_MAX_DATASETS ?? 1000);

interface Row {
  readonly size: string;
  readonly measure: string;
  readonly value: string;
  readonly peer?: string;
  readonly ratio?: string;
}

/** Builds a data folder with the CLI in a child process; returns seconds, CPU seconds (user and system: what a machine shared with other work still tells) and peak RSS (GNU time). */
async function measureBuild(dataDir: string, outDir: string, baseUrl: string): Promise<{ seconds: number; cpuSeconds: number; peakMiB: number; triples: number }> {
  const { stderr } = await run('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', 'node', CLI, 'build', '--data', dataDir, '--out', outDir, '--base-url', baseUrl, '--quiet'], { maxBuffer: 1 << 26 });
  const [, seconds, kib, user, system] = /BENCH ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
  return { seconds: Number(seconds), cpuSeconds: Number(user) + Number(system), peakMiB: Number(kib) / 1024, triples: manifest.tripleCount };
}

/** Starts `oscg serve` on a built folder and waits until /health answers; returns the process and the seconds it took. */
async function startServer(dataDir: string, distDir: string, port: number, env: Record<string, string> = {}): Promise<{ server: ChildProcess; seconds: number }> {
  // A server left over on the port would be measured instead of this one.
  if (await fetch(`http://127.0.0.1:${port}/health`).then(() => true, () => false)) throw new Error(`port ${port} is already in use`);
  const started = performance.now();
  const server = spawn('node', [CLI, 'serve'], {
    env: { ...process.env, PORT: String(port), BASE_URL: `http://127.0.0.1:${port}/`, DATA_DIR: dataDir, DIST_DIR: distDir, SPARQL_TIME_LIMIT_MS: '20000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    // A server that ran out of memory aborts: its exit code stays null and the signal says so.
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`server exited with ${server.exitCode ?? server.signalCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 900_000) throw new Error('server did not start within 15 minutes');
    await new Promise((done) => setTimeout(done, 50));
  }
  return { server, seconds: (performance.now() - started) / 1000 };
}

/** Seconds until the endpoint answers a first query: the worker threads load the graph after /health is up. */
async function warmUp(endpoint: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: 'ASK { ?s ?p ?o }' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`warm-up query failed with ${response.status}`);
  return (performance.now() - started) / 1000;
}

/** The physical limit of a Node server here: fixed bytes, no routing, no negotiation. */
function startBareServer(body: Buffer, contentType: string, port: number): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
    res.end(body);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

/** `oscg export` of a built folder in a child process, as a publisher runs it: seconds, peak RSS, and the files it wrote. */
async function measureExport(dataDir: string, distDir: string, outDir: string, baseUrl: string): Promise<{ seconds: number; peakMiB: number; files: number; mib: number }> {
  await rm(outDir, { recursive: true, force: true });
  // Pointed at the server's own endpoint, the pages are the server's, byte for byte.
  // Output pages in their default citation style only (EXPORT_PAGE_CITATIONS=off): in all 20, the export of 1 000 outputs is 100 000 pages more.
  const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'BENCH %e %M', 'node', CLI, 'export', '--data', dataDir, '--dist', distDir, '--out', outDir, '--base-url', baseUrl, '--sparql-endpoint', `${baseUrl}sparql`], { maxBuffer: 1 << 26, env: { ...process.env, EXPORT_PAGE_CITATIONS: 'off' } });
  const [, seconds, kib] = /BENCH ([\d.]+) (\d+)/.exec(stderr) ?? [];
  const files = Number(/(\d+) files written/.exec(stdout)?.[1]);
  const { stdout: du } = await run('du', ['-sk', outDir]);
  return { seconds: Number(seconds), peakMiB: Number(kib) / 1024, files, mib: Number(du.split('\t')[0]) / 1024 };
}

/**
 * Resource documents (Turtle, JSON-LD, HTML) by wrk against our server, a bare
 * node:http server sending the same bytes, and nginx serving `oscg export` of
 * the same build (checked to send the same bytes), one after the other in the same run.
 */
async function documentRows(size: string, base: string, port: number, dataDir: string, dist: string, dir: string, datasets: number): Promise<Row[]> {
  const rows: Row[] = [];
  if (datasets > EXPORT_MAX_DATASETS) {
    rows.push({ size, measure: 'static export and documents from nginx', value: `not run above ${EXPORT_MAX_DATASETS.toLocaleString('en')} datasets (BENCH_EXPORT_MAX_DATASETS)` });
    return [...rows, ...(await serverDocumentRows(size, base, port))];
  }
  const exported = await measureExport(dataDir, dist, join(dir, 'export'), base);
  rows.push({ size, measure: 'static export (oscg export): time, peak memory, files', value: `${fixed(exported.seconds)} s, ${fixed(exported.peakMiB, 0)} MiB, ${exported.files.toLocaleString('en')} files (${fixed(exported.mib, 0)} MiB with compressed copies)` });
  const nginx = await startNginx(join(dir, 'export'), { port: port + 4, workers: cpus().length });
  try {
    for (const [label, accept, extension] of [['Turtle', 'text/turtle', 'ttl'], ['JSON-LD', 'application/ld+json', 'jsonld'], ['HTML', 'text/html', 'html']] as const) {
      const docUrl = `${base}doc/output/dataset-1`;
      const body = Buffer.from(await (await fetch(`${docUrl}.${extension}`)).arrayBuffer());
      const nginxUrl = `${nginx.origin}/doc/output/dataset-1`;
      const fromNginx = Buffer.from(await (await fetch(nginxUrl, { headers: { Accept: accept, 'Accept-Encoding': 'identity' } })).arrayBuffer());
      if (!fromNginx.equals(body)) throw new Error(`nginx does not send the server's bytes for ${nginxUrl} (${accept})`);
      const ours = await loadTest(docUrl, accept);
      const bare = await startBareServer(body, accept, port + 1);
      const peer = await loadTest(`http://127.0.0.1:${port + 1}/`, accept);
      bare.close();
      const served = await loadTest(nginxUrl, accept);
      rows.push({
        size,
        measure: `document (${label}), c=16: req/s, p50, p99`,
        value: `${fixed(ours.rps, 0)} req/s, ${fixed(ours.p50, 2)} ms, ${fixed(ours.p99, 2)} ms`,
        peer: `bare node:http ${fixed(peer.rps, 0)} req/s, ${fixed(peer.p50, 2)} ms, ${fixed(peer.p99, 2)} ms`,
        ratio: `${fixed((ours.rps / peer.rps) * 100, 0)} % of bare`,
      });
      rows.push({
        size,
        measure: `document (${label}) from nginx serving the export (same bytes), c=16: req/s, p50, p99`,
        value: `${fixed(served.rps, 0)} req/s, ${fixed(served.p50, 2)} ms, ${fixed(served.p99, 2)} ms`,
        peer: `our server ${fixed(ours.rps, 0)} req/s; bare node:http ${fixed(peer.rps, 0)} req/s`,
        ratio: `${fixed(served.rps / ours.rps, 2)}× our server, ${fixed((served.rps / peer.rps) * 100, 0)} % of bare`,
      });
    }
  } finally {
    await nginx.stop();
  }
  return rows;
}

/** The document rows without nginx: our server against bare node:http. */
async function serverDocumentRows(size: string, base: string, port: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, accept, extension] of [['Turtle', 'text/turtle', 'ttl'], ['JSON-LD', 'application/ld+json', 'jsonld'], ['HTML', 'text/html', 'html']] as const) {
    const docUrl = `${base}doc/output/dataset-1`;
    const body = Buffer.from(await (await fetch(`${docUrl}.${extension}`)).arrayBuffer());
    const ours = await loadTest(docUrl, accept);
    const bare = await startBareServer(body, accept, port + 1);
    const peer = await loadTest(`http://127.0.0.1:${port + 1}/`, accept);
    bare.close();
    rows.push({
      size,
      measure: `document (${label}), c=16: req/s, p50, p99`,
      value: `${fixed(ours.rps, 0)} req/s, ${fixed(ours.p50, 2)} ms, ${fixed(ours.p99, 2)} ms`,
      peer: `bare node:http ${fixed(peer.rps, 0)} req/s, ${fixed(peer.p50, 2)} ms, ${fixed(peer.p99, 2)} ms`,
      ratio: `${fixed((ours.rps / peer.rps) * 100, 0)} % of bare`,
    });
  }
  return rows;
}

/** wrk at concurrency 16 for a few seconds: requests/s and p50/p99 latency in ms. */
async function loadTest(url: string, accept: string): Promise<{ rps: number; p50: number; p99: number }> {
  const { stdout } = await run('wrk', ['-t2', '-c16', `-d${WRK_SECONDS}s`, '--latency', '-H', `Accept: ${accept}`, url]);
  const ms = (label: string) => {
    const match = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
    if (!match) return NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]), p50: ms('50'), p99: ms('99') };
}

/** Peak resident memory of a running process, from /proc (VmHWM), in MiB. */
async function peakRssMiB(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

type Timing = { p50: number; p99: number; status: number };

/** One SPARQL request as a form POST, as SPARQLWrapper sends it; `extra` adds protocol parameters (a default graph). */
function postQuery(endpoint: string, text: string, extra: Record<string, string>): Promise<Response> {
  const send = () =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/sparql-results+json, text/turtle;q=0.9' },
      body: new URLSearchParams({ query: text, ...extra }),
    });
  // A kept-alive connection the server closed as it was reused: sent once more, as a client library would.
  return send().catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return send();
  });
}

/** Sequential latency of each query of the mix through an HTTP endpoint, after one warm-up request each: p50 and p99 in ms. */
async function sparqlLatency(endpoint: string, base: string, datasets: number, runs: number, extra: Record<string, string> = {}): Promise<Record<string, Timing>> {
  const results: Record<string, Timing> = {};
  for (const name of Object.keys(QUERY_MIX)) {
    await (await postQuery(endpoint, mixQuery(name, runs, datasets, base), extra)).arrayBuffer();
    const times: number[] = [];
    let status = 200;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const response = await postQuery(endpoint, mixQuery(name, run, datasets, base), extra);
      await response.arrayBuffer();
      times.push(performance.now() - started);
      if (!response.ok) {
        status = response.status;
        break;
      }
    }
    results[name] = { ...percentiles(times), status };
  }
  return results;
}

/** Requests per second for the whole mix, round robin, from 16 concurrent clients for a few seconds. */
async function sparqlThroughput(endpoint: string, base: string, datasets: number, extra: Record<string, string> = {}): Promise<{ rps: number; failed: number }> {
  const names = Object.keys(QUERY_MIX);
  const until = performance.now() + SPARQL_LOAD_SECONDS * 1000;
  let done = 0;
  let failed = 0;
  let next = 0;
  const client = async () => {
    while (performance.now() < until) {
      const run = next++;
      const response = await postQuery(endpoint, mixQuery(names[run % names.length]!, run, datasets, base), extra);
      await response.arrayBuffer();
      if (response.ok) done++;
      else failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 16 }, client));
  return { rps: done / ((performance.now() - started) / 1000), failed };
}

/** Oxigraph in a child process, by direct calls: the in-process peer of the endpoint. */
async function oxigraphInProcess(ntriples: string, base: string, datasets: number): Promise<{ loadSeconds: number; timings: Record<string, { p50: number; p99: number }>; peakMiB: number }> {
  const { stdout } = await run('node', ['--import', 'tsx', join(ROOT, 'bench/oxigraph-in-process.ts'), ntriples, base, String(datasets), String(SPARQL_RUNS)], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const show = (timing: Timing) => (timing.status === 200 ? `${fixed(timing.p50, 1)} ms / ${fixed(timing.p99, 1)} ms` : `HTTP ${timing.status}`);
const ratio = (ours: Timing, peer: { p50: number }) => (ours.status === 200 ? `${fixed(ours.p50 / peer.p50, 2)}×` : '');

async function benchSize(datasets: number, port: number): Promise<Row[]> {
  const size = `${datasets.toLocaleString('en')} datasets`;
  const dir = join(WORK, String(datasets));
  const base = `http://127.0.0.1:${port}/`;
  const dist = join(dir, 'dist');
  const rows: Row[] = [];
  let build: { triples: number };
  // BENCH_REUSE_BUILD serves the catalogue and build a previous run left in bench/.work (the build is timed apart, bench/results/build-*.md).
  const reused = process.env.BENCH_REUSE_BUILD ? await readFile(join(dist, 'manifest.json'), 'utf8').then((text) => JSON.parse(text) as { tripleCount: number; baseUrl: string }, () => undefined) : undefined;
  if (reused && reused.baseUrl === base) {
    build = { triples: reused.tripleCount };
    rows.push({ size, measure: 'triples', value: build.triples.toLocaleString('en') }, { size, measure: 'build', value: 'not run: the build of a previous run served (BENCH_REUSE_BUILD)' });
  } else {
    await rm(dir, { recursive: true, force: true });
    await generateCatalogue(join(dir, 'data'), datasets);
    const measured = await measureBuild(join(dir, 'data'), dist, base);
    build = measured;
    rows.push(
      { size, measure: 'triples', value: measured.triples.toLocaleString('en') },
      { size, measure: 'build time (CPU time, user + system)', value: `${fixed(measured.seconds)} s (${fixed(measured.cpuSeconds)} s)` },
      { size, measure: 'build peak memory (RSS)', value: `${fixed(measured.peakMiB, 0)} MiB` },
    );
  }
  if (process.env.SPARQL_WORKERS) rows.push({ size, measure: 'servers started with', value: `SPARQL_WORKERS=${process.env.SPARQL_WORKERS} (${Number(process.env.SPARQL_WORKERS) + 2} query workers)` });
  const direct = await oxigraphInProcess(join(dist, 'graph.nt'), base, datasets);

  // The default server: Oxigraph embedded, in worker threads.
  // Above some 60 000 datasets the server needs more than node's default heap (it says so and stops).
  const heapMiB = heapMiBFor(build.triples);
  const heap: Record<string, string> = heapMiB * 2 ** 20 > getHeapStatistics().heap_size_limit ? { NODE_OPTIONS: `--max-old-space-size=${heapMiB}` } : {};
  if (heap.NODE_OPTIONS) rows.push({ size, measure: 'server started with', value: heap.NODE_OPTIONS });
  const { server, seconds } = await startServer(join(dir, 'data'), dist, port, { SPARQL_ENGINE: 'oxigraph', ...heap });
  rows.push({ size, measure: 'server start-up from dist/ (until /health answers)', value: `${fixed(seconds, 2)} s` });
  const ready = await warmUp(`${base}sparql`).catch(() => Number.NaN);
  rows.push({ size, measure: 'SPARQL engine ready (first query after /health)', value: `${fixed(ready, 2)} s`, peer: `Oxigraph in-process load ${fixed(direct.loadSeconds, 2)} s` });
  let embedded: Record<string, Timing>;
  try {
    rows.push(...(await documentRows(size, base, port, join(dir, 'data'), dist, dir, datasets)));
    // A query harvesters and pages repeat, by GET: answered from the result cache after the first time.
    const repeatedUrl = `${base}sparql?query=${encodeURIComponent(QUERY_MIX['count per publisher']!(1))}`;
    const repeatedBody = Buffer.from(await (await fetch(repeatedUrl, { headers: { Accept: 'application/sparql-results+json' } })).arrayBuffer());
    const repeated = await loadTest(repeatedUrl, 'application/sparql-results+json');
    const repeatedBare = await startBareServer(repeatedBody, 'application/sparql-results+json', port + 1);
    const repeatedPeer = await loadTest(`http://127.0.0.1:${port + 1}/`, 'application/sparql-results+json');
    repeatedBare.close();
    rows.push({
      size,
      measure: 'SPARQL, one query repeated by GET (count per publisher), c=16',
      value: `${fixed(repeated.rps, 0)} req/s, ${fixed(repeated.p50, 2)} ms, ${fixed(repeated.p99, 2)} ms`,
      peer: `bare node:http ${fixed(repeatedPeer.rps, 0)} req/s, ${fixed(repeatedPeer.p50, 2)} ms, ${fixed(repeatedPeer.p99, 2)} ms`,
      ratio: `${fixed((repeated.rps / repeatedPeer.rps) * 100, 0)} % of bare`,
    });
    embedded = await sparqlLatency(`${base}sparql`, base, datasets, SPARQL_RUNS);
    for (const name of Object.keys(QUERY_MIX)) {
      rows.push({ size, measure: `SPARQL: ${name}, sequential p50 / p99`, value: `endpoint, Oxigraph embedded: ${show(embedded[name]!)}`, peer: `Oxigraph in-process: ${fixed(direct.timings[name]!.p50, 1)} ms / ${fixed(direct.timings[name]!.p99, 1)} ms`, ratio: ratio(embedded[name]!, direct.timings[name]!) });
    }
    // The fair peer: node:http around the same Oxigraph in one worker thread, as ours runs it (bench/oxigraph-peer-server.ts).
    const peerServer = spawn('node', ['--import', 'tsx', join(ROOT, 'bench/oxigraph-peer-server.ts'), join(dist, 'graph.nt'), String(port + 4), base], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((done, fail) => {
        peerServer.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && done());
        peerServer.once('exit', (code) => fail(new Error(`the peer server exited with ${code}`)));
      });
      const peerTimings = await sparqlLatency(`http://127.0.0.1:${port + 4}/`, base, datasets, SPARQL_RUNS);
      for (const name of Object.keys(QUERY_MIX)) {
        rows.push({ size, measure: `SPARQL: ${name}, sequential p50 / p99`, value: `endpoint, Oxigraph embedded: ${show(embedded[name]!)}`, peer: `node:http + Oxigraph in a worker: ${show(peerTimings[name]!)}`, ratio: ratio(embedded[name]!, peerTimings[name]!) });
      }
      rows.push({ size, measure: 'SPARQL peer peak memory (RSS)', value: `node:http + Oxigraph in a worker: ${fixed(await peakRssMiB(peerServer.pid), 0)} MiB` });
    } finally {
      peerServer.kill();
    }
    const load = await sparqlThroughput(`${base}sparql`, base, datasets);
    rows.push({ size, measure: 'SPARQL mix, c=16', value: `endpoint, Oxigraph embedded: ${fixed(load.rps, 0)} req/s${load.failed ? ` (${load.failed} failed)` : ''}` });
    rows.push({ size, measure: 'SPARQL peak memory (RSS)', value: `server with Oxigraph embedded: ${fixed(await peakRssMiB(server.pid), 0)} MiB`, peer: `Oxigraph in-process: ${fixed(direct.peakMiB, 0)} MiB`, ratio: `${fixed((await peakRssMiB(server.pid)) / direct.peakMiB, 2)}×` });
  } finally {
    server.kill();
  }

  // Comunica, the other embedded engine: minutes per query above 10 000 datasets, so not run there.
  if (datasets <= 10_000) {
    const { server: comunicaServer } = await startServer(join(dir, 'data'), dist, port + 2, { SPARQL_ENGINE: 'comunica', BASE_URL: base });
    try {
      await warmUp(`http://127.0.0.1:${port + 2}/sparql`);
      const comunica = await sparqlLatency(`http://127.0.0.1:${port + 2}/sparql`, base, datasets, datasets > 1000 ? 3 : SPARQL_RUNS);
      for (const name of Object.keys(QUERY_MIX)) {
        rows.push({ size, measure: `SPARQL: ${name}, sequential p50 / p99`, value: `endpoint, Comunica embedded: ${show(comunica[name]!)}`, peer: `Oxigraph in-process: ${fixed(direct.timings[name]!.p50, 1)} ms`, ratio: ratio(comunica[name]!, direct.timings[name]!) });
      }
    } finally {
      comunicaServer.kill();
    }
  }

  // Virtuoso 7 as an external store: bulk-loaded, then queried directly and through the endpoint.
  if (!existsSync('/usr/bin/virtuoso-t') || process.env.BENCH_VIRTUOSO === 'off') {
    rows.push({ size, measure: 'Virtuoso', value: process.env.BENCH_VIRTUOSO === 'off' ? 'not run (BENCH_VIRTUOSO=off)' : 'not installed (apt-get install virtuoso-opensource)' });
    return rows;
  }
  const virtuoso = await startVirtuoso({ buffers: 170_000 });
  const graph = `${base}graph/bench`;
  try {
    await copyFile(join(dist, 'graph.nt'), join(virtuoso.dir, 'graph.nt'));
    const loadStarted = performance.now();
    await virtuoso.isql(`ld_dir('${virtuoso.dir}', 'graph.nt', '${graph}'); rdf_loader_run(); checkpoint;`);
    rows.push({ size, measure: 'Virtuoso bulk load (ld_dir, rdf_loader_run, checkpoint)', value: `${fixed((performance.now() - loadStarted) / 1000, 1)} s` });
    const directArgs = { 'default-graph-uri': graph };
    const virtuosoDirect = await sparqlLatency(virtuoso.sparqlUrl, base, datasets, SPARQL_RUNS, directArgs);
    const { server: externalServer } = await startServer(join(dir, 'data'), dist, port + 3, { SPARQL_ENDPOINT: virtuoso.sparqlUrl, SPARQL_GRAPH: graph, BASE_URL: base, ...heap });
    try {
      await warmUp(`http://127.0.0.1:${port + 3}/sparql`);
      const through = await sparqlLatency(`http://127.0.0.1:${port + 3}/sparql`, base, datasets, SPARQL_RUNS);
      for (const name of Object.keys(QUERY_MIX)) {
        rows.push({ size, measure: `SPARQL: ${name}, sequential p50 / p99`, value: `endpoint → Virtuoso: ${show(through[name]!)}`, peer: `Virtuoso direct: ${show(virtuosoDirect[name]!)}`, ratio: ratio(through[name]!, virtuosoDirect[name]!) });
      }
      const throughLoad = await sparqlThroughput(`http://127.0.0.1:${port + 3}/sparql`, base, datasets);
      const directLoad = await sparqlThroughput(virtuoso.sparqlUrl, base, datasets, directArgs);
      rows.push({
        size,
        measure: 'SPARQL mix, c=16',
        value: `endpoint → Virtuoso: ${fixed(throughLoad.rps, 0)} req/s${throughLoad.failed ? ` (${throughLoad.failed} failed)` : ''}`,
        peer: `Virtuoso direct: ${fixed(directLoad.rps, 0)} req/s${directLoad.failed ? ` (${directLoad.failed} failed)` : ''}`,
        ratio: `${fixed((throughLoad.rps / directLoad.rps) * 100, 0)} % of direct`,
      });
      rows.push({ size, measure: 'Virtuoso peak memory (RSS)', value: `${fixed(await peakRssMiB(virtuoso.pid), 0)} MiB` });
    } finally {
      externalServer.kill();
    }
  } finally {
    await virtuoso.stop();
  }
  return rows;
}

/** The soak: the project's own graph (data/), served with the default settings, under documents and SPARQL at c=8 (4 + 4). */
async function benchSoak(port: number): Promise<{ result: SoakResult; triples: number; workers: string; ntriplesMiB: number }> {
  const dir = join(WORK, 'soak');
  await rm(dir, { recursive: true, force: true });
  const base = `http://127.0.0.1:${port}/`;
  const dist = join(dir, 'dist');
  const { triples } = await measureBuild(join(ROOT, 'data'), dist, base);
  const { server } = await startServer(join(ROOT, 'data'), dist, port, { SPARQL_TIME_LIMIT_MS: '10000' });
  try {
    console.error('bench: soak server started');
    await warmUp(`${base}sparql`);
    // Every query worker loaded, so the first sample is the server at rest.
    const until = performance.now() + 60_000;
    while ((await (await fetch(`${base}health`)).json()).status !== 'ok' && performance.now() < until) await new Promise((done) => setTimeout(done, 100));
    console.error('bench: soak load starts');
    const result = await soak(base, server.pid!, { seconds: SOAK_SECONDS, documentConnections: 4, sparqlClients: 4, sampleSeconds: 10 });
    return { result, triples, workers: `${cpus().length + 2}`, ntriplesMiB: (await stat(join(dist, 'graph.nt'))).size / 2 ** 20 };
  } finally {
    server.kill();
  }
}

/** `BENCH_ONLY=documents`: the document rows alone (our server, bare node:http and nginx serving the export), per size. */
async function benchDocuments(datasets: number, port: number): Promise<Row[]> {
  const size = `${datasets.toLocaleString('en')} datasets`;
  const dir = join(WORK, `documents-${datasets}`);
  await rm(dir, { recursive: true, force: true });
  await generateCatalogue(join(dir, 'data'), datasets);
  const base = `http://127.0.0.1:${port}/`;
  const dist = join(dir, 'dist');
  const build = await measureBuild(join(dir, 'data'), dist, base);
  const { server } = await startServer(join(dir, 'data'), dist, port);
  try {
    return [{ size, measure: 'triples', value: build.triples.toLocaleString('en') }, ...(await documentRows(size, base, port, join(dir, 'data'), dist, dir, datasets))];
  } finally {
    server.kill();
  }
}

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const soakOnly = process.env.BENCH_ONLY === 'soak';
const documentsOnly = process.env.BENCH_ONLY === 'documents';
await run('npm', ['run', 'compile'], { cwd: ROOT });
await mkdir(join(ROOT, 'bench/results'), { recursive: true });
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fixed(totalmem() / 2 ** 30, 0)} GiB, Node.js ${process.version}`;
const day = new Date().toISOString().slice(0, 10);
if (documentsOnly) {
  const rows: Row[] = [];
  for (const [index, size] of sizes.entries()) {
    console.error(`bench: documents, ${size} datasets…`);
    rows.push(...(await benchDocuments(size, 4100 + index * 10)));
  }
  const table = [
    `# Benchmark of documents, ${day}`,
    '',
    `Machine: ${machine}. wrk: 2 threads, 16 connections, ${WRK_SECONDS} s per run, one after the other: \`oscg serve\` (its replayed responses), a bare node:http server sending the same body bytes, and Debian's nginx (1.22, njs 0.7) with ${cpus().length} workers serving \`oscg export\` of the same build with its generated configuration (checked to send the same bytes first). \`BENCH_ONLY=documents npm run bench\`.`,
    '',
    '| size | measure | this publisher | peer | ratio |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.size} | ${row.measure} | ${row.value} | ${row.peer ?? ''} | ${row.ratio ?? ''} |`),
    '',
  ].join('\n');
  const file = join(ROOT, 'bench/results', `bench-documents-${day}.md`);
  await writeFile(file, table);
  console.log(table);
  console.error(`bench: written to ${file}`);
  process.exit(0);
}
if (!soakOnly) {
  const rows: Row[] = [];
  for (const [index, size] of sizes.entries()) {
    console.error(`bench: ${size} datasets…`);
    rows.push(...(await benchSize(size, 4100 + index * 10)));
  }
  const table = [
    `# Benchmark, ${day}`,
    '',
    `Machine: ${machine}. wrk: 2 threads, 16 connections, ${WRK_SECONDS} s per run. SPARQL: form POSTs; after one warm-up query, ${SPARQL_RUNS} sequential runs per query with varying parameters (3 for Comunica above 1 000 datasets; Comunica not run above 10 000), each with a 20 s time limit; the mix at c=16 is ${SPARQL_LOAD_SECONDS} s of 16 clients cycling through it. Peers: Oxigraph (npm) loading dist/graph.nt in its own process and called directly; Virtuoso 7.2 (Debian) bulk-loaded and queried directly with the same default graph.`,
    '',
    '| size | measure | this publisher | peer | ratio |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.size} | ${row.measure} | ${row.value} | ${row.peer ?? ''} | ${row.ratio ?? ''} |`),
    '',
  ].join('\n');
  const file = join(ROOT, 'bench/results', `bench-${day}.md`);
  await writeFile(file, table);
  console.log(table);
  console.error(`bench: written to ${file}`);
}

console.error(`bench: soak, ${SOAK_SECONDS} s…`);
const { result, triples, workers, ntriplesMiB } = await benchSoak(4170);
const at = (seconds: number) => result.samples.reduce((best, sample) => (Math.abs(sample.seconds - seconds) < Math.abs(best.seconds - seconds) ? sample : best));
const figure = (seconds: number) => (seconds <= SOAK_SECONDS ? `${fixed(at(seconds).rssMiB, 0)} MiB` : 'not run');
const peak = Math.max(...result.samples.map((sample) => sample.rssMiB));
// The README's bound in numbers: RSS at rest, plus for each query that may run at once (the long ones
// and the one kept for short queries) a heap at its cap, plus for each worker the growth it may keep
// between queries, plus the two caches of the main thread.
const running = cpus().length + 1;
const bound = at(0).rssMiB + running * (256 + 8 * ntriplesMiB) + Number(workers) * 128 + 32 + 64;
// Flat: the last minute's samples average at most 10 % above the first minute's (samples swing by
// a hundred MiB or more as runaway joins start and their workers are replaced).
const average = (from: number, to: number) => {
  const window = result.samples.filter((sample) => sample.seconds > from && sample.seconds <= to).map((sample) => sample.rssMiB);
  return window.reduce((sum, value) => sum + value, 0) / Math.max(1, window.length);
};
const flat = average(SOAK_SECONDS - 60, SOAK_SECONDS) <= 1.1 * average(0, 60);
const soakTable = [
  `# Soak, ${day}`,
  '',
  `Machine: ${machine}. The project's own graph (${triples.toLocaleString('en')} triples), \`oscg serve\` with the default settings (Oxigraph, ${workers} query workers, 10 s time limit). For ${SOAK_SECONDS} s: wrk with 4 connections cycling through the resource documents, and 4 clients cycling through the SPARQL mix of bench/soak.ts (sorted pages, GROUP BY, text filters, the whole graph as CONSTRUCT, and big cross joins, counted and materialised). RSS of the server process (worker threads included), from /proc.`,
  '',
  '| measure | value |',
  '|---|---|',
  `| RSS at start (workers loaded, before load) | ${figure(0)} |`,
  `| RSS after 1 minute | ${figure(60)} |`,
  `| RSS after 5 minutes | ${figure(300)} |`,
  `| highest RSS sampled (every 10 s) | ${fixed(peak, 0)} MiB |`,
  `| the bound below, for this graph and ${cpus().length} cores | ${fixed(bound, 0)} MiB: ${peak <= bound ? 'met' : 'NOT met'} |`,
  `| last minute's average RSS against the first minute's (flat: at most 10 % above) | ${fixed(average(SOAK_SECONDS - 60, SOAK_SECONDS), 0)} against ${fixed(average(0, 60), 0)} MiB: ${flat ? 'flat' : 'GROWING'} |`,
  `| document requests | ${result.documents.toLocaleString('en')} |`,
  `| SPARQL responses by status | ${Object.entries(result.sparql).map(([status, count]) => `${status}: ${count}`).join(', ')} |`,
  '',
  'The bound (README, "Memory"): the main thread (graph, 32 MiB result cache, 64 MiB replay cache) plus, per query worker, its memory at start, at most 128 MiB of growth kept between queries (a worker past that is replaced after its query) and, during a query, a JavaScript heap of at most 256 MiB plus 8 times the graph\'s N-Triples bytes (a query needing more stops its worker, not the server); WebAssembly memory grown during a query is bounded by the 10 s time limit and given back when the worker is replaced.',
  '',
  `RSS every 10 s (MiB): ${result.samples.map((sample) => fixed(sample.rssMiB, 0)).join(', ')}`,
  '',
].join('\n');
const soakFile = join(ROOT, 'bench/results', `soak-${day}.md`);
await writeFile(soakFile, soakTable);
console.log(soakTable);
console.error(`bench: written to ${soakFile}`);
