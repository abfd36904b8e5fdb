// `npm run bench`: build time and memory, server start-up, resource-document
// throughput against a bare node:http server, and SPARQL latency, per catalogue
// size. Every load runs on loopback and is bounded in time; results go to
// bench/results/ as a Markdown table.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { generateCatalogue } from './generate-catalogue.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench/.work');
const CLI = join(ROOT, 'lib/cli/main.js');
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 5);
const SPARQL_RUNS = Number(process.env.BENCH_SPARQL_RUNS ?? 20);

interface Row {
  readonly size: string;
  readonly measure: string;
  readonly value: string;
  readonly peer?: string;
  readonly ratio?: string;
}

/** Builds a data folder with the CLI in a child process; returns seconds and peak RSS (GNU time). */
async function measureBuild(dataDir: string, outDir: string, baseUrl: string): Promise<{ seconds: number; peakMiB: number; triples: number }> {
  const { stderr } = await run('/usr/bin/time', ['-f', 'BENCH %e %M', 'node', CLI, 'build', '--data', dataDir, '--out', outDir, '--base-url', baseUrl, '--quiet'], { maxBuffer: 1 << 26 });
  const [, seconds, kib] = /BENCH ([\d.]+) (\d+)/.exec(stderr) ?? [];
  const manifest = JSON.parse(await (await import('node:fs/promises')).readFile(join(outDir, 'manifest.json'), 'utf8'));
  return { seconds: Number(seconds), peakMiB: Number(kib) / 1024, triples: manifest.tripleCount };
}

/** Starts `oscg serve` on a built folder and waits until /health answers; returns the process and the seconds it took. */
async function startServer(dataDir: string, distDir: string, port: number, env: Record<string, string> = {}): Promise<{ server: ChildProcess; seconds: number }> {
  const started = performance.now();
  const server = spawn('node', [CLI, 'serve'], {
    env: { ...process.env, PORT: String(port), BASE_URL: `http://127.0.0.1:${port}/`, DATA_DIR: dataDir, DIST_DIR: distDir, SPARQL_TIME_LIMIT_MS: '20000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 300_000) throw new Error('server did not start within 5 minutes');
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

const QUERY_MIX: Readonly<Record<string, (n: number) => string>> = {
  'describe one dataset': (n) => `DESCRIBE <{base}id/output/dataset-${n}>`,
  'sorted page of titles + publisher': () => `PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
    SELECT ?d ?title ?name WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; dct:title ?title ; dct:publisher/foaf:name ?name FILTER(LANG(?title) = "en") } ORDER BY ?title LIMIT 100`,
  'count per publisher': () => `PREFIX dct: <http://purl.org/dc/terms/> SELECT ?p (COUNT(?d) AS ?n) WHERE { ?d dct:publisher ?p } GROUP BY ?p`,
  'text filter on titles': (n) => `PREFIX dct: <http://purl.org/dc/terms/> SELECT ?d WHERE { ?d dct:title ?t FILTER(CONTAINS(LCASE(?t), "${['water', 'road', 'budget', 'parks'][n % 4]}")) } LIMIT 100`,
  'join over CSV distributions': () => `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/>
    SELECT ?d ?url WHERE { ?d dcat:distribution ?x . ?x dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ; dcat:accessURL ?url } LIMIT 100`,
  'CONSTRUCT one dataset': (n) => `CONSTRUCT { <{base}id/output/dataset-${n}> ?p ?o } WHERE { <{base}id/output/dataset-${n}> ?p ?o }`,
};

/** Sequential latency of each query of the mix through an HTTP endpoint, IRIs under `base`: p50 and p99 in ms. */
async function sparqlLatency(endpoint: string, base: string, datasets: number, runs: number): Promise<Record<string, { p50: number; p99: number; status: number }>> {
  const results: Record<string, { p50: number; p99: number; status: number }> = {};
  for (const [name, query] of Object.entries(QUERY_MIX)) {
    const times: number[] = [];
    let status = 200;
    for (let i = 0; i < runs; i++) {
      const text = query(1 + ((i * 7919) % datasets)).replaceAll('{base}', base);
      const started = performance.now();
      const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json, text/turtle' }, body: text });
      await response.arrayBuffer();
      times.push(performance.now() - started);
      if (!response.ok) {
        status = response.status;
        break;
      }
    }
    times.sort((a, b) => a - b);
    results[name] = { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!, status };
  }
  return results;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

async function benchSize(datasets: number, port: number): Promise<Row[]> {
  const size = `${datasets.toLocaleString('en')} datasets`;
  const dir = join(WORK, String(datasets));
  await rm(dir, { recursive: true, force: true });
  await generateCatalogue(join(dir, 'data'), datasets);
  const base = `http://127.0.0.1:${port}/`;
  const build = await measureBuild(join(dir, 'data'), join(dir, 'dist'), base);
  const rows: Row[] = [
    { size, measure: 'triples', value: build.triples.toLocaleString('en') },
    { size, measure: 'build time', value: `${fixed(build.seconds)} s` },
    { size, measure: 'build peak memory (RSS)', value: `${fixed(build.peakMiB, 0)} MiB` },
  ];
  const { server, seconds } = await startServer(join(dir, 'data'), join(dir, 'dist'), port, { SPARQL_ENGINE: 'comunica' });
  rows.push({ size, measure: 'server start-up from dist/', value: `${fixed(seconds, 2)} s` });
  // Measured first, while the worker threads are still loading the graph.
  const comunicaReady = await warmUp(`${base}sparql`).catch(() => Number.NaN);
  try {
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
    // Comunica needs seconds to minutes per query on large catalogues: fewer runs there, each bounded by the time limit.
    const comunicaRuns = datasets > 1000 ? 3 : SPARQL_RUNS;
    const comunica = await sparqlLatency(`${base}sparql`, base, datasets, comunicaRuns);
    const { server: oxigraphServer } = await startServer(join(dir, 'data'), join(dir, 'dist'), port + 2, { SPARQL_ENGINE: 'oxigraph', BASE_URL: base });
    let oxigraph: Awaited<ReturnType<typeof sparqlLatency>>;
    let oxigraphReady: number;
    try {
      oxigraphReady = await warmUp(`http://127.0.0.1:${port + 2}/sparql`);
      oxigraph = await sparqlLatency(`http://127.0.0.1:${port + 2}/sparql`, base, datasets, SPARQL_RUNS);
    } finally {
      oxigraphServer.kill();
    }
    rows.push({ size, measure: 'SPARQL engine ready (first query after /health is up)', value: `Comunica ${fixed(comunicaReady, 2)} s`, peer: `Oxigraph engine ${fixed(oxigraphReady, 2)} s` });
    const show = (timing: { p50: number; p99: number; status: number }) => (timing.status === 200 ? `${fixed(timing.p50, 1)} ms / ${fixed(timing.p99, 1)} ms` : `HTTP ${timing.status} (20 s time limit)`);
    for (const name of Object.keys(QUERY_MIX)) {
      const ours = comunica[name]!;
      const peer = oxigraph[name]!;
      rows.push({
        size,
        measure: `SPARQL: ${name}, sequential p50 / p99`,
        value: `Comunica ${show(ours)}`,
        peer: `Oxigraph engine ${show(peer)}`,
        ratio: ours.status === 200 && peer.status === 200 ? `Comunica ${fixed(ours.p50 / peer.p50, 1)}× Oxigraph` : '',
      });
    }
  } finally {
    server.kill();
  }
  return rows;
}

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
await run('npm', ['run', 'compile'], { cwd: ROOT });
await mkdir(join(ROOT, 'bench/results'), { recursive: true });
const rows: Row[] = [];
for (const [index, size] of sizes.entries()) {
  console.error(`bench: ${size} datasets…`);
  rows.push(...(await benchSize(size, 4100 + index * 10)));
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fixed(totalmem() / 2 ** 30, 0)} GiB, Node.js ${process.version}`;
const table = [
  `# Benchmark, ${new Date().toISOString().slice(0, 10)}`,
  '',
  `Machine: ${machine}. wrk: 2 threads, 16 connections, ${WRK_SECONDS} s per run. SPARQL: after one warm-up query, ${SPARQL_RUNS} sequential runs per query (3 for Comunica above 1 000 datasets), each with a 20 s time limit.`,
  '',
  '| size | measure | this publisher | peer | ratio |',
  '|---|---|---|---|---|',
  ...rows.map((row) => `| ${row.size} | ${row.measure} | ${row.value} | ${row.peer ?? ''} | ${row.ratio ?? ''} |`),
  '',
].join('\n');
const file = join(ROOT, 'bench/results', `bench-${new Date().toISOString().slice(0, 10)}.md`);
await writeFile(file, table);
console.log(table);
console.error(`bench: written to ${file}`);
