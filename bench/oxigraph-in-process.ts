// The in-process peer of the benchmark: Oxigraph (the npm package) loading
// dist/graph.nt in this process and answering the query mix by direct calls,
// serialising each result as the endpoint would (SPARQL JSON or Turtle). Run as
// a child process so its peak memory is its own. Prints one JSON line.
import { readFile } from 'node:fs/promises';
import * as oxigraph from 'oxigraph';
import { fileSlices } from './file-slices.js';
import { QUERY_MIX, mixQuery, percentiles } from './query-mix.js';

const [ntriplesFile, base, datasets, runs] = process.argv.slice(2);
const store = new oxigraph.Store();
const loadStarted = performance.now();
store.load(fileSlices(ntriplesFile!), { format: 'application/n-triples', no_transaction: true });
const loadSeconds = (performance.now() - loadStarted) / 1000;
const timings: Record<string, { p50: number; p99: number }> = {};
for (const name of Object.keys(QUERY_MIX)) {
  const times: number[] = [];
  const graphQuery = /^(DESCRIBE|CONSTRUCT)/.test(QUERY_MIX[name]!(1));
  store.query(mixQuery(name, 0, Number(datasets), base!), { results_format: graphQuery ? 'text/turtle' : 'application/sparql-results+json' });
  for (let run = 0; run < Number(runs); run++) {
    const started = performance.now();
    store.query(mixQuery(name, run, Number(datasets), base!), { results_format: graphQuery ? 'text/turtle' : 'application/sparql-results+json' });
    times.push(performance.now() - started);
  }
  timings[name] = percentiles(times);
}
const status = await readFile('/proc/self/status', 'utf8');
const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
console.log(JSON.stringify({ loadSeconds, timings, peakMiB: peakKiB / 1024 }));
