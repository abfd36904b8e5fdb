import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDist } from '../../src/build/build-dist.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { CLI } from '../support/cli.js';

const BASE = 'http://localhost:3000/';
// Vite puts its own BASE_URL ("/") into the test process's environment; the CLI must not inherit it, nor a HOST.
const { BASE_URL: _viteBase, HOST: _host, ...cleanEnv } = process.env;
const FIXTURES = join(PROJECT_ROOT, 'test/fixtures');
/** An address of this machine that is not loopback, if it has one. */
const OTHER_ADDRESS = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal && address.family === 'IPv4')?.address;
let root: string;
let outDir: string;

/** `oscg serve` of dist/ with the settings `env` on a free port; resolves once it says where it listens. */
async function serve(env: Record<string, string>): Promise<{ child: ChildProcess; line: string; port: number }> {
  const child = spawn('node', [...CLI, 'serve'], { cwd: PROJECT_ROOT, env: { ...cleanEnv, BASE_URL: BASE, PORT: '0', SPARQL_WORKERS: '1', DIST_DIR: outDir, ...env } });
  // Output is read for as long as the server runs: a closed pipe would fail its next access-log line (EPIPE).
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const line = /^Serving .*\(listening on .*:(\d+)\)$/m.exec(output);
      if (line) resolve({ child, line: line[0], port: Number(line[1]) });
    });
    child.once('exit', () => reject(new Error(`oscg serve stopped before listening:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  return (await exited)[0] as number | null;
}

/** Whether a TCP connection to `host`:`port` is accepted ('connected') or refused (the error code). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oscg-serve-'));
  outDir = join(root, 'dist');
  await buildDist({ dataDir: join(PROJECT_ROOT, 'data'), vocabDir: join(PROJECT_ROOT, 'vocab'), outDir, baseUrl: BASE });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('oscg serve: HOST', () => {
  it('HOST=127.0.0.1 listens on loopback only, and says so', async () => {
    const { child, line, port } = await serve({ HOST: '127.0.0.1' });
    try {
      expect(line).toMatch(new RegExp(`^Serving \\d+ triples at ${BASE} \\(listening on 127\\.0\\.0\\.1:${port}\\)$`));
      expect(await tryConnect('127.0.0.1', port)).toBe('connected');
      if (OTHER_ADDRESS) expect(await tryConnect(OTHER_ADDRESS, port)).toBe('ECONNREFUSED');
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('without HOST listens on every interface, as before', async () => {
    const { child, line, port } = await serve({});
    try {
      expect(line).toMatch(new RegExp(`\\(listening on (\\[::\\]|0\\.0\\.0\\.0):${port}\\)$`));
      expect(await tryConnect('127.0.0.1', port)).toBe('connected');
      if (OTHER_ADDRESS) expect(await tryConnect(OTHER_ADDRESS, port)).toBe('connected');
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('exits 2 with a clear message on a malformed HOST', async () => {
    const child = spawn('node', [...CLI, 'serve'], { cwd: PROJECT_ROOT, env: { ...cleanEnv, HOST: 'http://127.0.0.1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect({ code, stderr }).toEqual({ code: 2, stderr: 'HOST must be an IP address or a host name such as 127.0.0.1, ::1 or localhost, not "http://127.0.0.1"\n' });
  });
});

describe('oscg serve: the release history of data/', () => {
  it('serves the checkout\'s own history: releases from git, the latest one the graph served when data/ and vocab/ are committed, Memento on its IRIs', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    const commits = git('log', '--first-parent', '--format=%H', '--', 'data', 'vocab').split('\n').filter(Boolean);
    const { child, port } = await serve({ RELEASE_CACHE_DIR: join(root, 'releases') });
    try {
      const base = `http://127.0.0.1:${port}/`;
      const { releases } = (await (await fetch(`${base}releases`)).json()) as { releases: { id: string; datetime: string; commits: string[]; canonicalHash: string; current: boolean }[] };
      // Every commit of data/ or vocab/ is in one release (none of them is data this program rejects).
      expect(releases.flatMap((release) => release.commits).sort()).toEqual([...commits].sort());
      expect(releases.map((release) => release.id)).toEqual([...releases.map((release) => release.id)].sort());
      const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as { canonicalHash: string };
      if (git('status', '--porcelain', '--', 'data', 'vocab') === '') {
        expect(releases.at(-1)).toMatchObject({ canonicalHash: manifest.canonicalHash, current: true });
      }
      const gate = await fetch(`${base}timegate/id/output/open-smart-cities-guide`, { redirect: 'manual', headers: { 'Accept-Datetime': 'Thu, 01 Jan 1970 00:00:00 GMT' } });
      expect(gate.status).toBe(302);
      const memento = await fetch(gate.headers.get('location')!.replace(BASE, base), { redirect: 'manual', headers: { Accept: 'text/turtle' } });
      expect([memento.status, memento.headers.get('memento-datetime')]).toEqual([303, new Date(releases[0]!.datetime).toUTCString()]);
      // The change stream and "what's new" of the real history: the guide created in the first release, a section per release.
      const members: string[] = [];
      for (let path: string | undefined = 'changes'; path; ) {
        const quads: Quad[] = new Parser({ format: 'application/n-quads' }).parse(await (await fetch(`${base}${path}`, { headers: { Accept: 'application/n-quads' } })).text());
        members.push(...quads.filter((quad) => quad.predicate.value === 'https://w3id.org/tree#member').map((quad) => quad.object.value));
        path = quads.find((quad) => quad.predicate.value === 'https://w3id.org/tree#node')?.object.value.slice(BASE.length);
      }
      expect(members).toContain(`${BASE}history/output/open-smart-cities-guide#change-${releases[0]!.id}`);
      expect(new Set(members).size).toBe(members.length);
      const whatsNew = await (await fetch(`${base}whats-new`, { headers: { Accept: 'text/html' } })).text();
      expect(releases.slice(-10).filter((release) => !whatsNew.includes(`id="release-${release.id}"`))).toEqual([]);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('serves no history with HISTORY=off, and says so', async () => {
    const { child, port } = await serve({ HISTORY: 'off' });
    try {
      const gate = await fetch(`http://127.0.0.1:${port}/timegate/id/output/open-smart-cities-guide`, { redirect: 'manual' });
      expect(gate.status).toBe(404);
      expect(((await gate.json()) as { detail: string }).detail).toMatch(/^This server has no releases \(HISTORY=off\)/);
      expect((await fetch(`http://127.0.0.1:${port}/doc/output/open-smart-cities-guide.ttl`)).headers.get('link')).not.toContain('timegate');
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });
});

describe('oscg serve: data it cannot read', () => {
  it('rebuilds and reports a broken symbolic link in data/ instead of failing on it', async () => {
    const dataDir = join(root, 'data');
    await cp(join(FIXTURES, 'valid-data'), dataDir, { recursive: true });
    await rm(join(dataDir, 'people.yaml'));
    await symlink('gone.yaml', join(dataDir, 'people.yaml'));
    // A dist/ newer than every data file, so that deciding whether it is stale has to look at each of them.
    const outDir = join(root, 'dist-newer');
    await mkdir(outDir);
    await writeFile(join(outDir, 'manifest.json'), '{}');
    const later = new Date(Date.now() + 3_600_000);
    await utimes(join(outDir, 'manifest.json'), later, later);
    const child = spawn('node', [...CLI, 'serve', '--data', dataDir], { cwd: root, env: { ...cleanEnv, BASE_URL: BASE, DIST_DIR: outDir } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: `Build failed; ${outDir} is unchanged.\nThe data files have 1 problem:\n  data/people.yaml, line 1: file is a symbolic link to "gone.yaml", which does not exist\n`,
    });
  });
});

describe('oscg serve: a graph too large for the heap', () => {
  it('refuses it in one line, naming the heap it needs, before parsing it', async () => {
    // dist/ as built, but its manifest says the graph has 10 million triples: the check reads the count, not the file.
    const bigDir = join(root, 'dist-big');
    await cp(outDir, bigDir, { recursive: true });
    const manifest = JSON.parse(await readFile(join(bigDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(bigDir, 'manifest.json'), JSON.stringify({ ...manifest, tripleCount: 10_000_000 }));
    const later = new Date(Date.now() + 3_600_000);
    await utimes(join(bigDir, 'manifest.json'), later, later);
    const child = spawn('node', ['--max-old-space-size=1024', ...CLI, 'serve'], { cwd: PROJECT_ROOT, env: { ...cleanEnv, BASE_URL: BASE, PORT: '0', DIST_DIR: bigDir } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^The graph has 10,000,000 triples: the server needs about 5,723 MiB of JavaScript heap to hold it for documents and pages, and this process may use 1,0\d\d MiB\. Start node with a larger heap \(NODE_OPTIONS=--max-old-space-size=8192\) on a machine with the memory for it, or serve a smaller catalogue\.\n$/,
    );
  });
});
