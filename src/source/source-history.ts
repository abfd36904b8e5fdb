import { spawn } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';

const UNCOMMITTED = /^0{40}$/;

/**
 * When each line of a file was last committed (ISO 8601, UTC), from `git blame`.
 * Lines not yet committed, and files outside a git checkout, have no date: a
 * modification date is taken from history or not given at all.
 */
export async function readLineDates(path: string): Promise<readonly (string | undefined)[]> {
  return blameDates(['--', basename(path)], dirname(path));
}

/**
 * readLineDates for the files of `dataDir`, asking git blame only about the
 * files git tracks (listed once): a folder of 100 000 generated files that git
 * does not know costs one git process, not one per file.
 */
export async function trackedLineDates(dataDir: string): Promise<(path: string) => Promise<readonly (string | undefined)[]>> {
  const tracked = await trackedFiles(dataDir);
  return async (path) => (tracked.has(resolve(path)) ? readLineDates(path) : []);
}

/** The absolute paths of the files git tracks under `dir` (none outside a checkout). */
async function trackedFiles(dir: string): Promise<Set<string>> {
  // Names relative to `dir`, as the build spells the paths it reads.
  const git = spawn('git', ['ls-files', '-z', '--', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await new Promise<number | null>((done) => {
    git.on('error', () => done(null));
    git.on('close', done);
  });
  if (code !== 0) return new Set();
  return new Set(Buffer.concat(chunks).toString('utf8').split('\0').filter((name) => name !== '').map((name) => resolve(dir, name)));
}

/**
 * When each line of a file was last committed as of `commit` (the file's path
 * relative to the checkout's root `root`): the dates a build of that commit's
 * checkout would read, so a past release is built as it was.
 */
export async function readLineDatesAt(root: string, commit: string, path: string): Promise<readonly (string | undefined)[]> {
  return blameDates([commit, '--', path], root);
}

async function blameDates(args: readonly string[], cwd: string): Promise<readonly (string | undefined)[]> {
  // --incremental gives one entry per run of lines from the same commit, where
  // --porcelain gives one per line: for a generated 100 000-output file that
  // was hundreds of megabytes, past any buffer.
  const git = spawn('git', ['blame', '--incremental', ...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await new Promise<number | null>((resolve) => {
    git.on('error', () => resolve(null));
    git.on('close', resolve);
  });
  if (code !== 0) return [];
  return parseBlameIncremental(Buffer.concat(chunks).toString('utf8'));
}

/** The committer date of each line from `git blame --incremental` output, in line order. */
export function parseBlameIncremental(output: string): (string | undefined)[] {
  const commitTimes = new Map<string, string>();
  const runs: { commit: string; first: number; count: number }[] = [];
  let commit = '';
  for (const line of output.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+) (\d+)$/.exec(line);
    if (header) {
      commit = header[1]!;
      runs.push({ commit, first: Number(header[2]), count: Number(header[3]) });
    } else if (line.startsWith('committer-time ')) {
      commitTimes.set(commit, new Date(Number(line.slice('committer-time '.length)) * 1000).toISOString().replace('.000Z', 'Z'));
    }
  }
  const dates: (string | undefined)[] = [];
  for (const run of runs) {
    const date = UNCOMMITTED.test(run.commit) ? undefined : commitTimes.get(run.commit);
    for (let line = run.first; line < run.first + run.count; line += 1) dates[line - 1] = date;
  }
  return dates;
}

/** The latest of some ISO 8601 UTC dates, if any. */
export function latestDate(dates: Iterable<string | undefined>): string | undefined {
  let latest: string | undefined;
  for (const date of dates) if (date && (!latest || date > latest)) latest = date;
  return latest;
}
