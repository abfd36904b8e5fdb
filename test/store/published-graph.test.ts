import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { splitCharacterNTriples } from '../support/split-character-ntriples.js';
import { checkHeapFor, GraphTooLargeError, loadPublishedGraph, HEAP_BYTES_PER_TRIPLE } from '../../src/store/published-graph.js';

const { namedNode, literal } = DataFactory;
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function distWith(ntriples: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oscg-published-'));
  dirs.push(dir);
  await writeFile(join(dir, 'graph.nt'), ntriples);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({ baseUrl: 'http://example.org/', tripleCount: 0 }));
  return dir;
}

describe('loadPublishedGraph', () => {
  it('parses graph.nt read in slices into the store, a character split across two slices included, and shares the file bytes', async () => {
    const split = splitCharacterNTriples('@fr');
    const encoded = Buffer.from(`${split.text}_:b7 <http://example.org/p> <http://example.org/o> .\n`, 'utf8');
    expect(encoded.subarray(4 * 1024 * 1024 - 1, 4 * 1024 * 1024 + 1).toString('utf8')).toBe('é');

    const graph = await loadPublishedGraph(await distWith(encoded));
    expect(graph.store.size).toBe(split.lines + 1);
    expect(graph.store.has(DataFactory.quad(namedNode('http://example.org/split'), namedNode('http://example.org/p'), literal(split.literal, 'fr')))).toBe(true);
    // Blank node labels are kept as written: documents and the query workers name them alike.
    expect(graph.store.getSubjects(null, namedNode('http://example.org/o'), null).map((subject) => subject.value)).toEqual(['b7']);
    expect(Buffer.from(graph.ntriples).equals(encoded)).toBe(true);
    expect(graph.manifest.baseUrl).toBe('http://example.org/');
  });

  it('fails on graph.nt that is not N-Triples, saying which line', async () => {
    const dir = await distWith('<http://example.org/s> <http://example.org/p> "fine" .\n<http://example.org/s> <http://example.org/p> oops .\n');
    await expect(loadPublishedGraph(dir)).rejects.toThrow(/on line 2/);
  });
});

describe('checkHeapFor', () => {
  const MiB = 2 ** 20;
  it('lets a graph that takes up to seven tenths of the heap through, and refuses one a triple larger', () => {
    const heap = 1000 * MiB;
    const fits = Math.floor((0.7 * heap) / HEAP_BYTES_PER_TRIPLE);
    expect(() => checkHeapFor(fits, heap)).not.toThrow();
    expect(() => checkHeapFor(fits + 1, heap)).toThrow(GraphTooLargeError);
  });

  it('says what the graph needs, what the heap allows and what to start node with', () => {
    expect(() => checkHeapFor(8_089_359, 4144 * MiB)).toThrow(
      'The graph has 8,089,359 triples: the server needs about 4,629 MiB of JavaScript heap to hold it for documents and pages, and this process may use 4,144 MiB. ' +
        'Start node with a larger heap (NODE_OPTIONS=--max-old-space-size=7168) on a machine with the memory for it, or serve a smaller catalogue.',
    );
  });
});
