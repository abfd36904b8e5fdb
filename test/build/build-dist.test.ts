import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildDist, type BuildOptions } from '../../src/build/build-dist.js';
import { SourceDataErrors } from '../../src/source/source-data-error.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

const execFileAsync = promisify(execFile);
// Vite puts its own BASE_URL ("/") into the test process's environment; the CLI must not inherit it.
const { BASE_URL: _viteBase, ...cleanEnv } = process.env;
const run = (file: string, args: string[], options: { cwd: string }) => execFileAsync(file, args, { ...options, env: cleanEnv });
const FIXTURES = join(PROJECT_ROOT, 'test/fixtures');
const DCAT_AP = join(PROJECT_ROOT, '../shared/conformance/dcat-ap/releases/3.0.1/html/shacl');

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'oscg-build-'));
}

function options(outDir: string, overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    dataDir: join(PROJECT_ROOT, 'data'),
    vocabDir: join(PROJECT_ROOT, 'vocab'),
    outDir,
    baseUrl: 'http://localhost:3000/',
    dcatApDir: DCAT_AP,
    ...overrides,
  };
}

/** Every file of a folder with its content, to compare a dist/ before and after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)));
}

describe('buildDist', () => {
  it('writes the four dumps and a manifest, validated against the project and DCAT-AP 3 shapes', async () => {
    const outDir = join(await tempDir(), 'dist');
    const { manifest, validation, dcatAp } = await buildDist(options(outDir));
    expect(await readdir(outDir)).toEqual(['graph.jsonld', 'graph.nt', 'graph.rdf', 'graph.ttl', 'manifest.json']);
    expect(dcatAp).toBe(true);
    expect(validation.violations).toEqual([]);
    const nt = await readFile(join(outDir, 'graph.nt'), 'utf8');
    expect(manifest.tripleCount).toBe(nt.trimEnd().split('\n').length);
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

describe('oscg build (the command line)', () => {
  const cli = join(PROJECT_ROOT, 'lib/cli/main.js');

  it('exits 0 and reports the triple count', async () => {
    const outDir = join(await tempDir(), 'dist');
    const { stdout } = await run('node', [cli, 'build', '--out', outDir, '--quiet'], { cwd: PROJECT_ROOT });
    expect(stdout).toBe('');
    const { stdout: loud } = await run('node', [cli, 'build', '--out', outDir], { cwd: PROJECT_ROOT });
    expect(loud).toMatch(/^Built \d+ triples under http:\/\/localhost:3000\/ into .*; 0 violations, \d+ warnings\.\n$/);
  });

  it('exits 1 with the file, line and field of bad data, and leaves dist/ as it was', async () => {
    const root = await tempDir();
    const outDir = join(root, 'dist');
    const dataDir = join(root, 'data');
    await cp(join(FIXTURES, 'valid-data'), dataDir, { recursive: true });
    await run('node', [cli, 'build', '--data', dataDir, '--out', outDir, '--quiet'], { cwd: root });
    const before = await snapshot(outDir);
    await cp(join(FIXTURES, 'broken-data', 'undefined-person'), dataDir, { recursive: true });
    const failure = await run('node', [cli, 'build', '--data', dataDir, '--out', outDir], { cwd: root }).then(
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
    const failure = await run('node', [cli, 'build', '--base-url', 'localhost:3000'], { cwd: PROJECT_ROOT }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: 'BASE_URL must be an absolute http(s) URL such as http://localhost:3000/, not "localhost:3000"\n' });
  });

  it('exits 2 on an unknown command', async () => {
    const failure = await run('node', [cli, 'publish'], { cwd: PROJECT_ROOT }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "publish".') });
  });
});
