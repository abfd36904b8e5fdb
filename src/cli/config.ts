import { resolve } from 'node:path';
import { DEFAULT_DCAT_AP_DIR } from '../build/load-shapes.js';

/** Settings from the environment, with the defaults a fresh checkout needs. */
export interface Config {
  readonly baseUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly vocabDir: string;
  readonly outDir: string;
  readonly dcatApDir: string;
}

/** Reads BASE_URL, PORT, DATA_DIR, VOCAB_DIR, DIST_DIR and DCAT_AP_SHAPES; rejects malformed values. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const baseUrl = env.BASE_URL ?? `http://localhost:${port}/`;
  return {
    baseUrl,
    port,
    dataDir: resolve(cwd, env.DATA_DIR ?? 'data'),
    vocabDir: resolve(cwd, env.VOCAB_DIR ?? 'vocab'),
    outDir: resolve(cwd, env.DIST_DIR ?? 'dist'),
    dcatApDir: resolve(cwd, env.DCAT_AP_SHAPES ?? DEFAULT_DCAT_AP_DIR),
  };
}
