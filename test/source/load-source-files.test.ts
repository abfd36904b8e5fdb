import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS } from '../../src/kinds/all-kinds.js';
import { loadSourceFiles } from '../../src/source/load-source-files.js';
import { SourceDataErrors } from '../../src/source/source-data-error.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { CLI } from '../support/cli.js';

const run = promisify(execFile);

/** A copy of the valid fixture data in `{tmp}/data` whose people.yaml `replace` has swapped for something else. */
async function dataWithPeople(replace: (path: string) => Promise<void>): Promise<{ root: string; dataDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'oscg-source-'));
  const dataDir = join(root, 'data');
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), dataDir, { recursive: true });
  await rm(join(dataDir, 'people.yaml'));
  await replace(join(dataDir, 'people.yaml'));
  return { root, dataDir };
}

async function problems(replace: (path: string) => Promise<void>): Promise<string[]> {
  const { root, dataDir } = await dataWithPeople(replace);
  const failure = await loadSourceFiles(dataDir, ALL_KINDS.map((kind) => kind.name), root).then(() => undefined, (error: unknown) => error);
  expect(failure).toBeInstanceOf(SourceDataErrors);
  return (failure as SourceDataErrors).errors.map((problem) => problem.message);
}

describe('loadSourceFiles on a data path that is no readable file', () => {
  it.each([
    ['missing', async () => {}, 'data/people.yaml, line 1: file is missing'],
    ['a directory', (path: string) => mkdir(path), 'data/people.yaml, line 1: file is a directory, not a YAML file'],
    ['a broken symbolic link', (path: string) => symlink('gone.yaml', path), 'data/people.yaml, line 1: file is a symbolic link to "gone.yaml", which does not exist'],
    ['a symbolic link to itself', (path: string) => symlink('people.yaml', path), 'data/people.yaml, line 1: file cannot be read: ELOOP: too many symbolic links encountered'],
  ])('reports a people.yaml that is %s with its file and line', async (_kind, replace, message) => {
    expect(await problems(replace)).toEqual([message]);
  });

  // chmod 000 does not stop root from reading, so as root the build runs as "nobody" (uid 65534).
  it('reports a file it has no permission to read', async () => {
    const { root, dataDir } = await dataWithPeople(async (path) => {
      await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data/people.yaml'), path);
      await chmod(path, 0o000);
    });
    await chmod(root, 0o755);
    const outDir = join(root, 'dist');
    const asSomeoneElse = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const { BASE_URL: _viteBase, ...env } = process.env;
    const failure = await run('node', [...CLI, 'build', '--data', dataDir, '--out', outDir], { cwd: root, env, ...asSomeoneElse }).then(
      () => { throw new Error('expected the build to fail'); },
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({
      code: 1,
      stderr: `Build failed; ${outDir} is unchanged.\nThe data files have 1 problem:\n  data/people.yaml, line 1: file cannot be read: permission denied\n`,
    });
  });
});
