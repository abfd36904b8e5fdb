import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildDist } from '../../src/build/build-dist.js';
import { removeLeftovers } from '../../src/build/write-dist.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { CLI } from '../support/cli.js';

// Vite puts its own BASE_URL ("/") into the test process's environment; the CLI must not inherit it.
const { BASE_URL: _viteBase, ...cleanEnv } = process.env;

/** The files in the staging folder of the build `pid` beside `parent`'s dist/ (none while there is no such folder). */
async function staged(parent: string, pid: number | undefined): Promise<string[]> {
  const folder = (await readdir(parent)).find((name) => new RegExp(`^dist\\.tmp-${pid}-\\d+$`).test(name));
  return folder ? readdir(join(parent, folder)) : [];
}

/** Starts `oscg build` into `outDir` and SIGKILLs it once it has begun writing its staging folder; returns the killed build's pid. */
async function killBuildWhileWriting(outDir: string, parent: string): Promise<number> {
  const child = spawn('node', [...CLI, 'build', '--out', outDir, '--quiet'], { cwd: PROJECT_ROOT, env: cleanEnv, stdio: 'ignore' });
  const exited = once(child, 'exit');
  for (let waited = 0; (await staged(parent, child.pid)).length === 0; waited += 10) {
    if (waited > 60_000) throw new Error('the build never wrote into a staging folder');
    await sleep(10);
  }
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
  return child.pid!;
}

describe('leftovers of killed builds', () => {
  it('the next build removes the staging folder a killed build left, and nothing else', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'oscg-leftovers-'));
    const outDir = join(parent, 'dist');
    await mkdir(outDir);
    const dead = await killBuildWhileWriting(outDir, parent);
    expect((await staged(parent, dead)).length).toBeGreaterThan(0);
    const survivors = ['dist.tmp-notes', 'dist-old', `other.tmp-${dead}-1`, `dist.tmp-${process.pid}-1`, `dist.tmp-${dead}-x`, `dist.tmp-${dead}-1.bak`];
    for (const name of survivors) await mkdir(join(parent, name));
    await writeFile(join(parent, `dist.tmp-${dead}-2`), 'a file, not a build folder');
    await mkdir(join(parent, `dist.old-${dead}-1`));

    await buildDist({ dataDir: join(PROJECT_ROOT, 'data'), vocabDir: join(PROJECT_ROOT, 'vocab'), outDir, baseUrl: 'http://localhost:3000/' });
    expect((await readdir(parent)).sort()).toEqual(['dist', ...survivors, `dist.tmp-${dead}-2`].sort());
  });

  it('keeps a dead build\'s retired dist/ while no dist/ is back in place, since it is the last good build', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'oscg-leftovers-'));
    const outDir = join(parent, 'dist');
    const child = spawn('node', ['-e', '']);
    await once(child, 'exit');
    const dead = child.pid!;
    await mkdir(join(parent, `dist.old-${dead}-1`));
    await mkdir(join(parent, `dist.tmp-${dead}-1`));
    expect(await removeLeftovers(outDir)).toEqual([join(parent, `dist.tmp-${dead}-1`)]);
    await mkdir(outDir);
    expect(await removeLeftovers(outDir)).toEqual([join(parent, `dist.old-${dead}-1`)]);
    expect(await readdir(parent)).toEqual(['dist']);
  });

  it('finds nothing to do when the folder of dist/ does not exist yet', async () => {
    expect(await removeLeftovers(join(tmpdir(), 'oscg-no-such-folder', 'dist'))).toEqual([]);
  });
});
