import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DCAT_AP_DIR } from '../build/load-shapes.js';
import { IriScheme } from '../graph/iri-scheme.js';

/** The package's own folder: vocab/ ships with the program, while data/ and dist/ belong to the caller's folder. */
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Settings from the environment, with the defaults a fresh checkout needs. */
export interface Config {
  readonly baseUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly vocabDir: string;
  readonly outDir: string;
  readonly dcatApDir: string;
}

/** Reads BASE_URL (normalised to end in /), PORT, DATA_DIR, VOCAB_DIR, DIST_DIR and DCAT_AP_SHAPES; rejects malformed values. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const baseUrl = new IriScheme(env.BASE_URL ?? `http://localhost:${port}/`).base;
  return {
    baseUrl,
    port,
    dataDir: resolve(cwd, env.DATA_DIR ?? 'data'),
    vocabDir: env.VOCAB_DIR ? resolve(cwd, env.VOCAB_DIR) : resolve(PACKAGE_ROOT, 'vocab'),
    outDir: resolve(cwd, env.DIST_DIR ?? 'dist'),
    dcatApDir: env.DCAT_AP_SHAPES ? resolve(cwd, env.DCAT_AP_SHAPES) : resolve(PACKAGE_ROOT, DEFAULT_DCAT_AP_DIR),
  };
}
