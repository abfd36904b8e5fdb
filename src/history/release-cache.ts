import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

/** What the cache keeps of one commit: its graph's identity, prefixes and document digests, or why the program could not build it. */
export type CachedCommit =
  | {
      readonly commit: string;
      readonly canonicalHash: string;
      readonly tripleCount: number;
      readonly prefixes: Readonly<Record<string, string>>;
      readonly documents: Readonly<Record<string, string>>;
    }
  | { readonly commit: string; readonly problem: string };

/** Bump when the layout of entries or graph files changes, so old ones are rebuilt rather than misread. */
const CACHE_FORMAT = 1;

/**
 * The built releases on disk: one small JSON entry per commit, keyed by
 * everything the build of that commit depends on (the commit, the base URL,
 * the program's code, the kinds, and the vocabulary when it is not in git),
 * and one gzipped canonical N-Quads file per distinct graph, named by its
 * canonical hash, so commits that give the same graph share one file. The
 * cache can be deleted at any time: it is rebuilt from git.
 */
export class ReleaseCache {
  private constructor(
    readonly dir: string,
    private readonly scope: string,
  ) {}

  /** The cache in `dir` for builds that depend on `scope` (the base URL, kinds, vocabulary outside git…) besides the commit and the code. */
  static async open(dir: string, scope: readonly unknown[]): Promise<ReleaseCache> {
    await mkdir(join(dir, 'entries'), { recursive: true });
    await mkdir(join(dir, 'graphs'), { recursive: true });
    return new ReleaseCache(dir, JSON.stringify([CACHE_FORMAT, await codeFingerprint(), ...scope]));
  }

  /** The entry of `commit`, or undefined when it was never built by this program for this scope (or the file is unreadable). */
  async entry(commit: string): Promise<CachedCommit | undefined> {
    try {
      const entry = JSON.parse(await readFile(this.entryPath(commit), 'utf8')) as CachedCommit;
      if (entry.commit !== commit) return undefined;
      if ('canonicalHash' in entry && !(await exists(this.graphPath(entry.canonicalHash)))) return undefined;
      return entry;
    } catch {
      return undefined;
    }
  }

  /** Stores a commit's entry and, for a built one, its canonical graph (once per distinct graph). */
  async store(entry: CachedCommit, nquads?: string): Promise<void> {
    if ('canonicalHash' in entry && nquads !== undefined) {
      const path = this.graphPath(entry.canonicalHash);
      if (!(await exists(path))) await writeAtomically(path, await promisify(gzip)(nquads));
    }
    await writeAtomically(this.entryPath(entry.commit), `${JSON.stringify(entry)}\n`);
  }

  /** The canonical N-Quads of the graph with this canonical hash. */
  async graph(canonicalHash: string): Promise<string> {
    return (await promisify(gunzip)(await readFile(this.graphPath(canonicalHash)))).toString('utf8');
  }

  /**
   * Removes every entry and graph file that the given commits and graphs do
   * not use: entries of commits no longer in the history, of an older program
   * or another base URL, and graphs no entry names. Returns how many files went.
   */
  async prune(commits: Iterable<string>, graphs: Iterable<string>): Promise<number> {
    const keepEntries = new Set([...commits].map((hash) => `${this.key(hash)}.json`));
    const keepGraphs = new Set([...graphs].map((hash) => `${hash}.nq.gz`));
    let removed = 0;
    for (const [folder, keep] of [['entries', keepEntries], ['graphs', keepGraphs]] as const) {
      for (const name of await readdir(join(this.dir, folder))) {
        if (keep.has(name)) continue;
        await rm(join(this.dir, folder, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  private key(hash: string): string {
    return createHash('sha256').update(`${this.scope}\n${hash}`).digest('hex').slice(0, 40);
  }

  private entryPath(hash: string): string {
    return join(this.dir, 'entries', `${this.key(hash)}.json`);
  }

  private graphPath(canonicalHash: string): string {
    if (!/^[0-9a-f]{64}$/.test(canonicalHash)) throw new Error(`Not a canonical hash: ${canonicalHash}`);
    return join(this.dir, 'graphs', `${canonicalHash}.nq.gz`);
  }
}

/**
 * A hash of the program that builds releases: every source file of it (src/
 * under tsx, lib/ once compiled) and the locked dependency versions. A release
 * is the commit's data as this program maps it, so another program means
 * building it again.
 */
async function codeFingerprint(): Promise<string> {
  const codeRoot = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  for (const path of await filesUnder(codeRoot)) {
    if (!/\.(ts|js|json)$/.test(path)) continue;
    hash.update(`${relative(codeRoot, path)}\n`).update(await readFile(path));
  }
  const lock = await readFile(fileURLToPath(new URL('../../package-lock.json', import.meta.url))).catch(() => undefined);
  if (lock) hash.update(lock);
  return hash.digest('hex');
}

/** Every file under `dir`, sorted, so the fingerprint does not depend on the order the file system lists them in. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)).sort();
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

/** Writes through a temporary sibling and a rename, so a reader never sees half a file and a crash leaves none. */
async function writeAtomically(path: string, content: string | Buffer): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
