// The endpoint's fair peer in the benchmark: a minimal node:http server around
// the same Oxigraph (the npm package) holding dist/graph.nt, answering POSTed
// queries (`application/sparql-query` or a form) with Oxigraph's own serialisers (SPARQL JSON for
// SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE). It has the same thread
// arrangement as `oscg serve`: HTTP on the main thread, the store in one worker
// thread, one message each way per query. It has no negotiation, no limits, no
// row cap, no parsing or checking of the query, no caches and no access log:
// what an endpoint costs beyond its engine is measured against it.
//
//   node --import tsx bench/oxigraph-peer-server.ts dist/graph.nt PORT BASE_IRI
//
// Prints "ready" on stdout once the store is loaded and the port listens.
import { createServer } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as oxigraph from 'oxigraph';
import { workerModule } from '../src/store/worker-module.js';
import { fileSlices } from './file-slices.js';

interface Job {
  readonly id: number;
  readonly text: string;
}
type Answer = { readonly id: number; readonly body: string; readonly contentType: string } | { readonly id: number; readonly error: string };

if (isMainThread) {
  const [ntriplesFile, port, base] = process.argv.slice(2);
  const worker = new Worker(workerModule(import.meta.url, 'oxigraph-peer-server'), { workerData: { ntriplesFile, base } });
  const pending = new Map<number, (answer: Answer) => void>();
  let nextId = 1;
  worker.on('message', (answer: Answer | 'ready') => {
    if (answer === 'ready') {
      server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
      return;
    }
    pending.get(answer.id)?.(answer);
    pending.delete(answer.id);
  });
  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const id = nextId++;
      pending.set(id, (answer) => {
        if ('error' in answer) {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end(answer.error);
          return;
        }
        res.writeHead(200, { 'Content-Type': answer.contentType, 'Content-Length': Buffer.byteLength(answer.body) }).end(answer.body);
      });
      // A form POST (as SPARQLWrapper and run-bench.ts send) carries the query in `query`; the others are the query itself.
      const sent = Buffer.concat(body).toString('utf8');
      const text = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? (new URLSearchParams(sent).get('query') ?? '') : sent;
      worker.postMessage({ id, text } satisfies Job);
    });
  });
} else {
  const { ntriplesFile, base } = workerData as { ntriplesFile: string; base: string };
  const store = new oxigraph.Store();
  store.load(fileSlices(ntriplesFile), { format: 'application/n-triples', no_transaction: true });
  parentPort!.on('message', (job: Job) => {
    try {
      const graph = /^\s*(?:#[^\n]*\n\s*)*(?:PREFIX[^>]*>\s*)*(DESCRIBE|CONSTRUCT)/i.test(job.text);
      const contentType = graph ? 'text/turtle' : 'application/sparql-results+json';
      const body = store.query(job.text, { base_iri: `${base}sparql`, results_format: contentType }) as string;
      parentPort!.postMessage({ id: job.id, body, contentType } satisfies Answer);
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: String(error) } satisfies Answer);
    }
  });
  parentPort!.postMessage('ready');
}
