// `tsx bench/same-minute.ts URL_A URL_B [URL_C…]`: compares running servers
// (say the code before and after a change) on two figures a restructuring can
// move without the full `npm run bench` noticing: a replayed resource document
// under wrk, and the p50 of one named query POSTed to /sparql. Runs alternate
// A, B, A, B, … (BENCH_ROUNDS rounds; the queries take turns one by one) so that load from other processes on a
// shared machine falls on all alike; only such same-minute runs are worth
// comparing. Besides rates and latencies it gives the CPU time the server
// process (worker threads included) spent per request, from /proc: on a busy
// machine that moves far less than wall-clock figures do.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { percentiles } from './query-mix.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const DOCUMENT = process.env.BENCH_DOCUMENT ?? 'doc/output/open-smart-cities-guide';
const QUERY = process.env.BENCH_QUERY ?? 'contributors-by-role';
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 4);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 80);
// The first runs warm up the worker threads' JIT and are not counted.
const QUERY_DISCARDED = 20;
// `document` or `query` measures that one alone (for a profile of one path).
const ONLY = process.env.BENCH_ONLY;

interface Server {
  readonly base: string;
  readonly pid: number;
}

interface Sample {
  /** Requests per second (documents) or p50 in ms (queries). */
  readonly figure: number;
  /** CPU time of the server process per request: µs (documents) or ms (queries). */
  readonly cpu: number;
}

/** The process listening on the URL's port, from `ss`. */
async function serverOf(url: string): Promise<Server> {
  const base = url.endsWith('/') ? url : `${url}/`;
  const { stdout } = await run('ss', ['-Hltnp', `sport = :${new URL(base).port}`]);
  const pid = /pid=(\d+)/.exec(stdout)?.[1];
  if (!pid) throw new Error(`nothing listens on ${base}`);
  return { base, pid: Number(pid) };
}

/** User and system CPU seconds of a process so far, every thread included. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields 14 and 15 (utime, stime), counted after the command name, which may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const CLOCK_TICKS = Number((await run('getconf', ['CLK_TCK'])).stdout.trim());

/** wrk at concurrency 16 on a document that replay answers after the first request: requests/s and CPU µs per request. */
async function measureDocument(server: Server): Promise<Sample> {
  const before = await cpuSeconds(server.pid);
  const { stdout } = await run('wrk', ['-t2', '-c16', `-d${WRK_SECONDS}s`, '-H', 'Accept: text/turtle', `${server.base}${DOCUMENT}`]);
  const cpu = (await cpuSeconds(server.pid)) - before;
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
  const requests = /(\d+) requests in/.exec(stdout)?.[1];
  if (!rate || !requests) throw new Error(`no rate in wrk's output:\n${stdout}`);
  return { figure: Number(rate), cpu: (cpu * 1e6) / Number(requests) };
}

/**
 * Sequential POSTs of the query, each text unique (a trailing comment) so no
 * result cache answers, taking turns between the servers query by query: p50
 * ms and CPU ms per query of each.
 */
async function measureQueries(servers: readonly Server[], text: string, round: number): Promise<Sample[]> {
  const times: number[][] = servers.map(() => []);
  let before: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i += 1) {
    if (i === QUERY_DISCARDED) before = await Promise.all(servers.map((server) => cpuSeconds(server.pid)));
    for (const [index, server] of servers.entries()) {
      const started = performance.now();
      const response = await fetch(`${server.base}sparql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/sparql-results+json' },
        body: new URLSearchParams({ query: `${text}\n# run ${process.pid}-${round}-${i}-${Date.now()}` }),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${server.base}sparql answered ${response.status}`);
      if (i >= QUERY_DISCARDED) times[index]!.push(performance.now() - started);
    }
  }
  return Promise.all(
    servers.map(async (server, index) => ({
      figure: percentiles(times[index]!).p50,
      cpu: (((await cpuSeconds(server.pid)) - before[index]!) * 1e3) / times[index]!.length,
    })),
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summary(samples: readonly Sample[], figureUnit: string, cpuUnit: string, digits: number): string {
  const figures = samples.map((sample) => sample.figure);
  const cpus = samples.map((sample) => sample.cpu);
  return `median ${median(figures).toFixed(digits)} ${figureUnit} (${figures.map((figure) => figure.toFixed(digits)).join(', ')}), CPU median ${median(cpus).toFixed(2)} ${cpuUnit} (${cpus.map((cpu) => cpu.toFixed(2)).join(', ')})`;
}

async function main(): Promise<void> {
  const urls = process.argv.slice(2);
  if (urls.length < 2) throw new Error('usage: tsx bench/same-minute.ts URL_A URL_B [URL_C…] (BENCH_ROUNDS, default 3)');
  const servers = await Promise.all(urls.map(serverOf));
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const text = await readFile(resolve(ROOT, 'sparql', `${QUERY}.rq`), 'utf8');
  const documents: Sample[][] = servers.map(() => []);
  const queries: Sample[][] = servers.map(() => []);
  for (let round = 1; round <= rounds; round += 1) {
    for (const [index, server] of ONLY === 'query' ? [] : servers.entries()) {
      const sample = await measureDocument(server);
      documents[index]!.push(sample);
      console.log(`round ${round} ${server.base} document ${sample.figure.toFixed(0)} req/s, ${sample.cpu.toFixed(2)} µs CPU/request`);
    }
    if (ONLY === 'document') continue;
    for (const [index, sample] of (await measureQueries(servers, text, round)).entries()) {
      queries[index]!.push(sample);
      console.log(`round ${round} ${servers[index]!.base} ${QUERY} p50 ${sample.figure.toFixed(2)} ms, ${sample.cpu.toFixed(2)} ms CPU/query`);
    }
  }
  for (const [index, server] of servers.entries()) {
    if (documents[index]!.length) console.log(`${server.base} document: ${summary(documents[index]!, 'req/s', 'µs/request', 0)}`);
    if (queries[index]!.length) console.log(`${server.base} ${QUERY}: p50 ${summary(queries[index]!, 'ms', 'ms/query', 2)}`);
  }
}

await main();
