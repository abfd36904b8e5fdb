import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** One commit of a checkout's history. */
export interface Commit {
  /** The full object name (40 hex digits). */
  readonly hash: string;
  /** The committer date: when the commit was made where it is (for a merge, when it was merged). */
  readonly committedAt: Date;
}

/** The root of the git checkout holding `dir`, or undefined when there is none (a tarball) or git is not installed. */
export async function checkoutRoot(dir: string): Promise<string | undefined> {
  const output = await git(['rev-parse', '--show-toplevel'], dir).catch(() => undefined);
  const root = output?.toString('utf8').trim();
  return root ? root : undefined;
}

/** `path` relative to the checkout's root in git's spelling (`data`, `vocab`), or undefined when it lies outside the checkout. */
export function pathInCheckout(root: string, path: string): string | undefined {
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) return undefined;
  return inside.split(sep).join('/');
}

/**
 * The commits that changed any of `paths` (relative to `root`), oldest first.
 * Only the first-parent line of HEAD counts: the states the branch itself went
 * through, a merge being one step, never the commits of a side branch as they
 * were before it was merged.
 */
export async function commitsTouching(root: string, paths: readonly string[]): Promise<Commit[]> {
  const output = await git(['log', '--first-parent', '--reverse', '--format=%H %ct', 'HEAD', '--', ...paths], root);
  return output
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [hash, seconds] = line.split(' ');
      return { hash: hash!, committedAt: new Date(Number(seconds) * 1000) };
    });
}

/**
 * Writes the regular files under `path` (relative to `root`) as of `commit`
 * into `destination`, keeping their paths below `path`; returns how many. Symbolic
 * links and submodules are left out: a build reads plain files only.
 */
export async function extractTree(root: string, commit: string, path: string, destination: string): Promise<number> {
  const listing = (await git(['ls-tree', '-r', '-z', commit, '--', path], root)).toString('utf8');
  let written = 0;
  for (const entry of listing.split('\0')) {
    // "<mode> <type> <object>\t<path>"
    const match = /^(\d+) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (!match || (match[1] !== '100644' && match[1] !== '100755')) continue;
    const target = join(destination, relative(path, match[3]!));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await git(['cat-file', 'blob', match[2]!], root));
    written += 1;
  }
  return written;
}

/** Runs git with `args` in `cwd` (no shell), resolving to its standard output; rejects with git's own message when it fails. */
function git(args: readonly string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`git ${args[0]} failed in ${cwd}: ${Buffer.concat(err).toString('utf8').trim() || `exit code ${code}`}`));
    });
  });
}
