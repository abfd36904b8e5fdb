import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { Parser } from 'n3';
import TinyQueue from 'tinyqueue';
import type { Quad } from '@rdfjs/types';
import { compareKeyedQuads, keyedQuad, N3ChunkWriter, sortQuads, type KeyedQuad } from '../graph/rdf-formats.js';

/** One slice of the graph, sorted as the dumps are (sortQuads) and written as N-Triples, to be merged with the others. */
export function sortedRunText(quads: readonly Quad[]): string {
  const writer = new N3ChunkWriter('N-Triples');
  return writer.write(sortQuads(quads)) + writer.end();
}

/** Bytes read from a run at a time: a run is parsed a block at a time, never whole. */
const BLOCK_BYTES = 1 << 20;

/** The quads of one sorted run file, a block at a time. */
class RunReader {
  private readonly fd: number;
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer = Buffer.alloc(BLOCK_BYTES);
  private rest = '';
  private quads: KeyedQuad[] = [];
  private next = 0;
  private done = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The quad at the head of the run, or undefined once it is exhausted. */
  head(): KeyedQuad | undefined {
    while (this.next >= this.quads.length && !this.done) this.fill();
    return this.quads[this.next];
  }

  /** Moves past the head. */
  advance(): void {
    this.next += 1;
  }

  private fill(): void {
    const read = readSync(this.fd, this.buffer, 0, BLOCK_BYTES, null);
    let text: string;
    if (read === 0) {
      this.done = true;
      closeSync(this.fd);
      text = this.rest + this.decoder.end();
      this.rest = '';
    } else {
      const chunk = this.rest + this.decoder.write(this.buffer.subarray(0, read));
      const end = chunk.lastIndexOf('\n') + 1;
      text = chunk.slice(0, end);
      this.rest = chunk.slice(end);
    }
    this.quads = text ? new Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text).map(keyedQuad) : [];
    this.next = 0;
  }
}

/**
 * The union of sorted runs in sortQuads order, each quad once, in windows of
 * at least `quadsPerWindow` quads that end where a resource ends (a subject
 * and its hash parts, `…/x` and `…/x#…`, which sort together): every triple of
 * a subject is in one window.
 */
export function* mergeRuns(paths: readonly string[], quadsPerWindow: number): Generator<Quad[]> {
  // The runs by their heads: a run is taken off at its head and put back once it has moved past it.
  const queue = new TinyQueue<RunReader>(
    paths.map((path) => new RunReader(path)).filter((run) => run.head() !== undefined),
    (a, b) => compareKeyedQuads(a.head()!, b.head()!),
  );
  let window: Quad[] = [];
  let last: KeyedQuad | undefined;
  let owner = '';
  for (let run = queue.pop(); run; run = queue.pop()) {
    const head = run.head()!;
    run.advance();
    if (run.head() !== undefined) queue.push(run);
    if (last && compareKeyedQuads(last, head) === 0) continue;
    last = head;
    const headOwner = ownerOf(head.quad);
    if (window.length >= quadsPerWindow && headOwner !== owner) {
      yield window;
      window = [];
    }
    owner = headOwner;
    window.push(head.quad);
  }
  if (window.length > 0) yield window;
}

/** The resource a subject belongs to: its IRI without the fragment. */
function ownerOf(quad: Quad): string {
  const { value } = quad.subject;
  const hash = value.indexOf('#');
  return `${quad.subject.termType} ${hash < 0 ? value : value.slice(0, hash)}`;
}
