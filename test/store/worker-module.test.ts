import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateInWorkers } from '../../src/build/validate-in-workers.js';
import { QueryParser } from '../../src/store/query-parser.js';
import { WorkerPoolEngine } from '../../src/store/worker-pool-engine.js';
import { workerModule } from '../../src/store/worker-module.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { embeddedEngine } from '../support/embedded-engine.js';

/** The module URL each worker thread started meanwhile reports in its 'ready' message. */
let readyModules: string[];
const hear = (worker: Worker) => worker.on('message', (message: { kind: string; module?: string }) => {
  if (message.kind === 'ready') readyModules.push(String(message.module));
});
beforeEach(() => {
  readyModules = [];
  process.on('worker', hear);
});
afterEach(() => {
  process.off('worker', hear);
});

const source = (path: string) => pathToFileURL(join(PROJECT_ROOT, path)).href;

describe('workerModule', () => {
  it('is the compiled sibling when its caller runs from lib/, with no tsx involved', () => {
    expect(workerModule('file:///srv/app/lib/store/worker-pool-engine.js', 'query-worker').href).toBe('file:///srv/app/lib/store/query-worker.js');
  });

  it('loads the TypeScript sibling through tsx when its caller runs from src/', () => {
    const url = workerModule('file:///srv/app/src/store/worker-pool-engine.ts', 'query-worker');
    expect(url.protocol).toBe('data:');
    expect(decodeURIComponent(url.pathname)).toContain('await import("file:///srv/app/src/store/query-worker.ts");');
  });
});

// Under vitest the code is src/; a worker that ran a compiled lib/ instead ran code that may be stale.
describe('worker threads run the TypeScript of src/, never a compiled lib/', () => {
  it('the query workers', async () => {
    const pool = new WorkerPoolEngine(
      { store: new Store(), endpointIri: 'http://localhost:3000/sparql', prefixes: {}, limits: { timeLimitMs: 5000, maxRows: 10, maxQueryLength: 1000 }, engine: embeddedEngine() },
      { workers: 1 },
    );
    try {
      const stream = await pool.query('ASK {}', { mediaType: 'application/sparql-results+json' });
      let text = '';
      for await (const chunk of stream) text += chunk;
      expect(JSON.parse(text)).toMatchObject({ boolean: true });
    } finally {
      await pool.close();
    }
    // The pool starts more than one worker (one kept for short queries, one spare): every one runs src/.
    expect(readyModules.length).toBeGreaterThan(0);
    expect(new Set(readyModules)).toEqual(new Set([source('src/store/query-worker.ts')]));
  });

  it('the SHACL validation workers', async () => {
    const graphFile = join(await mkdtemp(join(tmpdir(), 'oscg-workers-')), 'graph.nt');
    await writeFile(graphFile, '<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/C> .\n');
    const shapes = new Parser().parse(`
      @prefix sh: <http://www.w3.org/ns/shacl#> .
      <http://example.org/S> a sh:NodeShape ; sh:targetClass <http://example.org/C> ;
        sh:property [ sh:path <http://example.org/p> ; sh:minCount 1 ] .`);
    const validation = await validateInWorkers(graphFile, [{ source: 'test shapes', quads: shapes }], { workers: 1, batches: 1 });
    expect(validation.violations.map((result) => result.focusNode)).toEqual(['<http://example.org/a>']);
    expect(readyModules).toEqual([source('src/build/shacl-worker.ts')]);
  });

  it('the query parse thread', async () => {
    const parser = new QueryParser({ maxQueryLength: 1000, graphs: new Set(), baseIri: 'http://localhost:3000/sparql' }, { threadFrom: 1 });
    try {
      expect(await parser.prepare('ASK {}')).toMatchObject({ form: 'ask' });
      expect(parser.parsedInThread).toBe(1);
    } finally {
      await parser.close();
    }
    expect(readyModules).toEqual([source('src/store/parse-worker.ts')]);
  });
});
