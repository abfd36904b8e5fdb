import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReleaseQueryEngines } from '../../src/history/release-engines.js';
import { ReleaseHistory, type Release } from '../../src/history/release-history.js';
import { createReleaseQueryEngine } from '../../src/store/create-query-engine.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/store/engine-setup.js';
import type { QueryEngine } from '../../src/store/query-engine.js';
import { embeddedEngine } from '../support/embedded-engine.js';
import { FIXTURE_RELEASES, makeFixtureHistory } from '../support/fixture-history.js';
import { releaseEngineInProcess } from '../support/history-server.js';

const BASE = 'http://localhost:3000/';
const TITLE = `SELECT ?title WHERE { <${BASE}id/output/test-report> <http://purl.org/dc/terms/title> ?title FILTER (lang(?title) = "en") }`;

let history: ReleaseHistory;
let first: Release;
let third: Release;
beforeAll(async () => {
  const fixture = await makeFixtureHistory();
  history = await ReleaseHistory.open({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, baseUrl: BASE, cacheDir: join(await mkdtemp(join(tmpdir(), 'oscg-engines-')), 'releases') });
  first = history.get(FIXTURE_RELEASES.base)!;
  third = history.get(FIXTURE_RELEASES.retitled)!;
});

/** The titles a query engine finds, read from its SPARQL JSON. */
async function titles(engine: QueryEngine): Promise<string[]> {
  let text = '';
  for await (const chunk of await engine.query(TITLE, { mediaType: 'application/sparql-results+json' })) text += chunk;
  return (JSON.parse(text) as { results: { bindings: { title: { value: string } }[] } }).results.bindings.map((row) => row.title.value);
}

describe('ReleaseQueryEngines', () => {
  it('makes one engine per release, reuses it, and closes the least recently used one past its capacity once its queries end', async () => {
    const made: string[] = [];
    const closed: string[] = [];
    const engines = new ReleaseQueryEngines(history, (graph) => {
      made.push(graph.release.id);
      const engine = releaseEngineInProcess(graph, BASE);
      const close = engine.close.bind(engine);
      engine.close = async () => {
        closed.push(graph.release.id);
        await close();
      };
      return engine;
    });
    const a = await engines.lease(first);
    const again = await engines.lease(first);
    expect(again.engine).toBe(a.engine);
    expect(await titles(a.engine)).toEqual(['Test Report']);
    // A second release evicts the first (capacity 1), but not while the first is lent.
    const b = await engines.lease(third);
    expect(await titles(b.engine)).toEqual(['Revised Test Report']);
    expect(closed).toEqual([]);
    a.done();
    a.done();
    expect(closed).toEqual([]);
    again.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toEqual([first.id]);
    b.done();
    await engines.close();
    expect([made, closed]).toEqual([[first.id, third.id], [first.id, third.id]]);
  });

  it('runs the server\'s engine for a release, the embedded engine in a pool of one worker, over that release\'s graph', async () => {
    const engine = createReleaseQueryEngine({ engine: embeddedEngine(), ...DEFAULT_QUERY_LIMITS }, { ...(await history.graph(first)), prefixes: first.prefixes, baseUrl: BASE });
    try {
      expect(await titles(engine)).toEqual(['Test Report']);
    } finally {
      await engine.close();
    }
    await expect(engine.query(TITLE, { mediaType: 'application/sparql-results+json' })).rejects.toThrow(/closed/);
  });
});
