// The soak figure of the benchmark: a running server's resident memory under
// minutes of mixed load (documents with wrk, SPARQL from Node clients, c=8 in
// all), sampled from /proc. The SPARQL mix includes the hostile queries an
// outside test used: big cross joins, counted or materialised.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The SPARQL queries of the soak, for run n; most are unique (a comment), so the result cache cannot answer them all. */
export const SOAK_QUERIES: readonly ((n: number) => string)[] = [
  (n) => `SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?o LIMIT ${10 + (n % 100)} OFFSET ${n % 500}`,
  (n) => `SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p # ${n}`,
  (n) => `SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(LCASE(STR(?o)), "${['city', 'data', 'open', 'smart', 'guide'][n % 5]}")) } # ${n}`,
  (n) => `CONSTRUCT WHERE { ?s ?p ?o } # ${n}`,
  // Big cross joins: one counted (CPU), one materialised (memory); both meet the time limit or the long-query rule.
  (n) => `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } # ${n}`,
  (n) => `SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } # ${n}`,
  (n) => `SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c LIMIT 100 # ${n}`,
];

/** One memory sample: seconds since the load started and the server's RSS. */
export interface RssSample {
  readonly seconds: number;
  readonly rssMiB: number;
}

/** What a soak measured. */
export interface SoakResult {
  readonly samples: readonly RssSample[];
  readonly documents: number;
  /** SPARQL responses by HTTP status. */
  readonly sparql: Readonly<Record<string, number>>;
}

/** The resident memory of a process now, from /proc (VmRSS), in MiB. */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

/**
 * Loads the server at `base` (process `pid`) for `seconds`: wrk on document
 * URLs with `documentConnections`, and `sparqlClients` clients cycling through
 * SOAK_QUERIES by form POST; RSS is sampled every `sampleSeconds`.
 */
export async function soak(base: string, pid: number, options: { seconds: number; documentConnections: number; sparqlClients: number; sampleSeconds: number }): Promise<SoakResult> {
  const paths = await documentPaths(base);
  const script = join(tmpdir(), `soak-${process.pid}.lua`);
  await writeFile(script, `paths = {${paths.map((path) => JSON.stringify(path)).join(',')}}\ni = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n`);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const samples: RssSample[] = [{ seconds: 0, rssMiB: await rssMiB(pid) }];
  const sampler = setInterval(() => void rssMiB(pid).then((rss) => samples.push({ seconds: Math.round(elapsed()), rssMiB: rss })), options.sampleSeconds * 1000);
  const wrk = new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${options.documentConnections}`, `-d${options.seconds}s`, '-s', script, '-H', 'Accept: text/turtle, text/html;q=0.9', base], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
  const sparql: Record<string, number> = {};
  let next = 0;
  const client = async () => {
    while (elapsed() < options.seconds) {
      const n = next++;
      const status = await postQuery(`${base}sparql`, SOAK_QUERIES[n % SOAK_QUERIES.length]!(n));
      sparql[status] = (sparql[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.sparqlClients }, client));
  const documents = Number(/(\d+) requests in/.exec(await wrk)?.[1]);
  clearInterval(sampler);
  samples.push({ seconds: Math.round(elapsed()), rssMiB: await rssMiB(pid) });
  return { samples, documents, sparql };
}

/** Document paths of the graph's resources (`/doc/…` for each `/id/…`), for wrk to cycle through. */
async function documentPaths(base: string): Promise<string[]> {
  const response = await fetch(`${base}sparql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
    body: `SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "${base}id/")) } LIMIT 200`,
  });
  const json = (await response.json()) as { results: { bindings: { s: { value: string } }[] } };
  return json.results.bindings.map((row) => `/doc/${row.s.value.slice(`${base}id/`.length)}`);
}

/** One form POST; the status, or 0 when the connection failed. */
async function postQuery(endpoint: string, query: string): Promise<number> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/sparql-results+json, text/turtle;q=0.9' },
      body: new URLSearchParams({ query }),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
