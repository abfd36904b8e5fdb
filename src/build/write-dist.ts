import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** One file to write into dist/. */
export interface DistFile {
  readonly name: string;
  readonly content: string;
}

/** The SHA-256 of a text, hex-encoded. */
export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Writes all files into a fresh sibling folder, then swaps it in, so a build
 * that fails half-way never leaves a half-written or emptied dist/.
 */
export async function writeDistAtomically(outDir: string, files: readonly DistFile[]): Promise<void> {
  const parent = dirname(outDir);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `${basename(outDir)}.tmp-${stamp}`);
  const retired = join(parent, `${basename(outDir)}.old-${stamp}`);
  await mkdir(staging, { recursive: true });
  try {
    for (const file of files) await writeFile(join(staging, file.name), file.content);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let hadPrevious = true;
  try {
    await rename(outDir, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    hadPrevious = false;
  }
  try {
    await rename(staging, outDir);
  } catch (error) {
    if (hadPrevious) await rename(retired, outDir);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}
