import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const UNCOMMITTED = /^0{40}$/;

/**
 * When each line of a file was last committed (ISO 8601, UTC), from `git blame`.
 * Lines not yet committed, and files outside a git checkout, have no date: a
 * modification date is taken from history or not given at all.
 */
export async function readLineDates(path: string): Promise<readonly (string | undefined)[]> {
  let porcelain: string;
  try {
    ({ stdout: porcelain } = await run('git', ['blame', '--porcelain', '--', basename(path)], { cwd: dirname(path), maxBuffer: 64 << 20 }));
  } catch {
    return [];
  }
  return parseBlamePorcelain(porcelain);
}

/** The committer date of each line in `git blame --porcelain` output, in line order. */
export function parseBlamePorcelain(porcelain: string): (string | undefined)[] {
  const commitTimes = new Map<string, string>();
  const dates: (string | undefined)[] = [];
  let commit = '';
  let finalLine = 0;
  for (const line of porcelain.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
    if (header) {
      commit = header[1]!;
      finalLine = Number(header[2]);
    } else if (line.startsWith('committer-time ')) {
      commitTimes.set(commit, new Date(Number(line.slice('committer-time '.length)) * 1000).toISOString().replace('.000Z', 'Z'));
    } else if (line.startsWith('\t')) {
      dates[finalLine - 1] = UNCOMMITTED.test(commit) ? undefined : commitTimes.get(commit);
    }
  }
  return dates;
}

/** The latest of some ISO 8601 UTC dates, if any. */
export function latestDate(dates: Iterable<string | undefined>): string | undefined {
  let latest: string | undefined;
  for (const date of dates) if (date && (!latest || date > latest)) latest = date;
  return latest;
}
