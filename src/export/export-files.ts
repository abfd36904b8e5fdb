import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

/** The content codings written beside a compressible body, as the server would send them, and their file suffixes. */
export const PRECOMPRESSED: readonly { readonly coding: string; readonly suffix: string }[] = [
  { coding: 'br', suffix: 'br' },
  { coding: 'gzip', suffix: 'gz' },
  { coding: 'deflate', suffix: 'zz' },
];

/** The export's record of what it wrote, by path, so a rebuild writes only what changed. */
export const EXPORT_MANIFEST = 'export-manifest.json';

/** Bumped when compression settings change, so every compressed file is written again. */
const COMPRESSION_SETTINGS = 'br6-1MiB-br5,gzip9,deflate9';

/** What one export did to its folder. */
export interface ExportFilesReport {
  /** Paths written (new or changed), relative to the folder, sorted. */
  readonly written: readonly string[];
  /** Paths of an earlier export that this one no longer has, now removed. */
  readonly removed: readonly string[];
  /** How many files were already as they should be and were left alone. */
  readonly unchanged: number;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function compress(coding: string, content: Buffer): Buffer {
  // Deterministic: the same bytes in give the same bytes out (gzip's header holds no time).
  if (coding === 'br') {
    const quality = content.length < 1 << 20 ? 6 : 5;
    return brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
  }
  if (coding === 'gzip') return gzipSync(content, { level: 9 });
  return deflateSync(content, { level: 9 });
}

/**
 * The files of an export, written incrementally: a file whose content (or, for
 * a compressed copy, whose source) is what the previous export recorded, and
 * which is still there, is not written again, so a rebuild touches only what
 * changed and a copy to a server or CDN moves only that. Each file is written
 * beside its place and renamed into it, so nginx never reads half a file.
 */
export class ExportFiles {
  private readonly current = new Map<string, string>();
  private readonly written: string[] = [];
  private unchanged = 0;

  private constructor(
    readonly dir: string,
    private readonly previous: ReadonlyMap<string, string>,
  ) {}

  /** Opens `dir` for an export: empty or absent, or holding an earlier export (its manifest says so); anything else is refused. */
  static async open(dir: string): Promise<ExportFiles> {
    let previous = new Map<string, string>();
    try {
      const manifest = JSON.parse(await readFile(join(dir, EXPORT_MANIFEST), 'utf8')) as { files?: Record<string, string> };
      previous = new Map(Object.entries(manifest.files ?? {}));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${join(dir, EXPORT_MANIFEST)} cannot be read: ${(error as Error).message}`);
      const entries = await readdir(dir).catch((reason: NodeJS.ErrnoException) => {
        if (reason.code === 'ENOENT') return [];
        throw reason;
      });
      if (entries.length > 0) throw new Error(`${dir} is not empty and holds no ${EXPORT_MANIFEST}: choose an empty folder, or one an earlier export wrote.`);
    }
    return new ExportFiles(dir, previous);
  }

  /**
   * Puts one file of the export; with `compressible`, its brotli, gzip and
   * deflate copies beside it (`.br`, `.gz`, `.zz`). Returns the codings written.
   */
  async put(path: string, content: Buffer | string, compressible = false): Promise<string[]> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const hash = sha256(bytes);
    await this.putVersion(path, hash, () => bytes);
    if (!compressible) return [];
    for (const { coding, suffix } of PRECOMPRESSED) {
      await this.putVersion(`${path}.${suffix}`, `${hash} ${coding} ${COMPRESSION_SETTINGS}`, () => compress(coding, bytes));
    }
    return PRECOMPRESSED.map(({ coding }) => coding);
  }

  private async putVersion(path: string, version: string, content: () => Buffer): Promise<void> {
    if (this.current.has(path)) throw new Error(`the export writes ${path} twice`);
    this.current.set(path, version);
    const target = join(this.dir, path);
    if (this.previous.get(path) === version && (await stat(target).then((info) => info.isFile(), () => false))) {
      this.unchanged += 1;
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    const staging = `${target}.tmp-${process.pid}`;
    await writeFile(staging, content());
    await rename(staging, target);
    this.written.push(path);
  }

  /** Removes what the previous export had and this one has not (and folders left empty), then records this export's files. */
  async finish(): Promise<ExportFilesReport> {
    const removed: string[] = [];
    for (const path of [...this.previous.keys()].sort()) {
      if (this.current.has(path)) continue;
      await rm(join(this.dir, path), { force: true });
      removed.push(path);
      await this.removeEmptyFolders(dirname(join(this.dir, path)));
    }
    const files = Object.fromEntries([...this.current].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await writeFile(join(this.dir, EXPORT_MANIFEST), `${JSON.stringify({ files }, null, 1)}\n`);
    return { written: [...this.written].sort(), removed, unchanged: this.unchanged };
  }

  /**
   * After a failed export: records every file the folder now holds from this
   * export or the previous one (this export's version where it wrote one), so
   * the next export recognises the folder and rewrites or removes them.
   */
  async abandon(): Promise<void> {
    const files = Object.fromEntries([...new Map([...this.previous, ...this.current])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, EXPORT_MANIFEST), `${JSON.stringify({ files }, null, 1)}\n`);
  }

  private async removeEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    while (relative(this.dir, current) !== '' && !relative(this.dir, current).startsWith('..')) {
      const left = await readdir(current).catch(() => ['?']);
      if (left.length > 0) return;
      await rmdir(current).catch(() => undefined);
      current = current.slice(0, current.lastIndexOf(sep));
    }
  }
}
