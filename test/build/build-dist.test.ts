import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildDist, type BuildOptions } from '../../src/build/build-dist.js';
import { BUILD_STAGES, type BuildProgressEvent } from '../../src/build/build-progress.js';
import { canonicalGraph } from '../../src/graph/canonical-graph.js';
import { SourceDataErrors } from '../../src/source/source-data-error.js';
import { parseNTriples } from '../support/compare-graphs.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { CLI } from '../support/cli.js';

const execFileAsync = promisify(execFile);
// Vite puts its own BASE_URL ("/") into the test process's environment; the CLI must not inherit it,
// nor a DCAT_AP_SHAPES of the caller's: these builds validate with the project's shapes alone.
const { BASE_URL: _viteBase, DCAT_AP_SHAPES: _dcatAp, ...cleanEnv } = process.env;
const run = (file: string, args: string[], options: { cwd: string }) => execFileAsync(file, args, { ...options, env: cleanEnv });
const FIXTURES = join(PROJECT_ROOT, 'test/fixtures');

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'oscg-build-'));
}

function options(outDir: string, overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    dataDir: join(PROJECT_ROOT, 'data'),
    vocabDir: join(PROJECT_ROOT, 'vocab'),
    outDir,
    baseUrl: 'http://localhost:3000/',
    ...overrides,
  };
}

/** Every file of a folder with its content, to compare a dist/ before and after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)));
}

describe('buildDist', () => {
  it('writes the four dumps and a manifest, validated against vocab/shapes.ttl, which it names', async () => {
    const outDir = join(await tempDir(), 'dist');
    const { manifest, validation, dcatAp } = await buildDist(options(outDir));
    expect(await readdir(outDir)).toEqual(['graph.jsonld', 'graph.nt', 'graph.rdf', 'graph.ttl', 'manifest.json']);
    expect(dcatAp).toBe(false);
    expect(validation.violations).toEqual([]);
    const shapesHash = createHash('sha256').update(await readFile(join(PROJECT_ROOT, 'vocab/shapes.ttl'))).digest('hex');
    expect(manifest.validation).toEqual({ dcatAp: false, shapes: [{ source: 'vocab/shapes.ttl', sha256: shapesHash }], violations: 0, warnings: validation.warnings.length });
    const nt = await readFile(join(outDir, 'graph.nt'), 'utf8');
    expect(manifest.tripleCount).toBe(nt.trimEnd().split('\n').length);
    // The canonical hash is the dump's graph canonicalised (RDFC-1.0), whatever the dump's blank node labels.
    expect(manifest.canonicalHash).toBe((await canonicalGraph(parseNTriples(nt))).hash);
    expect(manifest.files['graph.ttl']?.mediaType).toBe('text/turtle');
    expect(JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('is deterministic: the same data gives byte-identical dumps', async () => {
    const first = join(await tempDir(), 'dist');
    const second = join(await tempDir(), 'dist');
    const builtAt = new Date('2026-01-01T00:00:00Z');
    await buildDist(options(first, { builtAt }));
    await buildDist(options(second, { builtAt }));
    expect(await snapshot(second)).toEqual(await snapshot(first));
  });

  it('mints every IRI under BASE_URL, and nothing under another base', async () => {
    const outDir = join(await tempDir(), 'dist');
    await buildDist(options(outDir, { baseUrl: 'https://data.example.org/osc' }));
    const nt = await readFile(join(outDir, 'graph.nt'), 'utf8');
    expect(nt).not.toContain('localhost');
    expect(nt).toContain('<https://data.example.org/osc/id/person/tracey-p-lauriault>');
    expect(nt).toContain('<https://data.example.org/osc/vocab/ontology#LivingDocument>');
  });

  it('keeps existing IRIs when a person is added at the top of the list', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'data');
    await cp(join(FIXTURES, 'valid-data'), dataDir, { recursive: true });
    const before = await buildDist(options(join(root, 'before'), { dataDir }));
    const people = await readFile(join(dataDir, 'people.yaml'), 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'people.yaml'), `- name: Zoë Newcomer\n${people}`);
    const after = await buildDist(options(join(root, 'after'), { dataDir }));
    const subjects = async (dir: string) => new Set((await readFile(join(dir, 'graph.nt'), 'utf8')).split('\n').map((line) => line.split(' ')[0]));
    const old = await subjects(join(root, 'before'));
    const now = await subjects(join(root, 'after'));
    expect([...old].filter((iri) => !now.has(iri))).toEqual([]);
    expect(now.has('<http://localhost:3000/id/person/zoe-newcomer>')).toBe(true);
    expect(after.manifest.tripleCount).toBeGreaterThan(before.manifest.tripleCount);
  });

  it('writes French text when the data has it', async () => {
    const outDir = join(await tempDir(), 'dist');
    await buildDist(options(outDir, { dataDir: join(FIXTURES, 'valid-data') }));
    const nt = await readFile(join(outDir, 'graph.nt'), 'utf8');
    expect(nt).toContain('<http://localhost:3000/id/output/test-guide> <http://purl.org/dc/terms/title> "Guide de test"@fr .');
    expect(nt).toContain('<http://localhost:3000/id/output/test-guide> <http://schema.org/name> "Test Guide"@en .');
  });

  it('fails, writing nothing, when the folder of the official shapes is given but holds none', async () => {
    const root = await tempDir();
    const missing = join(root, 'no-shapes');
    await expect(buildDist(options(join(root, 'dist'), { dataDir: join(FIXTURES, 'valid-data'), dcatApDir: missing }))).rejects.toThrow(
      `Cannot read the shapes file ${join(missing, 'shapes.ttl')} (ENOENT): DCAT_AP_SHAPES must name the folder of the DCAT-AP 3.0.1 SHACL files.`,
    );
    expect(await readdir(root)).toEqual([]);
  });

  it.each(['invalid-yaml', 'missing-title', 'unknown-role', 'malformed-url', 'duplicate-slug', 'undefined-person', 'unknown-language'])(
    'fails on %s and leaves the previous dist/ untouched',
    async (kind) => {
      const root = await tempDir();
      const outDir = join(root, 'dist');
      const dataDir = join(root, 'data');
      await cp(join(FIXTURES, 'valid-data'), dataDir, { recursive: true });
      await buildDist(options(outDir, { dataDir }));
      const before = await snapshot(outDir);
      await cp(join(FIXTURES, 'broken-data', kind), dataDir, { recursive: true });
      await expect(buildDist(options(outDir, { dataDir }))).rejects.toBeInstanceOf(SourceDataErrors);
      expect(await snapshot(outDir)).toEqual(before);
      expect((await readdir(root)).sort()).toEqual(['data', 'dist']);
    },
  );
});

describe('buildDist progress events', () => {
  it('starts and ends a task per stage, per dump and for SHACL, with counts that reach their totals', async () => {
    const events: BuildProgressEvent[] = [];
    const { manifest } = await buildDist(options(join(await tempDir(), 'dist'), { onProgress: (event) => events.push(event) }));
    const firstStarts = [...new Set(events.filter((event) => event.phase === 'start').map((event) => event.stage))];
    expect(firstStarts).toEqual([...BUILD_STAGES]);
    const tasks = new Map<string, BuildProgressEvent[]>();
    for (const event of events) tasks.set(`${event.stage} ${event.task}`, [...(tasks.get(`${event.stage} ${event.task}`) ?? []), event]);
    for (const [, taskEvents] of tasks) {
      expect(taskEvents[0]!.phase).toBe('start');
      expect(taskEvents.at(-1)!.phase).toBe('end');
      const { total } = taskEvents[0]!;
      if (total !== undefined) expect(taskEvents.at(-1)!.done).toBe(total);
      const counts = taskEvents.map((event) => event.done);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
    expect([...tasks.keys()].filter((key) => key.startsWith('writing graph.')).sort()).toEqual(['writing graph.jsonld', 'writing graph.nt', 'writing graph.rdf', 'writing graph.ttl']);
    expect(tasks.get('loading data files')!.filter((event) => event.phase === 'advance')).toHaveLength(7);
    // The total counts a triple once per slice that mapped it (a graph this small is one slice, plus the vocabulary's).
    expect(tasks.get('writing graph.nt')![0]).toMatchObject({ unit: 'triples' });
    expect(tasks.get('writing graph.nt')![0]!.total).toBeGreaterThanOrEqual(manifest.tripleCount);
    // One window: the graph is far under 20 000 triples.
    expect(tasks.get('validating SHACL')!.filter((event) => event.phase === 'advance')).toHaveLength(1);
    expect(tasks.get('validating SHACL')![0]).toMatchObject({ unit: 'windows' });
  });

  it('stops at the stage that fails: bad data is loaded, its check never ends', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'data');
    await cp(join(FIXTURES, 'valid-data'), dataDir, { recursive: true });
    await cp(join(FIXTURES, 'broken-data', 'undefined-person'), dataDir, { recursive: true });
    const events: BuildProgressEvent[] = [];
    await expect(buildDist(options(join(root, 'dist'), { dataDir, onProgress: (event) => events.push(event) }))).rejects.toBeInstanceOf(SourceDataErrors);
    expect(events.map((event) => `${event.phase} ${event.stage}`).filter((line) => !line.startsWith('advance'))).toEqual(['start loading', 'end loading', 'start checking']);
  });

  it('writes the same dist/ and finds the same results with validation in worker threads as in the main thread', async () => {
    const builtAt = new Date('2026-01-01T00:00:00Z');
    const inMain = join(await tempDir(), 'dist');
    const inWorkers = join(await tempDir(), 'dist');
    const main = await buildDist(options(inMain, { builtAt, validationWorkers: 0 }));
    const workers = await buildDist(options(inWorkers, { builtAt, validationWorkers: 2 }));
    expect(workers.validation).toEqual(main.validation);
    expect(main.validation.warnings.length).toBeGreaterThan(0);
    expect(await snapshot(inWorkers)).toEqual(await snapshot(inMain));
  });
});

describe('oscg build (the command line)', () => {
  it('exits 0 and reports the triple count', async () => {
    const outDir = join(await tempDir(), 'dist');
    const { stdout } = await run('node', [...CLI, 'build', '--out', outDir, '--quiet'], { cwd: PROJECT_ROOT });
    expect(stdout).toBe('');
    const { stdout: loud, stderr } = await run('node', [...CLI, 'build', '--out', outDir], { cwd: PROJECT_ROOT });
    expect(loud).toMatch(/^Built \d+ triples under http:\/\/localhost:3000\/ into .*; 0 violations, \d+ warnings\.\n$/);
    expect(stderr.split('\n')[0]).toBe('Validated against vocab/shapes.ttl (set DCAT_AP_SHAPES to add the official DCAT-AP 3 shapes).');
  });

  it('exits 1 with the file, line and field of bad data, and leaves dist/ as it was', async () => {
    const root = await tempDir();
    const outDir = join(root, 'dist');
    const dataDir = join(root, 'data');
    await cp(join(FIXTURES, 'valid-data'), dataDir, { recursive: true });
    await run('node', [...CLI, 'build', '--data', dataDir, '--out', outDir, '--quiet'], { cwd: root });
    const before = await snapshot(outDir);
    await cp(join(FIXTURES, 'broken-data', 'undefined-person'), dataDir, { recursive: true });
    const failure = await run('node', [...CLI, 'build', '--data', dataDir, '--out', outDir], { cwd: root }).then(
      () => { throw new Error('expected the build to fail'); },
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toBe(
      `Build failed; ${outDir} is unchanged.\nThe data files have 1 problem:\n  data/outputs.yaml, line 5, outputs[0].authors[1]: refers to person or organisation "carol-nobody", which is not defined\n`,
    );
    expect(await snapshot(outDir)).toEqual(before);
  });

  it('exits 2 with a clear message on a malformed BASE_URL', async () => {
    const failure = await run('node', [...CLI, 'build', '--base-url', 'localhost:3000'], { cwd: PROJECT_ROOT }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: 'BASE_URL must be an absolute http(s) URL such as http://localhost:3000/, not "localhost:3000"\n' });
  });

  it('exits 2 on an unknown command', async () => {
    const failure = await run('node', [...CLI, 'publish'], { cwd: PROJECT_ROOT }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "publish".') });
  });
});
