import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeRuns, sortedRunText } from '../../src/build/sorted-runs.js';
import { N3ChunkWriter, sortQuads } from '../../src/graph/rdf-formats.js';

const turtle = (text: string) => new Parser({ baseIRI: 'http://example.org/' }).parse(`@prefix : <http://example.org/> . ${text}`);
const ntriples = (quads: Parameters<typeof sortQuads>[0]) => {
  const writer = new N3ChunkWriter('N-Triples');
  return writer.write(quads) + writer.end();
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oscg-runs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runFiles(slices: string[]): Promise<string[]> {
  const paths: string[] = [];
  for (const [index, slice] of slices.entries()) {
    const path = join(dir, `run-${paths.length}-${index}-${Math.random().toString(36).slice(2)}.nt`);
    await writeFile(path, sortedRunText(turtle(slice)));
    paths.push(path);
  }
  return paths;
}

describe('mergeRuns', () => {
  const slices = [
    ':c :p "3" . :a :p "1" . :b a :T ; :p "2" .',
    ':b :q "4" . :a :p "1" . <a#x> :p "5" .',
    ':d :p "6" . :c :p "3" . :b a :T .',
  ];

  it('merges sorted runs into the sorted union, each triple once', async () => {
    const merged = [...mergeRuns(await runFiles(slices), 1)].flat();
    expect(ntriples(merged)).toBe(ntriples(sortQuads(turtle(slices.join(' ')).filter((quad, index, all) => all.findIndex((other) => other.equals(quad)) === index))));
    expect(merged).toHaveLength(7);
  });

  it('ends a window only where a resource ends: a subject and its hash parts stay together', async () => {
    const windows = [...mergeRuns(await runFiles(slices), 1)].map((window) => [...new Set(window.map((quad) => quad.subject.value))]);
    expect(windows).toEqual([['http://example.org/a', 'http://example.org/a#x'], ['http://example.org/b'], ['http://example.org/c'], ['http://example.org/d']]);
    expect([...mergeRuns(await runFiles(slices), 100)]).toHaveLength(1);
  });

  it('yields nothing from empty runs', async () => {
    expect([...mergeRuns(await runFiles(['', '']), 10)]).toEqual([]);
  });
});
