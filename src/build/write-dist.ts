import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What a written dist/ file is: its size and SHA-256, for the manifest. */
export interface WrittenFile {
  readonly bytes: number;
  readonly sha256: string;
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

  /** Creates the staging folder beside `outDir`. */
  static async open(outDir: string): Promise<DistStaging> {
    const parent = dirname(outDir);
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
    const stream = createWriteStream(this.path(name));
    const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined);
    const hash = createHash('sha256');
    let bytes = 0;
    const write = async (piece: string) => {
      if (piece.length === 0) return;
      const buffer = Buffer.from(piece);
      hash.update(buffer);
      bytes += buffer.length;
      if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), failed]);
    };
    try {
      if (typeof pieces === 'string') {
        await write(pieces);
      } else {
        for await (const piece of pieces) {
          await write(piece);
          onPiece?.();
        }
      }
      stream.end();
      await Promise.race([once(stream, 'finish'), failed]);
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { bytes, sha256: hash.digest('hex') };
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
