import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildDist } from '../../src/build/build-dist.js';
import { buildRelease } from '../../src/history/build-release.js';
import { SourceDataErrors } from '../../src/source/source-data-error.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

const BASE = 'http://localhost:3000/';
const VOCAB = join(PROJECT_ROOT, 'vocab');

/** The valid fixture data in `{root}/data`, its outputs split into data/outputs/: the first two as a list in 00-first.yaml, each other one alone in its own file. */
async function folderData(root: string): Promise<string> {
  const dataDir = join(root, 'data');
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), dataDir, { recursive: true });
  const outputs = parse(await readFile(join(dataDir, 'outputs.yaml'), 'utf8')) as { id: string }[];
  await rm(join(dataDir, 'outputs.yaml'));
  await mkdir(join(dataDir, 'outputs'));
  await writeFile(join(dataDir, 'outputs', '00-first.yaml'), stringify(outputs.slice(0, 2)));
  for (const output of outputs.slice(2)) await writeFile(join(dataDir, 'outputs', `${output.id}.yaml`), stringify(output));
  return dataDir;
}

async function failure(dataDir: string): Promise<string[]> {
  const error = await buildDist({ dataDir, vocabDir: VOCAB, outDir: join(dataDir, '..', 'dist'), baseUrl: BASE }).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SourceDataErrors);
  return (error as SourceDataErrors).errors.map((problem) => problem.message);
}

describe('a kind as a folder of YAML files', () => {
  it('builds the same graph from data/outputs/ (a list in one file, one record in each other) as from data/outputs.yaml', async () => {
    const root = await mkdtemp(join(tmpdir(), 'oscg-folders-'));
    const dataDir = await folderData(root);
    const fromFolder = await buildDist({ dataDir, vocabDir: VOCAB, outDir: join(root, 'folder'), baseUrl: BASE });
    // A copy outside git, as the folder is: neither has dates from history.
    await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), join(root, 'file-data'), { recursive: true });
    const fromFile = await buildDist({ dataDir: join(root, 'file-data'), vocabDir: VOCAB, outDir: join(root, 'file'), baseUrl: BASE });
    expect(fromFolder.manifest.tripleCount).toBeGreaterThan(100);
    expect(fromFolder.manifest.contentHash).toBe(fromFile.manifest.contentHash);
    expect(fromFolder.manifest.canonicalHash).toBe(fromFile.manifest.canonicalHash);
  });

  it('refuses a kind that is both a file and a folder, naming both', async () => {
    const root = await mkdtemp(join(tmpdir(), 'oscg-folders-'));
    const dataDir = await folderData(root);
    await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data/outputs.yaml'), join(dataDir, 'outputs.yaml'));
    const shown = (path: string) => relative(process.cwd(), join(dataDir, path));
    expect(await failure(dataDir)).toEqual([`${shown('outputs.yaml')}, line 1: the outputs are both in this file and in the folder ${shown('outputs')}/; keep one of them`]);
  });

  it('refuses the catalogue as a folder: it is one record', async () => {
    const root = await mkdtemp(join(tmpdir(), 'oscg-folders-'));
    const dataDir = await folderData(root);
    await rm(join(dataDir, 'catalog.yaml'));
    await mkdir(join(dataDir, 'catalog'));
    expect((await failure(dataDir))[0]).toMatch(/catalog\/, line 1: the catalog is one record: write it as .*data\/catalog\.yaml, not as a folder$/);
  });

  it('names the file, line and field of a problem in a one-record file and in a list file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'oscg-folders-'));
    const dataDir = await folderData(root);
    const single = join(dataDir, 'outputs', 'test-report.yaml');
    await writeFile(single, (await readFile(single, 'utf8')).replace('publisher: test-org', 'publisher: nobody-known'));
    const messages = await failure(dataDir);
    const line = (await readFile(single, 'utf8')).split('\n').findIndex((text) => text.includes('nobody-known')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(messages).toEqual([expect.stringMatching(new RegExp(`outputs/test-report\\.yaml, line ${line}, outputs\\.publisher: refers to person or organisation "nobody-known", which is not defined$`))]);

    const list = join(dataDir, 'outputs', '00-first.yaml');
    const text = await readFile(list, 'utf8');
    const secondKind = text.lastIndexOf('kind: guide');
    await writeFile(list, `${text.slice(0, secondKind)}kinds: guide${text.slice(secondKind + 'kind: guide'.length)}`);
    const shapeLine = (await readFile(list, 'utf8')).split('\n').findIndex((row) => row.includes('kinds: guide')) + 1;
    expect(await failure(dataDir)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`outputs/00-first\\.yaml, line ${shapeLine}, outputs\\[1\\]\\.kinds: unknown field "kinds"$`))]));
  });
});

describe('the history of a folder of data files', () => {
  const git = (root: string) => (args: string[], date = '2020-01-02T03:04:05Z') =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: 'pipe' }).toString('utf8');

  it('dates each record by the commits to its own file, and a past commit builds from git as its checkout does', async () => {
    const root = await mkdtemp(join(tmpdir(), 'oscg-folders-git-'));
    const run = git(root);
    run(['init', '-q']);
    const dataDir = await folderData(root);
    run(['add', 'data']);
    run(['commit', '-q', '-m', 'data in folders']);
    const report = join(dataDir, 'outputs', 'test-report.yaml');
    await writeFile(report, (await readFile(report, 'utf8')).replace('A report for tests.', 'A report for tests, revised.'));
    run(['commit', '-q', '-am', 'revise the report'], '2021-06-07T08:09:10Z');

    const outDir = join(root, 'dist');
    const { manifest } = await buildDist({ dataDir, vocabDir: VOCAB, outDir, baseUrl: BASE });
    const quads = new Parser().parse(await readFile(join(outDir, 'graph.nt'), 'utf8'));
    const modified = Object.fromEntries(quads.filter((quad) => quad.predicate.value === 'http://purl.org/dc/terms/modified').map((quad) => [quad.subject.value.replace(`${BASE}id/`, ''), quad.object.value]));
    expect(modified).toMatchObject({
      catalog: '2021-06-07T08:09:10Z',
      'catalog#record-test-report': '2021-06-07T08:09:10Z',
      'catalog#record-test-guide': '2020-01-02T03:04:05Z',
      'catalog#record-test-faq': '2020-01-02T03:04:05Z',
    });

    const head = run(['rev-parse', 'HEAD']).trim();
    const release = await buildRelease(head, { root, dataPath: 'data', vocabDir: VOCAB, baseUrl: BASE });
    expect(release.canonicalHash).toBe(manifest.canonicalHash);
    expect(release.tripleCount).toBe(manifest.tripleCount);
  });
});
