import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What a written dist/ file is: its size and SHA-256, for the manifest. */
export interface WrittenFile {
  readonly bytes: number;
  readonly sha256: string;
}

/** A staged file being written. */
export interface StagedFile {
  /** Appends a piece, waiting while the disk catches up. */
  write(piece: string): Promise<void>;
  /** Finishes the file: its size and hash. */
  close(): Promise<WrittenFile>;
  /** Abandons the file (the staging folder is discarded anyway). */
  destroy(): void;
}

/**
 * A fresh sibling folder of dist/ that a build writes into and then swaps in,
 * so a build that fails half-way never leaves a half-written or emptied dist/.
 */
export class DistStaging {
  private constructor(
    readonly outDir: string,
    readonly dir: string,
    private readonly retired: string,
  ) {}

  /** Creates the staging folder beside `outDir`, first removing those that killed builds of `outDir` left behind. */
  static async open(outDir: string): Promise<DistStaging> {
    await removeLeftovers(outDir);
    const parent = dirname(outDir);
    // The pid tells a later build whether this one still runs (see removeLeftovers).
    const stamp = `${process.pid}-${Date.now()}`;
    const staging = new DistStaging(outDir, join(parent, `${basename(outDir)}.tmp-${stamp}`), join(parent, `${basename(outDir)}.old-${stamp}`));
    await mkdir(staging.dir, { recursive: true });
    return staging;
  }

  /** The path a file of this name will have once staged. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** Writes a file piece by piece (a dump never has to be one string in memory), hashing as it goes. */
  async write(name: string, pieces: string | Iterable<string> | AsyncIterable<string>, onPiece?: () => void): Promise<WrittenFile> {
    const file = this.open(name);
    try {
      if (typeof pieces === 'string') {
        await file.write(pieces);
      } else {
        for await (const piece of pieces) {
          await file.write(piece);
          onPiece?.();
        }
      }
    } catch (error) {
      file.destroy();
      throw error;
    }
    return file.close();
  }

  /** A file written a piece at a time by whoever holds it (several at once while the graph is merged), hashed as it goes. */
  open(name: string): StagedFile {
    const stream = createWriteStream(this.path(name));
    const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined);
    const hash = createHash('sha256');
    let bytes = 0;
    return {
      write: async (piece: string) => {
        if (piece.length === 0) return;
        const buffer = Buffer.from(piece);
        hash.update(buffer);
        bytes += buffer.length;
        if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), failed]);
      },
      close: async () => {
        stream.end();
        await Promise.race([once(stream, 'finish'), failed]);
        return { bytes, sha256: hash.digest('hex') };
      },
      destroy: () => {
        stream.destroy();
      },
    };
  }

  /** Swaps the staged folder in for dist/ (putting the previous one back if that fails). */
  async commit(): Promise<void> {
    let hadPrevious = true;
    try {
      await rename(this.outDir, this.retired);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        await this.discard();
        throw error;
      }
      hadPrevious = false;
    }
    try {
      await rename(this.dir, this.outDir);
    } catch (error) {
      if (hadPrevious) await rename(this.retired, this.outDir);
      await this.discard();
      throw error;
    }
    // The new dist/ is in place: failing to delete the old one must not report the build as failed.
    if (hadPrevious) await rm(this.retired, { recursive: true, force: true }).catch(() => {});
  }

  /** Removes the staging folder; dist/ is left as it was. */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** `{dist}.tmp-{pid}-{ms}` or `{dist}.old-{pid}-{ms}`, as DistStaging names its folders, read back. */
function parseSibling(name: string, dist: string): { readonly kind: 'tmp' | 'old'; readonly pid: number } | undefined {
  if (!name.startsWith(`${dist}.`)) return undefined;
  const match = /^(tmp|old)-(\d+)-\d+$/.exec(name.slice(dist.length + 1));
  return match ? { kind: match[1] as 'tmp' | 'old', pid: Number(match[2]) } : undefined;
}

/** Whether a process with this id exists; in doubt (no permission to signal it, an odd id), it does. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the folders that builds of `outDir` killed mid-way (kill -9, power
 * loss) left beside it: staging folders, and the retired previous dist/ when a
 * dist/ is back in place (without one it is the last good build). Only names
 * DistStaging makes for this very `outDir` are touched, and only when the pid
 * in the name is no running process, so a concurrent build keeps its folder.
 * A reused pid keeps a leftover until that process ends: wasted space, never a
 * lost build. Returns the paths removed.
 */
export async function removeLeftovers(outDir: string): Promise<string[]> {
  const parent = dirname(outDir);
  const dist = basename(outDir);
  let entries;
  try {
    entries = await readdir(parent, { withFileTypes: true });
  } catch {
    return [];
  }
  const distExists = entries.some((entry) => entry.name === dist);
  const removed: string[] = [];
  for (const entry of entries) {
    const sibling = entry.isDirectory() ? parseSibling(entry.name, dist) : undefined;
    if (!sibling || isRunning(sibling.pid) || (sibling.kind === 'old' && !distExists)) continue;
    const path = join(parent, entry.name);
    // A leftover that cannot be removed wastes space but harms no build: the next one tries again.
    await rm(path, { recursive: true, force: true }).then(() => removed.push(path), () => {});
  }
  return removed;
}
